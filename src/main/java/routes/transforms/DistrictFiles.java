package routes.transforms;

import routes.shared.PythonJson;
import routes.shared.TaskFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The original's Output: one file per district (its sub-districts, then the district itself as the average row, then
 * Oslo as the total row) and the Oslo file last (every district, then Oslo). Districts 16, 17 and 99 get no file and
 * no Oslo-file entry. Files and entries are in id order (the original's order of first appearance, which is id order
 * for every aggregated frame), rows within a geography in date order.
 * <p>
 * The rows are sorted once and grouped in one pass (linear in the rows: at ×100 inputs the filters per district and
 * sub-district did not finish); the Oslo entry of the district files does not depend on the file, so it is computed
 * once and the same read-only entry, whose JSON text is made once ({@link PythonJson.Repeated}), goes into every
 * district file; and an entry of the Oslo file whose rows an entry of a district file had already reuses its values.
 */
public final class DistrictFiles {
    static final Set<String> NO_FILE = Set.of("16", "17", "99", "00");
    static final Set<String> NO_ENTRY = Set.of("16", "17", "99");
    static final String OSLO = "00";
    static final String OSLO_NAME = "Oslo i alt";

    private DistrictFiles() {
    }

    /** The output files, each an insertion-ordered map ready for {@code PythonJson.dumpsUnicode}. */
    public static List<Map<String, Object>> generate(Frame frame, Template template, List<String> series,
                                                     Map<String, Object> meta, String outputDataset) {
        Frame sorted = sortedByDate(frame);
        Geographies geographies = new Geographies(sorted);
        Entries entries = new Entries(sorted, template, series, outputDataset);
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, Object> osloEntry = null;
        for (Map.Entry<String, List<Object[]>> district : geographies.districts.entrySet()) {
            String id = district.getKey();
            List<Object[]> rows = district.getValue();
            String districtName = geographies.firstName(rows);
            List<Object> data = new ArrayList<>();
            for (Map.Entry<String, List<Object[]>> sub : geographies.subDistricts(id, rows).entrySet()) {
                String name = geographies.singleName(sub.getValue(), Frame.SUB_DISTRICT_NAME, sub.getKey());
                data.add(entries.entry(sub.getValue(), id, sub.getKey(), name));
            }
            data.add(entries.entry(geographies.districtLevel(id), id, id, districtName));
            if (osloEntry == null) {
                // the same for every district file (a total row whatever the file)
                osloEntry = new PythonJson.Repeated(entries.entry(geographies.oslo, id, OSLO, OSLO_NAME));
            }
            data.add(osloEntry);
            files.add(file(districtName, id, data, meta));
        }
        List<Object> data = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> district : geographies.osloFileEntries().entrySet()) {
            String name = geographies.singleName(district.getValue(), Frame.DISTRICT_NAME, district.getKey());
            data.add(entries.entry(district.getValue(), OSLO, district.getKey(), name));
        }
        Map<String, Object> osloMeta = new LinkedHashMap<>(meta);
        if (osloMeta.containsKey("scope")) {
            osloMeta.put("scope", "oslo i alt");
        }
        files.add(file(OSLO_NAME, OSLO, data, osloMeta));
        return files;
    }

    /**
     * The rows grouped in one pass, each group in the sorted frame's order: per district with a file (in id order)
     * its rows, its sub-districts' rows (by {@code delbydel_id}) and its district-level rows (no {@code delbydel_id});
     * Oslo's rows (any sub-district); per Oslo-file entry the rows without a {@code delbydel_navn}. A column is read
     * only where the original read it, so a frame without one fails at the same point with the same message.
     */
    private static final class Geographies {
        final Frame frame;
        final int districtName;
        final int subDistrictId;
        final int subDistrictName;
        final Map<String, List<Object[]>> districts = new TreeMap<>();
        final Map<String, Map<String, List<Object[]>>> subDistricts = new HashMap<>();
        final Map<String, List<Object[]>> districtLevel = new HashMap<>();
        final List<Object[]> oslo = new ArrayList<>();
        final Map<String, List<Object[]>> osloFile = new TreeMap<>((a, b) -> OSLO.equals(a) ? (OSLO.equals(b) ? 0 : 1) : OSLO.equals(b) ? -1 : a.compareTo(b));

        Geographies(Frame frame) {
            this.frame = frame;
            this.districtName = frame.columns().indexOf(Frame.DISTRICT_NAME);
            this.subDistrictId = frame.columns().indexOf(Frame.SUB_DISTRICT_ID);
            this.subDistrictName = frame.columns().indexOf(Frame.SUB_DISTRICT_NAME);
            int districtId = frame.columns().indexOf(Frame.DISTRICT_ID);
            for (Object[] row : frame.rows()) {
                Object idValue = districtId < 0 ? frame.get(row, Frame.DISTRICT_ID) : row[districtId];
                String id = idValue == null ? null : idValue.toString();
                if (id == null) {
                    continue;
                }
                if (!NO_FILE.contains(id)) {
                    districts.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
                    if (subDistrictId >= 0) {
                        Object sub = row[subDistrictId];
                        if (sub == null) {
                            districtLevel.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
                        } else {
                            subDistricts.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(sub.toString(), k -> new ArrayList<>()).add(row);
                        }
                    }
                } else if (OSLO.equals(id)) {
                    oslo.add(row);
                }
                if (subDistrictName >= 0 && row[subDistrictName] == null && !NO_ENTRY.contains(id)) {
                    osloFile.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
                }
            }
        }

        Map<String, List<Object[]>> subDistricts(String district, List<Object[]> rows) {
            requireColumn(subDistrictId, rows, Frame.SUB_DISTRICT_ID);
            return subDistricts.getOrDefault(district, Map.of());
        }

        List<Object[]> districtLevel(String district) {
            return districtLevel.getOrDefault(district, List.of());
        }

        Map<String, List<Object[]>> osloFileEntries() {
            requireColumn(subDistrictName, frame.rows(), Frame.SUB_DISTRICT_NAME);
            return osloFile;
        }

        /** The district's name: the first one its rows give. */
        String firstName(List<Object[]> rows) {
            requireColumn(districtName, rows, Frame.DISTRICT_NAME);
            for (Object[] row : rows) {
                if (row[districtName] != null) {
                    return row[districtName].toString();
                }
            }
            return null;
        }

        String singleName(List<Object[]> rows, String column, String id) {
            Set<String> names = new LinkedHashSet<>();
            int index = Frame.DISTRICT_NAME.equals(column) ? districtName : subDistrictName;
            requireColumn(index, rows, column);
            for (Object[] row : rows) {
                names.add(row[index] == null ? null : row[index].toString());
            }
            if (names.size() > 1) {
                throw new TaskFailure("InvalidInput", "Multiple names for one geography id: " + id + " is called " + names);
            }
            return names.isEmpty() ? null : names.iterator().next();
        }

        /** A column the frame lacks fails as reading it did ({@link Frame#get}), where there were rows to read. */
        private void requireColumn(int index, List<Object[]> rows, String column) {
            if (index < 0 && !rows.isEmpty()) {
                frame.get(rows.get(0), column);
            }
        }
    }

    /**
     * Builds the entries. A geography's values are computed once for the same rows: a district's entry in its own
     * file and in the Oslo file (and Oslo's in both) are the same rows unless a sub-district has an id and no name.
     */
    private static final class Entries {
        final Frame frame;
        final Template template;
        final List<String> series;
        final String outputDataset;
        final Map<String, Computed> computed = new HashMap<>();

        record Computed(List<Object[]> rows, Object values) {
        }

        Entries(Frame frame, Template template, List<String> series, String outputDataset) {
            this.frame = frame;
            this.template = template;
            this.series = series;
            this.outputDataset = outputDataset;
        }

        Map<String, Object> entry(List<Object[]> rows, String fileDistrict, String geographyId, String geographyName) {
            boolean avgRow = false;
            boolean totalRow = false;
            if (OSLO.equals(geographyId)) {
                totalRow = true;
                geographyName = OSLO_NAME;
            } else if (geographyId.length() == 2 && !OSLO.equals(fileDistrict)) {
                avgRow = true;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", geographyId);
            entry.put("geography", geographyName);
            entry.put("values", values(rows, geographyId, geographyName));
            entry.put("avgRow", avgRow);
            entry.put("totalRow", totalRow);
            return entry;
        }

        private Object values(List<Object[]> rows, String geographyId, String geographyName) {
            Computed earlier = computed.get(geographyId);
            if (earlier != null && sameRows(earlier.rows, rows)) {
                return earlier.values;
            }
            Object values;
            try {
                values = rows.isEmpty() ? List.of() : template.entryValues(frame, rows, series);
            } catch (Template.MissingValue missing) {
                throw new TaskFailure("NaNInOutput", outputDataset + ": " + missing.column + " is missing (NaN) for geography "
                        + geographyId + " (" + geographyName + ") in " + missing.date + "; the original's JSON write failed on it");
            }
            computed.put(geographyId, new Computed(rows, values));
            return values;
        }

        private static boolean sameRows(List<Object[]> a, List<Object[]> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Map<String, Object> file(String district, String id, List<Object> data, Map<String, Object> meta) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("district", district);
        file.put("id", id);
        file.put("data", data);
        file.put("meta", meta);
        return file;
    }

    private static Frame sortedByDate(Frame frame) {
        if (!frame.has(Frame.DATE)) {
            return frame;
        }
        int date = frame.columns().indexOf(Frame.DATE);
        List<Object[]> rows = new ArrayList<>(frame.rows());
        rows.sort((a, b) -> compare(a[date], b[date]));
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
