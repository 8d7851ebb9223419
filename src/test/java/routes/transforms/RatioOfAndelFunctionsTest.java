package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The functions whose input already holds every level and whose ratio is the input's percentage / 100
 * (levekaar-dodsrate, levekar-trangbodde, levekar-redusert-funksjonsevne, ikke-fullfort-vgs,
 * fattige-barnehusholdninger, eieform): a golden test per function and type. Hand-checked district of each: 03 Bydel
 * Sagene (its sub-district 0301, seed 301; the district row, seed 3; Oslo, seed 0), in 2019.
 */
class RatioOfAndelFunctionsTest extends FunctionGoldenSupport {
    static Map<String, Path> dodsrater;
    static Map<String, Path> trangbodde;
    static Map<String, Path> redusert;
    static Map<String, Path> vgs;
    static Map<String, Path> fattige;
    static Map<String, Path> eieform;

    @BeforeAll
    static void write() {
        dodsrater = Map.of("dodsrater", OSLO.dataset("dodsrater", data));
        trangbodde = Map.of("trangbodde", OSLO.dataset("trangbodde", data));
        redusert = Map.of("redusert-funksjonsevne", OSLO.dataset("redusert-funksjonsevne", data));
        vgs = Map.of("ikke-fullfort-vgs", OSLO.dataset("ikke-fullfort-vgs", data));
        // every 5th sub-district-year has no EU-scale count: that row is left out
        fattige = Map.of("fattige-husholdninger", OSLO.dataset("fattige-husholdninger", data));
        eieform = Map.of("eieform", OSLO.dataset("eieform", data));
    }

    static void assertValue(JsonNode entry, double value, double ratio, int year) {
        assertThat(entry.get("values")).isEqualTo(TemplatesTest.json("[{\"value\":" + value + ",\"ratio\":" + ratio + ",\"date\":" + year + "}]"));
    }

    static void assertValue(JsonNode entry, long value, double ratio, int year) {
        assertThat(entry.get("values")).isEqualTo(TemplatesTest.json("[{\"value\":" + value + ",\"ratio\":" + ratio + ",\"date\":" + year + "}]"));
    }

