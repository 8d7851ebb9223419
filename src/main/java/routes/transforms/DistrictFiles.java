package routes.transforms;

import routes.shared.TaskFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The original's Output: one file per district (its sub-districts, then the district itself as the average row, then
 * Oslo as the total row) and the Oslo file last (every district, then Oslo). Districts 16, 17 and 99 get no file and
 * no Oslo-file entry. Files and entries are in id order (the original's order of first appearance, which is id order
 * for every aggregated frame), rows within a geography in date order.
 */
public final class DistrictFiles {
    static final Set<String> NO_FILE = Set.of("16", "17", "99", "00");
    static final String OSLO = "00";
    static final String OSLO_NAME = "Oslo i alt";

    private DistrictFiles() {
    }

    /** The output files, each an insertion-ordered map ready for {@code PythonJson.dumpsUnicode}. */
    public static List<Map<String, Object>> generate(Frame frame, Template template, List<String> series,
                                                     Map<String, Object> meta, String outputDataset) {
        Frame sorted = sortedByDate(frame);
        Set<String> districts = new TreeSet<>();
        for (Object[] row : sorted.rows()) {
            String id = sorted.text(row, Frame.DISTRICT_ID);
            if (id != null && !NO_FILE.contains(id)) {
                districts.add(id);
            }
        }
        List<Object[]> oslo = rowsWhere(sorted, row -> OSLO.equals(sorted.text(row, Frame.DISTRICT_ID)));
        List<Map<String, Object>> files = new ArrayList<>();
        for (String district : districts) {
            List<Object[]> rows = rowsWhere(sorted, row -> district.equals(sorted.text(row, Frame.DISTRICT_ID)));
            String districtName = rows.stream().map(r -> sorted.text(r, Frame.DISTRICT_NAME)).filter(Objects::nonNull).findFirst().orElse(null);
            Set<String> subDistricts = new TreeSet<>();
            rows.forEach(r -> {
                String id = sorted.text(r, Frame.SUB_DISTRICT_ID);
                if (id != null) {
                    subDistricts.add(id);
                }
            });
            List<Object> data = new ArrayList<>();
            for (String sub : subDistricts) {
                List<Object[]> subRows = rows.stream().filter(r -> sub.equals(sorted.text(r, Frame.SUB_DISTRICT_ID))).toList();
                data.add(entry(sorted, template, series, subRows, district, sub, singleName(sorted, subRows, Frame.SUB_DISTRICT_NAME, sub), outputDataset));
            }
            data.add(entry(sorted, template, series, rows.stream().filter(r -> sorted.get(r, Frame.SUB_DISTRICT_ID) == null).toList(),
                    district, district, districtName, outputDataset));
            data.add(entry(sorted, template, series, oslo, district, OSLO, OSLO_NAME, outputDataset));
            files.add(file(districtName, district, data, meta));
        }
        List<Object[]> districtLevel = rowsWhere(sorted, row -> sorted.get(row, Frame.SUB_DISTRICT_NAME) == null);
        Set<String> osloEntries = new TreeSet<>((a, b) -> OSLO.equals(a) ? (OSLO.equals(b) ? 0 : 1) : OSLO.equals(b) ? -1 : a.compareTo(b));
        districtLevel.forEach(r -> {
            String id = sorted.text(r, Frame.DISTRICT_ID);
            if (id != null && !Set.of("16", "17", "99").contains(id)) {
                osloEntries.add(id);
            }
        });
        List<Object> data = new ArrayList<>();
        for (String id : osloEntries) {
            List<Object[]> rows = districtLevel.stream().filter(r -> id.equals(sorted.text(r, Frame.DISTRICT_ID))).toList();
            data.add(entry(sorted, template, series, rows, OSLO, id, singleName(sorted, rows, Frame.DISTRICT_NAME, id), outputDataset));
        }
        Map<String, Object> osloMeta = new LinkedHashMap<>(meta);
        if (osloMeta.containsKey("scope")) {
            osloMeta.put("scope", "oslo i alt");
        }
        files.add(file(OSLO_NAME, OSLO, data, osloMeta));
        return files;
    }

    private static Map<String, Object> entry(Frame frame, Template template, List<String> series, List<Object[]> rows,
                                             String fileDistrict, String geographyId, String geographyName, String outputDataset) {
        boolean avgRow = false;
        boolean totalRow = false;
        if (OSLO.equals(geographyId)) {
            totalRow = true;
            geographyName = OSLO_NAME;
        } else if (geographyId.length() == 2 && !OSLO.equals(fileDistrict)) {
            avgRow = true;
        }
        Object values;
        try {
            values = rows.isEmpty() ? List.of() : template.entryValues(frame, rows, series);
        } catch (Template.MissingValue missing) {
            throw new TaskFailure("NaNInOutput", outputDataset + ": " + missing.column + " is missing (NaN) for geography "
                    + geographyId + " (" + geographyName + ") in " + missing.date + "; the original's JSON write failed on it");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", geographyId);
        entry.put("geography", geographyName);
        entry.put("values", values);
        entry.put("avgRow", avgRow);
        entry.put("totalRow", totalRow);
        return entry;
    }

    private static Map<String, Object> file(String district, String id, List<Object> data, Map<String, Object> meta) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("district", district);
        file.put("id", id);
        file.put("data", data);
        file.put("meta", meta);
        return file;
    }

    private static String singleName(Frame frame, List<Object[]> rows, String column, String id) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(frame.text(r, column)));
        if (names.size() > 1) {
            throw new TaskFailure("InvalidInput", "Multiple names for one geography id: " + id + " is called " + names);
        }
        return names.isEmpty() ? null : names.iterator().next();
    }

    private static List<Object[]> rowsWhere(Frame frame, java.util.function.Predicate<Object[]> keep) {
        return frame.filter(keep).rows();
    }

    private static Frame sortedByDate(Frame frame) {
        if (!frame.has(Frame.DATE)) {
            return frame;
        }
        List<Object[]> rows = new ArrayList<>(frame.rows());
        rows.sort((a, b) -> compare(frame.get(a, Frame.DATE), frame.get(b, Frame.DATE)));
        return new Frame(frame.columns(), rows);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
