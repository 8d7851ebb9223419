package routes.transforms;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's {@code meta}: {@code heading, series, publishedDate, help, scope, scale} in this order. Built fresh for
 * every invocation (the original's module-level objects kept a scale between warm invocations) with the publication
 * date from the invocation's clock (the original's was frozen when the module was imported).
 */
public final class Metadata {
    public static final String HELP = "Dette er en beskrivelse for hvordan dataene leses";

    private Metadata() {
    }

    public static Map<String, Object> of(String heading, List<Map<String, Object>> series, Clock clock, Object scale) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("heading", heading);
        meta.put("series", series);
        meta.put("publishedDate", LocalDate.now(clock).toString());
        meta.put("help", HELP);
        meta.put("scope", "bydel");
        meta.put("scale", scale == null ? List.of() : scale);
        return meta;
    }

    /** A series heading {@code {"heading", "subheading"}}; the subheading may be a string or {@code false}. */
    public static Map<String, Object> series(String heading, Object subheading) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("heading", heading);
        s.put("subheading", subheading);
        return s;
    }

    /**
     * The original's {@code get_min_max_values_and_ratios}: over the rows of the latest date, districts 16, 17 and 99
     * left out, {@code {"value": [min, max], "ratio": [min, max]}} of the column and its {@code _ratio} column, as
     * floats; a column the frame lacks gives {@code [0.0, 0.0]}.
     */
    public static Map<String, Object> scale(Frame frame, String column) {
        Frame rows = frame.filter(r -> !List.of("16", "17", "99").contains(String.valueOf(frame.text(r, Frame.DISTRICT_ID)))).latestYear();
        Map<String, Object> scale = new LinkedHashMap<>();
        scale.put("value", minMax(rows, column));
        scale.put("ratio", minMax(rows, column + "_ratio"));
        return scale;
    }

    private static List<Double> minMax(Frame rows, String column) {
        List<Double> range = new ArrayList<>(List.of(0.0, 0.0));
        if (!rows.has(column)) {
            return range;
        }
        Double min = null;
        Double max = null;
        for (Object[] row : rows.rows()) {
            if (rows.get(row, column) instanceof Number n && !Double.isNaN(n.doubleValue())) {
                double d = n.doubleValue();
                min = min == null ? d : Math.min(min, d);
                max = max == null ? d : Math.max(max, d);
            }
        }
        if (min != null) {
            range.set(0, min);
            range.set(1, max);
        }
        return range;
    }
}