    @Test
    void dodsrateStatus() {
        List<Map<String, Object>> files = run("levekaar-dodsrate", "status", dodsrater, "03");
        assertThat(files).extracting(f -> f.get("id")).containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "00");
        JsonNode sagene = file(files, "03");
        double p = OsloData.percent(301, 2019, 1);
        assertValue(entry(sagene, "0301"), p, p / 100, 2019);
        assertValue(entry(sagene, "03"), OsloData.percent(3, 2019, 1), OsloData.percent(3, 2019, 1) / 100, 2019);
        assertValue(entry(sagene, "00"), OsloData.percent(0, 2019, 1), OsloData.percent(0, 2019, 1) / 100, 2019);
        assertThat(sagene.get("meta").get("heading").asText()).isEqualTo("Dødelighet (gj.snitt siste 7 år) for personer 55–79 år");
        assertThat(sagene.get("meta").get("series").toString()).isEqualTo("[]");
        assertThat(sagene.get("meta").get("scale").get("ratio").size()).isEqualTo(2);
    }

    @Test
    void dodsrateHistorisk() {
        List<Map<String, Object>> files = run("levekaar-dodsrate", "historisk", dodsrater, "03");
        assertThat(entry(file(files, "03"), "0301").get("values")).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
        assertThat(file(files, "03").get("meta").get("scale").toString()).isEqualTo("[]");
    }

    @Test
    void trangboddeStatus() {
        JsonNode sagene = file(run("levekar-trangbodde", "status", trangbodde, "03"), "03");
        assertValue(entry(sagene, "0301"), OsloData.count(301, 2019, 1, 10, 500), OsloData.percent(301, 2019, 2) / 100, 2019);
        assertThat(sagene.get("meta").get("series").toString()).isEqualTo("[{\"heading\":\"Trangbodde\",\"subheading\":\"\"}]");
    }

    @Test
    void trangboddeHistorisk() {
        run("levekar-trangbodde", "historisk", trangbodde, "03");
    }

    @Test
    void redusertFunksjonsevneStatus() {
        JsonNode sagene = file(run("levekar-redusert-funksjonsevne", "status", redusert, "03"), "03");
        assertValue(entry(sagene, "03"), OsloData.count(3, 2019, 1, 10, 500), OsloData.percent(3, 2019, 2) / 100, 2019);
        assertThat(sagene.get("meta").get("heading").asText()).isEqualTo("Personer fra 16 til 66 år med redusert funksjonsevne");
    }

    @Test
    void redusertFunksjonsevneHistorisk() {
        run("levekar-redusert-funksjonsevne", "historisk", redusert, "03");
    }

    @Test
    void ikkeFullfortVgsKeepsTheHeadingTypo() {
        JsonNode sagene = file(run("ikke-fullfort-vgs", "status", vgs, "03"), "03");
        assertValue(entry(sagene, "0301"), OsloData.count(301, 2019, 1, 10, 500), OsloData.percent(301, 2019, 2) / 100, 2019);
        assertThat(sagene.get("meta").get("series").toString())
                .isEqualTo("[{\"Heading\":\"Antall personer, ikke fullført i løpet av 5 år\",\"subheading\":\"\"}]");
    }

    @Test
    void ikkeFullfortVgsHistorisk() {
        run("ikke-fullfort-vgs", "historisk", vgs, "03");
    }

    @Test
    void fattigeStatus() {
        JsonNode sagene = file(run("fattige-barnehusholdninger", "status", fattige, "03"), "03");
        // 0301 in 2019: (301 + 2019) % 5 = 0, so its count is missing and the row is left out
        assertThat(sagene.get("data")).extracting(e -> e.get("id").asText()).doesNotContain("0301").contains("0302", "03", "00");
        // a column with missing values is a float column, as in pandas: 24.0, not 24
        assertValue(entry(sagene, "0302"), (double) OsloData.count(302, 2019, 1, 10, 90), OsloData.percent(302, 2019, 2) / 100, 2019);
        assertThat(sagene.get("meta").get("heading").asText()).isEqualTo("Lavinntekts husholdninger med barn");
    }

    @Test
    void fattigeHistorisk() {
        List<Map<String, Object>> files = run("fattige-barnehusholdninger", "historisk", fattige, "03");
        // 0301 lacks 2009, 2014, 2019 ((301 + year) % 5 == 0)
        assertThat(entry(file(files, "03"), "0301").get("values")).extracting(v -> v.get("date").asInt()).doesNotContain(2009, 2014, 2019).hasSize(9);
    }

    @Test
    void eieformStatus() {
        JsonNode sagene = file(run("eieform", "status", eieform, "03"), "03");
        JsonNode values = entry(sagene, "0301").get("values");
        assertThat(values).hasSize(3);
        double selveier = OsloData.percent(301, 2019, 3);
        assertThat(values.get(0).get("value").asDouble()).isEqualTo(selveier);
        assertThat(values.get(0).get("ratio").asDouble()).isEqualTo(Math.round(selveier) / 100.0);
        assertThat(values.get(2).get("value").asDouble()).isEqualTo(OsloData.percent(301, 2019, 1));
        // the series headings are in the original's order (andel, selveier, leier) while the values are selveier, andel, leier
        assertThat(sagene.get("meta").get("series")).extracting(s -> s.get("heading").asText()).containsExactly("Andels-/aksjeeier", "Selveier", "Leier");
    }

    @Test
    void eieformHistorisk() {
        List<Map<String, Object>> files = run("eieform", "historisk", eieform, "03");
        JsonNode values = entry(file(files, "03"), "0301").get("values");
        assertThat(values).hasSize(3);
        assertThat(values.get(1)).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
    }

    /** levekar-lav-utdanning: sub-district rows summed (03 Bydel Sagene hand-checked at its sub-district 0301). */
    @Test
    void lavUtdanning() {
        Map<String, Path> inputs = Map.of("lav-utdanning", OSLO.dataset("lav-utdanning", data));
        JsonNode sagene = file(run("levekar-lav-utdanning", "status", inputs, "03"), "03");
        long low = OsloData.count(301, 2019, 1, 10, 300) + OsloData.count(301, 2019, 2, 10, 300);
        long total = low + OsloData.count(301, 2019, 3, 10, 300) + OsloData.count(301, 2019, 4, 10, 300) + OsloData.count(301, 2019, 5, 10, 300);
        assertValue(entry(sagene, "0301"), low, (double) low / total, 2019);
        run("levekar-lav-utdanning", "historisk", inputs, "03");
    }

    @Test
    void anUnknownTypeIsNamedNeverASilentOk() {
        for (String function : List.of("levekaar-dodsrate", "levekar-trangbodde", "levekar-redusert-funksjonsevne", "ikke-fullfort-vgs",
                "fattige-barnehusholdninger", "eieform", "levekar-lav-utdanning")) {
            TransformFunction f = catalogue.get(function);
            TransformEvent event = TransformEventTest.event(function, "alle_status", Map.of(f.inputs().values().iterator().next(), "p/"));
            assertThatThrownBy(() -> catalogue.type(f, event))
                    .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("UnknownType: " + function + " does not know type 'alle_status'; it accepts [status, historisk]"));
        }
    }
}
