package routes.transforms;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A query result held for output: column names and rows. Integers come out as {@link Long}, decimals as
 * {@link Double} (as pandas holds them: int64 / float64), text as {@link String}, missing values as null.
 */
public final class Frame {
    public static final String DATE = "date";
    public static final String DISTRICT_ID = "bydel_id";
    public static final String DISTRICT_NAME = "bydel_navn";
    public static final String SUB_DISTRICT_ID = "delbydel_id";
    public static final String SUB_DISTRICT_NAME = "delbydel_navn";

    private final List<String> columns;
    private final Map<String, Integer> index;
    private final List<Object[]> rows;

    public Frame(List<String> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        this.index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.putIfAbsent(columns.get(i), i);
        }
        this.rows = Collections.unmodifiableList(rows);
    }

    static Frame read(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<Object[]> rows = new ArrayList<>();
        while (result.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = normalise(result.getObject(i + 1));
            }
            rows.add(row);
        }
        return new Frame(columns, rows);
    }

    static Object normalise(Object value) {
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    public List<String> columns() {
        return columns;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    public List<Object[]> rows() {
        return rows;
    }

    public Object get(Object[] row, String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column '" + column + "' (the frame has " + columns + ")");
        }
        return row[i];
    }

    public String text(Object[] row, String column) {
        Object value = get(row, column);
        return value == null ? null : value.toString();
    }

    public Frame filter(Predicate<Object[]> keep) {
        List<Object[]> kept = new ArrayList<>();
        for (Object[] row : rows) {
            if (keep.test(row)) {
                kept.add(row);
            }
        }
        return new Frame(columns, kept);
    }

    /** The rows of the latest {@code date} (the original's {@code status()} on one frame). */
    public Frame latestYear() {
        Long max = maxDate();
        return max == null ? this : filter(row -> max.equals(get(row, DATE)));
    }

    public Long maxDate() {
        Long max = null;
        for (Object[] row : rows) {
            if (get(row, DATE) instanceof Long date && (max == null || date > max)) {
                max = date;
            }
        }
        return max;
    }

    /** Drops the rows where any of the columns is missing (or NaN). */
    public Frame dropMissing(List<String> columnsToCheck) {
        return filter(row -> columnsToCheck.stream().noneMatch(c -> isMissing(get(row, c))));
    }

    static boolean isMissing(Object value) {
        return value == null || (value instanceof Double d && (d.isNaN() || d.isInfinite()));
    }
}
