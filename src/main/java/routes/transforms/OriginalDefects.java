package routes.transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's byte-level defects in the district files, fixed when {@code transforms.fix-original-defects} is
 * true (default false: the website reads the files as the original wrote them). One pass over every function's
 * output, so a function states its original bytes once and the fix applies to all:
 * <ul>
 *   <li>a series heading keyed {@code "Heading"} (ikke-fullfort-vgs) becomes {@code "heading"}, in its place;</li>
 *   <li>the district name "Byel Søndre Nordstrand" (the original's id-to-name table) becomes "Bydel Søndre
 *       Nordstrand" wherever a file names a district or geography;</li>
 *   <li>the heading "Under 0,5 rom per preson" (trangboddhet under-0-5_status) becomes "Under 0,5 rom per person".</li>
 * </ul>
 */
public final class OriginalDefects {
    static final String DISTRICT_TYPO = "Byel Søndre Nordstrand";
    static final String DISTRICT_NAME = "Bydel Søndre Nordstrand";
    static final Map<String, String> HEADINGS = Map.of("Under 0,5 rom per preson", "Under 0,5 rom per person");

    private OriginalDefects() {
    }

    /** The files with the defects fixed (new maps; the input is not changed). */
    public static List<Map<String, Object>> fix(List<Map<String, Object>> files) {
        List<Map<String, Object>> fixed = new ArrayList<>(files.size());
        for (Map<String, Object> file : files) {
            fixed.add(fixFile(file));
        }
        return fixed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixFile(Map<String, Object> file) {
        Map<String, Object> out = new LinkedHashMap<>(file);
        out.computeIfPresent("district", (k, v) -> districtName(v));
        if (out.get("data") instanceof List<?> data) {
            List<Object> entries = new ArrayList<>(data.size());
            for (Object entry : data) {
                if (entry instanceof Map<?, ?> e) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) e);
                    copy.computeIfPresent("geography", (k, v) -> districtName(v));
                    entries.add(copy);
                } else {
                    entries.add(entry);
                }
            }
            out.put("data", entries);
        }
        if (out.get("meta") instanceof Map<?, ?> meta) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) meta);
            m.computeIfPresent("heading", (k, v) -> HEADINGS.getOrDefault(v, String.valueOf(v)));
            if (m.get("series") instanceof List<?> series) {
                List<Object> headings = new ArrayList<>(series.size());
                for (Object s : series) {
                    headings.add(s instanceof Map<?, ?> heading ? seriesHeading((Map<String, Object>) heading) : s);
                }
                m.put("series", headings);
            }
            out.put("meta", m);
        }
        return out;
    }

    private static Object districtName(Object name) {
        return DISTRICT_TYPO.equals(name) ? DISTRICT_NAME : name;
    }

    private static Map<String, Object> seriesHeading(Map<String, Object> heading) {
        if (!heading.containsKey("Heading")) {
            return heading;
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        heading.forEach((k, v) -> fixed.put("Heading".equals(k) ? "heading" : k, v));
        return fixed;
    }
}
