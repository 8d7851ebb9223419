package routes.transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The original's value templates. */
public final class Templates {
    private Templates() {
    }

    /** A / B / I / J: a flat list; per series, one {@code {"value", "ratio"?, "date"}} per row. */
    public static final Template A = (frame, rows, series) -> {
        List<Object> values = new ArrayList<>();
        for (String s : series) {
            String ratio = ratioColumn(frame, s);
            for (Object[] row : rows) {
                values.add(value(frame, row, s, ratio));
            }
        }
        return values;
    };
    public static final Template B = A;
    public static final Template I = A;
    public static final Template J = A;

    /** C: one list per series, each {@code [{"value", "ratio"?, "date"} per row]}. */
    public static final Template C = (frame, rows, series) -> {
        List<Object> values = new ArrayList<>();
        for (String s : series) {
            List<Object> perSeries = new ArrayList<>();
            String ratio = ratioColumn(frame, s);
            for (Object[] row : rows) {
                perSeries.add(value(frame, row, s, ratio));
            }
            values.add(perSeries);
        }
        return values;
    };

    /**
     * E (age distribution, one year): per age column, {@code {"age", "mann", "kvinne", "value", "ratio", "date"}} with
     * mann from the kjonn 1 row, kvinne from the kjonn 2 row, ratio = value / the sum of {@code total} over the rows.
     */
    public static final Template E = (frame, rows, series) -> {
        Object[] men = null;
        Object[] women = null;
        double total = 0;
        for (Object[] row : rows) {
            Object sex = frame.get(row, "kjonn");
            long code = sex instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(sex).strip());
            if (code == 1) {
                men = row;
            } else if (code == 2) {
                women = row;
            }
            total += number(frame, row, "total").doubleValue();
        }
        Object date = rows.isEmpty() ? null : frame.get(rows.get(0), Frame.DATE);
        if (men == null || women == null) {
            throw new Template.MissingValue("kjonn " + (men == null ? 1 : 2), date);
        }
        List<Object> values = new ArrayList<>();
        for (String age : series) {
            Number m = number(frame, men, age);
            Number w = number(frame, women, age);
            Number sum = add(m, w);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("age", age);
            v.put("mann", m);
            v.put("kvinne", w);
            v.put("value", sum);
            Double ratio = sum.doubleValue() / total;
            if (Frame.isMissing(ratio)) {
                // the column named only when it is reported (not a string per value)
                throw new Template.MissingValue(age + "_ratio", date);
            }
            v.put("ratio", ratio);
            v.put("date", date);
            values.add(v);
        }
        return values;
    };

    /**
     * G (key numbers): {@code [<series values at the latest date>..., [<history columns of the first row>], <date>]}.
     */
    public static Template g(List<String> historyColumns) {
        return (frame, rows, series) -> {
            List<Object> history = new ArrayList<>();
            for (String column : historyColumns) {
                history.add(frame.has(column) ? checked(column, null, frame.get(rows.get(0), column)) : null);
            }
            Object[] latest = rows.get(rows.size() - 1);
            List<Object> values = new ArrayList<>();
            for (String s : series) {
                values.add(checked(s, frame.get(latest, Frame.DATE), frame.get(latest, s)));
            }
            values.add(history);
            values.add(frame.get(latest, Frame.DATE));
            return values;
        };
    }

    /** G with the population of the last {@code years} years as history: columns named by the years up to the latest. */
    public static Template gLastYears(int years) {
        return (frame, rows, series) -> {
            Long max = frame.maxDate();
            List<String> columns = new ArrayList<>();
            for (long year = max - years + 1; year <= max; year++) {
                columns.add(String.valueOf(year));
            }
            return g(columns).values(frame, rows, series);
        };
    }

    /**
     * H: per group of columns (series here are groups joined with {@code ,}), a list over rows of
     * {@code {"date", <column>: value...}} without the missing fields; rows left with only the date are dropped.
     */
    public static final Template H = (frame, rows, series) -> {
        List<Object> values = new ArrayList<>();
        for (String group : series) {
            List<Object> perGroup = new ArrayList<>();
            for (Object[] row : rows) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("date", frame.get(row, Frame.DATE));
                for (String column : group.split(",")) {
                    Object value = frame.has(column) ? frame.get(row, column) : null;
                    if (!Frame.isMissing(value)) {
                        v.put(column, value);
                    }
                }
                if (v.size() > 1) {
                    perGroup.add(v);
                }
            }
            values.add(perGroup);
        }
        return values;
    };

    /** K: a flat list; per series, per row {@code {"date", "districtRatio", "osloRatio"}}. */
    public static final Template K = (frame, rows, series) -> {
        List<Object> values = new ArrayList<>();
        for (String s : series) {
            for (Object[] row : rows) {
                Object date = frame.get(row, Frame.DATE);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("date", date);
                v.put("districtRatio", checked(s + "_ratio_district", date, frame.get(row, s + "_ratio_district")));
                v.put("osloRatio", checked(s + "_ratio_oslo", date, frame.get(row, s + "_ratio_oslo")));
                values.add(v);
            }
        }
        return values;
    };

    /** {@code <series>_ratio} when the frame has that column, else null. */
    static String ratioColumn(Frame frame, String series) {
        String ratio = series + "_ratio";
        return frame.has(ratio) ? ratio : null;
    }

    /** {@code {"value", "ratio", "date"}} when the series has a ratio column ({@link #ratioColumn}), else {@code {"value", "date"}}. */
    static Map<String, Object> value(Frame frame, Object[] row, String series, String ratioColumn) {
        Object date = frame.get(row, Frame.DATE);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", checked(series, date, frame.get(row, series)));
        if (ratioColumn != null) {
            v.put("ratio", checked(ratioColumn, date, frame.get(row, ratioColumn)));
        }
        v.put("date", date);
        return v;
    }

    public static Object checked(String column, Object date, Object value) {
        if (Frame.isMissing(value)) {
            throw new Template.MissingValue(column, date);
        }
        return value;
    }

    private static Number number(Frame frame, Object[] row, String column) {
        Object value = checked(column, frame.get(row, Frame.DATE), frame.get(row, column));
        if (value instanceof Number n) {
            return n;
        }
        throw new Template.MissingValue(column + " (not a number: " + value + ")", frame.get(row, Frame.DATE));
    }

    private static Number add(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x + y;
        }
        return a.doubleValue() + b.doubleValue();
    }
}
