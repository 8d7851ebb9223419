package routes.transforms;

import org.junit.jupiter.api.Test;
import routes.shared.PythonJson;
import routes.shared.TaskFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which rows go into which entry of which file, in which order: a template that writes the row numbers of its rows
 * makes the grouping visible. Pinned by hand on one frame with the corner cases, and against the original grouping
 * ({@link #byFilters}: a filter over the whole frame per district and per sub-district, as the first version did)
 * on random frames.
 */
class DistrictFilesTest {
    static final List<String> COLUMNS = List.of("date", "bydel_id", "bydel_navn", "delbydel_id", "delbydel_navn", "n");
    static final Template ROW_NUMBERS = (frame, rows, series) -> rows.stream().map(r -> frame.get(r, "n")).toList();
    static final Map<String, Object> META = Map.of("scope", "bydel");

    static Object[] row(Object date, String district, String districtName, String sub, String subName, long n) {
        return new Object[]{date, district, districtName, sub, subName, n};
    }

    static String output(List<Object[]> rows, Template template) {
        return PythonJson.dumpsUnicode(DistrictFiles.generate(new Frame(COLUMNS, rows), template, List.of("n"), META, "out"));
    }

    @Test
    void groupsTheCornerCases() {
        List<Object[]> rows = List.of(
                row(2019L, "00", null, null, null, 1), // Oslo first in the input, last in every file
                row(2019L, "02", "B", "0201", "S1", 2),
                row(2018L, "02", "B", "0201", "S1", 3), // an earlier year after a later one: date order within the entry
                row(2019L, "01", "A", null, null, 4), // district level
                row(2019L, "01", "A", "0102", null, 5), // a sub-district without a name
                row(2018L, "01", "A", "0101", "S0", 6),
                row(2019L, "16", "Sentrum", null, null, 7), // 16, 17, 99: no file, no entry
                row(2019L, "17", "Marka", "1701", "M", 8),
                row(2019L, "99", "Uten", null, null, 9),
                row(2018L, "00", null, null, null, 10));
        assertThat(output(rows, ROW_NUMBERS)).isEqualTo("["
                + "{\"district\": \"A\", \"id\": \"01\", \"data\": ["
                + "{\"id\": \"0101\", \"geography\": \"S0\", \"values\": [6], \"avgRow\": false, \"totalRow\": false}, "
                + "{\"id\": \"0102\", \"geography\": null, \"values\": [5], \"avgRow\": false, \"totalRow\": false}, "
                + "{\"id\": \"01\", \"geography\": \"A\", \"values\": [4], \"avgRow\": true, \"totalRow\": false}, "
                + "{\"id\": \"00\", \"geography\": \"Oslo i alt\", \"values\": [10, 1], \"avgRow\": false, \"totalRow\": true}], "
                + "\"meta\": {\"scope\": \"bydel\"}}, "
                + "{\"district\": \"B\", \"id\": \"02\", \"data\": ["
                + "{\"id\": \"0201\", \"geography\": \"S1\", \"values\": [3, 2], \"avgRow\": false, \"totalRow\": false}, "
                + "{\"id\": \"02\", \"geography\": \"B\", \"values\": [], \"avgRow\": true, \"totalRow\": false}, "
                + "{\"id\": \"00\", \"geography\": \"Oslo i alt\", \"values\": [10, 1], \"avgRow\": false, \"totalRow\": true}], "
                + "\"meta\": {\"scope\": \"bydel\"}}, "
                // the Oslo file: rows without a sub-district name, so 01's entry holds the unnamed sub-district's row
                + "{\"district\": \"Oslo i alt\", \"id\": \"00\", \"data\": ["
                + "{\"id\": \"01\", \"geography\": \"A\", \"values\": [4, 5], \"avgRow\": false, \"totalRow\": false}, "
                + "{\"id\": \"00\", \"geography\": \"Oslo i alt\", \"values\": [10, 1], \"avgRow\": false, \"totalRow\": true}], "
                + "\"meta\": {\"scope\": \"oslo i alt\"}}]");
    }

    @Test
    void computesTheValuesOfTheSameRowsOnce() {
        List<Object[]> rows = new ArrayList<>();
        for (int d = 1; d <= 15; d++) {
            rows.add(row(2019L, String.format("%02d", d), "D" + d, null, null, d));
        }
        rows.add(row(2019L, "00", null, null, null, 0));
        AtomicInteger calls = new AtomicInteger();
        Template counted = (frame, r, series) -> {
            calls.incrementAndGet();
            return ROW_NUMBERS.values(frame, r, series);
        };
        output(rows, counted);
        // 15 districts and Oslo: the district files' Oslo entry once, the Oslo file's entries the same rows again
        assertThat(calls).hasValue(16);

        // a sub-district without a name: its rows join its district's entry in the Oslo file, computed again there
        rows.add(row(2019L, "03", "D3", "0301", null, 16));
        calls.set(0);
        String files = output(rows, counted);
        assertThat(calls).hasValue(16 + 1 + 1);
        assertThat(files).contains("{\"id\": \"03\", \"geography\": \"D3\", \"values\": [3, 16], \"avgRow\": false");
    }

    @Test
    void aMissingValueInOsloIsReportedOnce() {
        List<Object[]> rows = List.of(row(2019L, "01", "A", null, null, 1), row(2019L, "00", null, null, null, 2));
        Template failsForOslo = (frame, r, series) -> {
            if (frame.get(r.get(0), "bydel_id").equals("00")) {
                throw new Template.MissingValue("n", 2019L);
            }
            return List.of();
        };
        assertThatThrownBy(() -> output(rows, failsForOslo)).isInstanceOf(TaskFailure.class)
                .hasMessage("out: n is missing (NaN) for geography 00 (Oslo i alt) in 2019; the original's JSON write failed on it");
    }

    @Test
    void aFrameWithoutTheSubDistrictColumnsFailsAsBefore() {
        Frame noSubDistricts = new Frame(List.of("date", "bydel_id", "bydel_navn", "n"), List.<Object[]>of(new Object[]{2019L, "01", "A", 1L}));
        assertThatThrownBy(() -> DistrictFiles.generate(noSubDistricts, ROW_NUMBERS, List.of("n"), META, "out"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no column 'delbydel_id'");
    }

    @Test
    void groupsRandomFramesAsTheFiltersDid() {
        Random random = new Random(20261202);
        String[] districts = {"01", "02", "03", "10", "15", "16", "17", "99", "00", null};
        String[] names = {"Bydel Gamle Oslo", "Bydel Grünerløkka", null};
        int written = 0;
        int failed = 0;
        for (int frame = 0; frame < 500; frame++) {
            List<Object[]> rows = new ArrayList<>();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                String district = districts[random.nextInt(districts.length)];
                String sub = random.nextInt(3) == 0 ? null : (district == null ? "x" : district) + random.nextInt(3);
                // names mostly one per id; sometimes another one, which must fail as it did
                String districtName = random.nextInt(300) == 0 ? names[random.nextInt(names.length)] : district == null ? null : "D" + district;
                String subName = sub == null || random.nextInt(5) == 0 ? null : random.nextInt(300) == 0 ? "other" : "S" + sub;
                Object date = random.nextInt(20) == 0 ? null : (Object) (2016L + random.nextInt(4));
                rows.add(row(date, district, districtName, sub, subName, i));
            }
            Frame input = new Frame(COLUMNS, rows);
            String expected;
            try {
                expected = PythonJson.dumpsUnicode(byFilters(input));
            } catch (TaskFailure failure) {
                assertThatThrownBy(() -> DistrictFiles.generate(input, ROW_NUMBERS, List.of("n"), META, "out"))
                        .as("frame %d", frame).isInstanceOf(TaskFailure.class).hasMessage(failure.getMessage());
                failed++;
                continue;
            }
            assertThat(PythonJson.dumpsUnicode(DistrictFiles.generate(input, ROW_NUMBERS, List.of("n"), META, "out")))
                    .as("frame %d", frame).isEqualTo(expected);
            written++;
        }
        // both ways are exercised: files written, and two names for one id
        assertThat(written).isGreaterThan(200);
        assertThat(failed).isGreaterThan(20);
    }

    /** The first version's grouping, restated with a filter over the frame for every geography (and ROW_NUMBERS). */
    static List<Map<String, Object>> byFilters(Frame frame) {
        List<Object[]> sorted = new ArrayList<>(frame.rows());
        sorted.sort((a, b) -> DistrictFiles.compare(a[0], b[0]));
        Set<String> districts = new TreeSet<>();
        sorted.forEach(r -> {
            if (r[1] != null && !Set.of("16", "17", "99", "00").contains(r[1])) {
                districts.add((String) r[1]);
            }
        });
        List<Object[]> oslo = where(sorted, r -> "00".equals(r[1]));
        List<Map<String, Object>> files = new ArrayList<>();
        for (String district : districts) {
            List<Object[]> rows = where(sorted, r -> district.equals(r[1]));
            String districtName = rows.stream().map(r -> (String) r[2]).filter(Objects::nonNull).findFirst().orElse(null);
            List<Object> data = new ArrayList<>();
            for (String sub : new TreeSet<>(rows.stream().map(r -> (String) r[3]).filter(Objects::nonNull).toList())) {
                List<Object[]> subRows = where(rows, r -> sub.equals(r[3]));
                data.add(rowsEntry(sub, name(subRows, 4, sub), subRows, false, false));
            }
            data.add(rowsEntry(district, districtName, where(rows, r -> r[3] == null), true, false));
            data.add(rowsEntry("00", "Oslo i alt", oslo, false, true));
            files.add(ordered("district", districtName, "id", district, "data", data, "meta", META));
        }
        List<Object[]> districtLevel = where(sorted, r -> r[4] == null);
        List<String> ids = new ArrayList<>(new TreeSet<>(districtLevel.stream().map(r -> (String) r[1])
                .filter(id -> id != null && !Set.of("16", "17", "99", "00").contains(id)).toList()));
        if (districtLevel.stream().anyMatch(r -> "00".equals(r[1]))) {
            ids.add("00");
        }
        List<Object> data = new ArrayList<>();
        for (String id : ids) {
            List<Object[]> rows = where(districtLevel, r -> id.equals(r[1]));
            String name = name(rows, 2, id);
            data.add("00".equals(id) ? rowsEntry(id, "Oslo i alt", rows, false, true) : rowsEntry(id, name, rows, false, false));
        }
        files.add(ordered("district", "Oslo i alt", "id", "00", "data", data, "meta", Map.of("scope", "oslo i alt")));
        return files;
    }

    static List<Object[]> where(List<Object[]> rows, Predicate<Object[]> keep) {
        return rows.stream().filter(keep).toList();
    }

    static String name(List<Object[]> rows, int column, String id) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add((String) r[column]));
        if (names.size() > 1) {
            throw new TaskFailure("InvalidInput", "Multiple names for one geography id: " + id + " is called " + names);
        }
        return names.iterator().next();
    }

    static Map<String, Object> rowsEntry(String id, String geography, List<Object[]> rows, boolean avgRow, boolean totalRow) {
        return ordered("id", id, "geography", geography, "values", rows.stream().map(r -> r[5]).toList(), "avgRow", avgRow, "totalRow", totalRow);
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
