package routes.transforms.functions;

import routes.transforms.Frame;
import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.Template;
import routes.transforms.TransformFunction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.checked;

/**
 * Moves by age group (flyttehyppighet-totalt) and by age group and immigration category (flyttehyppighet-inn-kat):
 * one custom template for both. Per geography, per year {@code {"year", "immigration": [per age group], "emigration":
 * [per age group]}}; {@code historisk} writes the list of years, {@code status} the one object of the latest year.
 */
public final class Flyttehyppighet {
    private Flyttehyppighet() {
    }

    static final String AGE_GROUP = "aldersgruppe_5_aar";

    /** The output key of each flow and its input column, per direction, in the original's key order. */
    record Flows(Map<String, String> immigration, Map<String, String> emigration) {
    }

    static final Flows TOTALT = new Flows(
            ordered("mellomBydeler", "innflytting_mellom_bydeler", "innenforBydelen", "innflytting_innenfor_bydelen", "tilFraOslo", "innflytting_til_oslo"),
            ordered("mellomBydeler", "utflytting_mellom_bydeler", "innenforBydelen", "utflytting_innenfor_bydelen", "tilFraOslo", "utflytting_fra_oslo"));

    static final Flows INN_KAT = new Flows(
            ordered("mellomBydel", "innflytting_mellom_bydeler", "tilFraOslo", "innflytting_til_oslo", "innenforBydel", "innflytting_innenfor_bydelen"),
            ordered("mellomBydel", "utflytting_mellom_bydeler", "tilFraOslo", "utflytting_fra_oslo", "innenforBydel", "utflytting_innenfor_bydelen"));

    /** inn-kat: each flow is an object of the categories, key -> the column suffix the SQL gives it. */
    static final Map<String, String> CATEGORIES = ordered("innvandrer", "_innvandrer", "norskfødt", "_norskfodt", "øvrige", "_ovrige", "totalt", "_totalt");

    /**
     * The shared template: the geography's rows (one per year and age group, in age-group order within a year) grouped
     * by year. {@code categories} empty: a flow is its column's value; else an object of the category columns.
     */
    static Template template(Flows flows, Map<String, String> categories, boolean latestOnly) {
        // each flow's category columns named once, not per cell
        Map<String, Map<String, String>> immigration = categoryColumns(flows.immigration(), categories);
        Map<String, Map<String, String>> emigration = categoryColumns(flows.emigration(), categories);
        return new Template() {
            @Override
            public List<Object> values(Frame frame, List<Object[]> rows, List<String> series) {
                Map<Object, Map<String, Object>> years = new LinkedHashMap<>();
                for (Object[] row : rows) {
                    Object year = frame.get(row, Frame.DATE);
                    Map<String, Object> value = years.computeIfAbsent(year, y -> {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("year", y);
                        v.put("immigration", new ArrayList<>());
                        v.put("emigration", new ArrayList<>());
                        return v;
                    });
                    add(value, "immigration", ageGroup(frame, row, flows.immigration(), immigration, year));
                    add(value, "emigration", ageGroup(frame, row, flows.emigration(), emigration, year));
                }
                return new ArrayList<>(years.values());
            }

            @Override
            public Object entryValues(Frame frame, List<Object[]> rows, List<String> series) {
                List<Object> years = values(frame, rows, series);
                if (!latestOnly) {
                    return years;
                }
                // status has one year left: the original wrote that year's object, not a list
                return years.get(years.size() - 1);
            }

            private Map<String, Object> ageGroup(Frame frame, Object[] row, Map<String, String> flowColumns,
                                                 Map<String, Map<String, String>> categoryColumns, Object year) {
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("alder", checked(AGE_GROUP, year, frame.get(row, AGE_GROUP)));
                flowColumns.forEach((key, column) -> {
                    if (categories.isEmpty()) {
                        group.put(key, checked(column, year, frame.get(row, column)));
                    } else {
                        Map<String, Object> byCategory = new LinkedHashMap<>();
                        categoryColumns.get(key).forEach((category, categoryColumn) -> byCategory.put(category, checked(categoryColumn, year, frame.get(row, categoryColumn))));
                        group.put(key, byCategory);
                    }
                });
                return group;
            }

            @SuppressWarnings("unchecked")
            private static void add(Map<String, Object> value, String direction, Map<String, Object> group) {
                ((List<Object>) value.get(direction)).add(group);
            }
        };
    }

    /** Per flow key, category -> its column (the flow's column and the category's suffix). */
    private static Map<String, Map<String, String>> categoryColumns(Map<String, String> flowColumns, Map<String, String> categories) {
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        flowColumns.forEach((key, column) -> {
            Map<String, String> byCategory = new LinkedHashMap<>();
            categories.forEach((category, suffix) -> byCategory.put(category, column + suffix));
            columns.put(key, byCategory);
        });
        return columns;
    }

    private static final String TOTALT_HEADING = "Flytting etter alder";
    private static final String INN_KAT_HEADING = "Flytting med innvandringskategorier";

    public static final TransformFunction TOTALT_FUNCTION = SqlTransform.named("flyttehyppighet-totalt")
            .input("flytting-fra-etter-alder")
            .input("flytting-til-etter-alder")
            .type("historisk", OutputType.allYears(template(TOTALT, Map.of(), false)).heading(TOTALT_HEADING, series("Flytting", "")))
            .type("status", OutputType.latest(template(TOTALT, Map.of(), true)).heading(TOTALT_HEADING, series("Flytting", "")))
            .build();

    public static final TransformFunction INN_KAT_FUNCTION = SqlTransform.named("flyttehyppighet-inn-kat")
            .input("flytting-fra-etter-inn-kat")
            .input("flytting-til-etter-inn-kat")
            .type("historisk", OutputType.allYears(template(INN_KAT, CATEGORIES, false)).heading(INN_KAT_HEADING, series(INN_KAT_HEADING, "")))
            .type("status", OutputType.latest(template(INN_KAT, CATEGORIES, true)).heading(INN_KAT_HEADING, series(INN_KAT_HEADING, "")))
            .build();

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
