package routes.transforms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one {@code type} of a {@link SqlTransform} writes: which years (the latest, or all), the template, the series
 * (columns), the heading and series headings, optionally the column whose min/max becomes {@code meta.scale}, the
 * columns whose missing rows are dropped first, and optionally its own query over the function's tables (default:
 * the frame the function's SQL file ends with).
 */
public record OutputType(boolean latestYear, Template template, List<String> series, String heading,
                         List<Map<String, Object>> seriesHeadings, String scaleColumn, List<String> dropMissing, String query) {

    /** The latest year only (the original's {@code status()}). */
    public static OutputType latest(Template template, String... series) {
        return new OutputType(true, template, List.of(series), "", List.of(), null, List.of(), null);
    }

    /** Every year (the original's {@code historic()}). */
    public static OutputType allYears(Template template, String... series) {
        return new OutputType(false, template, List.of(series), "", List.of(), null, List.of(), null);
    }

    @SafeVarargs
    public final OutputType heading(String heading, Map<String, Object>... seriesHeadings) {
        return new OutputType(latestYear, template, series, heading, List.of(seriesHeadings), scaleColumn, dropMissing, query);
    }

    public OutputType scale(String column) {
        return new OutputType(latestYear, template, series, heading, seriesHeadings, column, dropMissing, query);
    }

    public OutputType dropMissing(String... columns) {
        return new OutputType(latestYear, template, series, heading, seriesHeadings, scaleColumn, Arrays.asList(columns), query);
    }

    public OutputType query(String sql) {
        return new OutputType(latestYear, template, series, heading, seriesHeadings, scaleColumn, dropMissing, sql);
    }
}
