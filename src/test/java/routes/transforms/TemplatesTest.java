package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.shared.PythonJson;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The original's template tests (§1.8 cases 31–40) on the generated placeholder fixtures. */
class TemplatesTest extends EngineSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2019-06-06T10:00:00Z"), ZoneOffset.UTC);
    Frame all;
    Frame latest;

    @BeforeEach
    void load() {
        session.load("t", "transform-output-test-input", OriginalFixtures.transformOutputInput(dir));
        all = sql("select * from t");
        latest = all.latestYear();
    }

    static JsonNode json(Object value) {
        try {
            return JSON.readTree(PythonJson.dumpsUnicode(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, Object>> output(Frame frame, Template template, String... series) {
        return DistrictFiles.generate(frame, template, List.of(series), Metadata.of("h", List.of(), CLOCK, null), "dataset-out");
    }

    static JsonNode entry(List<Map<String, Object>> files, String file, String id) {
        for (JsonNode f : json(files)) {
            if (f.get("id").asText().equals(file)) {
                for (JsonNode e : f.get("data")) {
                    if (e.get("id").asText().equals(id)) {
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("no entry " + id + " in file " + file);
    }

    /** The template helper's standard checks: d1 has value/ratio/date, d2 value/date, element type, count. */
    void standards(Template template, Class<?> elementType, int count) {
        List<Map<String, Object>> d1 = output(latest, template, "d1");
        List<Map<String, Object>> d2 = output(latest, template, "d2");
        int values = 0;
        for (JsonNode file : json(d1)) {
            for (JsonNode e : file.get("data")) {
                for (JsonNode v : flatten(e.get("values"))) {
                    assertThat(v.has("value") && v.has("ratio") && v.has("date")).isTrue();
                }
            }
        }
        for (JsonNode file : json(d2)) {
            for (JsonNode e : file.get("data")) {
                for (JsonNode v : flatten(e.get("values"))) {
                    assertThat(v.has("value") && !v.has("ratio") && v.has("date")).isTrue();
                }
            }
        }
        Object first = ((List<?>) ((Map<?, ?>) ((List<?>) d1.get(0).get("data")).get(0)).get("values")).get(0);
        assertThat(first).isInstanceOf(elementType);
        values = latest.rows().size();
        assertThat(values).isEqualTo(8);
        assertThat(((List<?>) ((Map<?, ?>) ((List<?>) d1.get(0).get("data")).get(0)).get("values"))).hasSize(count);
    }

    static List<JsonNode> flatten(JsonNode values) {
        List<JsonNode> flat = new java.util.ArrayList<>();
        values.forEach(v -> {
            if (v.isArray()) {
                v.forEach(flat::add);
            } else {
                flat.add(v);
            }
        });
        return flat;
    }

    @Test
    void templateAStandards() { // case 31
        standards(Templates.A, Map.class, 1);
    }

    @Test
    void templateAAllSeries() { // case 32
        List<Map<String, Object>> files = output(latest, Templates.A, "d1", "d2");
        assertThat(entry(files, "01", "0101")).isEqualTo(json("""
                {"id":"0101","geography":"Lodalen","values":[{"value":"d1_0101_2018","ratio":"d1_0101_2018_ratio","date":2018},
                 {"value":"d2_0101_2018","date":2018}],"avgRow":false,"totalRow":false}"""));
        assertThat(entry(files, "01", "01")).isEqualTo(json("""
                {"id":"01","geography":"Bydel Gamle Oslo","values":[{"value":"d1_01_2018","ratio":"d1_01_2018_ratio","date":2018},
                 {"value":"d2_01_2018","date":2018}],"avgRow":true,"totalRow":false}"""));
        assertThat(entry(files, "01", "00")).isEqualTo(json("""
                {"id":"00","geography":"Oslo i alt","values":[{"value":"d1_00_2018","ratio":"d1_00_2018_ratio","date":2018},
                 {"value":"d2_00_2018","date":2018}],"avgRow":false,"totalRow":true}"""));
    }

    @Test
    void templateBStandards() { // case 33
        standards(Templates.B, Map.class, 1);
    }

    @Test
    void templateBAllYears() { // case 34
        List<Map<String, Object>> files = output(all, Templates.B, "d1");
        for (String[] geo : new String[][]{{"0101", "Lodalen", "false", "false"}, {"01", "Bydel Gamle Oslo", "true", "false"}, {"00", "Oslo i alt", "false", "true"}}) {
            String g = geo[0];
            assertThat(entry(files, "01", g)).isEqualTo(json("{\"id\":\"" + g + "\",\"geography\":\"" + geo[1] + "\",\"values\":["
                    + "{\"value\":\"d1_" + g + "_2017\",\"ratio\":\"d1_" + g + "_2017_ratio\",\"date\":2017},"
                    + "{\"value\":\"d1_" + g + "_2018\",\"ratio\":\"d1_" + g + "_2018_ratio\",\"date\":2018}],"
                    + "\"avgRow\":" + geo[2] + ",\"totalRow\":" + geo[3] + "}"));
        }
    }

    @Test
    void templateCStandards() { // case 35
        standards(Templates.C, List.class, 1);
    }

    @Test
    void templateCBothSeries() { // case 36
        List<Map<String, Object>> files = output(all, Templates.C, "d1", "d2");
        for (String g : List.of("0101", "01", "00")) {
            assertThat(entry(files, "01", g).get("values")).isEqualTo(json("[[{\"value\":\"d1_" + g + "_2017\",\"ratio\":\"d1_" + g + "_2017_ratio\",\"date\":2017},"
                    + "{\"value\":\"d1_" + g + "_2018\",\"ratio\":\"d1_" + g + "_2018_ratio\",\"date\":2018}],"
                    + "[{\"value\":\"d2_" + g + "_2017\",\"date\":2017},{\"value\":\"d2_" + g + "_2018\",\"date\":2018}]]"));
        }
    }

    @Test
    void templateCWholeOutput() { // case 37: files 01, 02, then 00; Sentrum (16) nowhere
        List<Map<String, Object>> files = output(all, Templates.C, "d1", "d2");
        assertThat(files).extracting(f -> f.get("id")).containsExactly("01", "02", "00");
        JsonNode out = json(files);
        assertThat(out.toString()).doesNotContain("Sentrum").doesNotContain("\"16\"");
        assertThat(out.get(0).get("data")).extracting(e -> e.get("id").asText()).containsExactly("0101", "0102", "01", "00");
        assertThat(out.get(1).get("data")).extracting(e -> e.get("id").asText()).containsExactly("0201", "0202", "02", "00");
        assertThat(out.get(2).get("district").asText()).isEqualTo("Oslo i alt");
        assertThat(out.get(2).get("data")).extracting(e -> e.get("id").asText()).containsExactly("01", "02", "00");
        assertThat(out.get(2).get("data")).extracting(e -> e.get("avgRow").asBoolean()).containsExactly(false, false, false);
        assertThat(out.get(2).get("data")).extracting(e -> e.get("totalRow").asBoolean()).containsExactly(false, false, true);
        assertThat(out.get(2).get("data").get(1).get("geography").asText()).isEqualTo("Bydel Grünerløkka");
        assertThat(out.get(2).get("meta").get("scope").asText()).isEqualTo("oslo i alt");
        assertThat(out.get(0).get("meta").get("scope").asText()).isEqualTo("bydel");
        assertThat(out.get(0).get("district").asText()).isEqualTo("Bydel Gamle Oslo");
    }

    @Test
    void templateG() { // case 38
        Frame row = latest.filter(r -> "0202".equals(latest.text(r, "delbydel_id")));
        assertThat(Templates.g(List.of("d2")).values(row, row.rows(), List.of("d1")))
                .containsExactly("d1_0202_2018", List.of("d2_0202_2018"), 2018L);
    }

    @Test
    void templateK() { // cases 39 and 40
        session.load("k", "template-k-test-input", OriginalFixtures.templateKInput(dir));
        Frame k = sql("select * from k");
        List<Map<String, Object>> files = output(k, Templates.K, "d1", "d2");
        for (String g : List.of("0101", "01", "00")) {
            assertThat(entry(files, "01", g).get("values")).isEqualTo(json("[{\"date\":2018,\"districtRatio\":\"d1_" + g + "_2018_ratio_district\",\"osloRatio\":\"d1_" + g + "_2018_ratio_oslo\"},"
                    + "{\"date\":2018,\"districtRatio\":\"d2_" + g + "_2018_ratio_district\",\"osloRatio\":\"d2_" + g + "_2018_ratio_oslo\"}]"));
        }
        assertThat(files).extracting(f -> f.get("id")).containsExactly("01", "02", "00");
        assertThat(json(files).get(2).get("data")).extracting(e -> e.get("id").asText()).containsExactly("01", "02", "00");
        assertThat(json(files).get(0).get("meta").get("publishedDate").asText()).isEqualTo("2019-06-06");
    }

    @Test
    void aMissingRatioIsReportedWithTheGeography() { // §1.9 #4: NaN named instead of a failing JSON write
        Frame frame = sql("select * replace (case when delbydel_id = '0102' then null else d1_ratio end as d1_ratio) from t where date = 2018");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> output(frame, Templates.A, "d1"))
                .isInstanceOf(routes.shared.TaskFailure.class)
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("NaNInOutput: dataset-out: d1_ratio is missing (NaN) for geography 0102 (Grønland) in 2018; the original's JSON write failed on it"));
    }
}
