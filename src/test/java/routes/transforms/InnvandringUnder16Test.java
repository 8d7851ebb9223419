package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** innvandring-under16, every type (A + scale, B); hand-checked district: 05 Bydel Frogner (sub-districts 0501..0506) in 2019. */
class InnvandringUnder16Test extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("innvandrer-befolkningen-0-15-ar", OSLO.innvandrerUnder16(data));
    }

    /** Column c (1-based, UNDER16_COLUMNS order) of the "0-15 år" row. */
    static long column(int seed, int c, int year) {
        return OsloData.count(seed, year, c, 0, 150);
    }

    static long enForelder(int seed, int year) {
        return column(seed, 1, year) + column(seed, 2, year);
    }

    static long total(int seed, int year) {
        return enForelder(seed, year) + column(seed, 3, year) + column(seed, 4, year) + column(seed, 5, year) + column(seed, 6, year);
    }

    @Test
    void enInnvandrerStatus() {
        JsonNode frogner = file(run("innvandring-under16", "en-innvandrer_status", inputs, "05"), "05");
        assertThat(entry(frogner, "0501").get("values").toString()).isEqualTo("[{\"value\":" + enForelder(501, 2019) + ",\"ratio\":"
                + ((double) enForelder(501, 2019) / total(501, 2019)) + ",\"date\":2019}]");
        long one = 0;
        long all = 0;
        for (int s = 1; s <= 6; s++) {
            one += enForelder(500 + s, 2019);
            all += total(500 + s, 2019);
        }
        // only the "0-15 år" rows count (the "16 år og over" rows are ten times larger)
        assertThat(entry(frogner, "05").get("values").toString()).isEqualTo("[{\"value\":" + one + ",\"ratio\":" + ((double) one / all) + ",\"date\":2019}]");
        assertThat(frogner.get("meta").get("heading").asText()).isEqualTo("Personer (under 16) med én innvandrerforelder");
        assertThat(frogner.get("meta").get("series").toString()).isEqualTo("[]");
        assertThat(frogner.get("meta").get("scale").get("value")).hasSize(2);
    }

    @Test
    void toInnvandrerAndInnvandrer() {
        JsonNode to = file(run("innvandring-under16", "to-innvandrer_status", inputs, "05"), "05");
        assertThat(entry(to, "0501").get("values").get(0).get("value").asLong()).isEqualTo(column(501, 3, 2019));
        JsonNode innvandrer = file(run("innvandring-under16", "innvandrer_status", inputs, "05"), "05");
        assertThat(entry(innvandrer, "0501").get("values").get(0).get("value").asLong()).isEqualTo(column(501, 5, 2019));
        assertThat(innvandrer.get("meta").get("heading").asText()).isEqualTo("Innvandrere (under 16)");
    }

    @Test
    void historisk() {
        JsonNode en = file(run("innvandring-under16", "en-innvandrer_historisk", inputs, "05"), "05");
        assertThat(entry(en, "0501").get("values")).hasSize(12);
        assertThat(entry(en, "0501").get("values").get(0).get("value").asLong()).isEqualTo(enForelder(501, 2008));
        assertThat(en.get("meta").get("scale").toString()).isEqualTo("[]");
        run("innvandring-under16", "to-innvandrer_historisk", inputs, "05");
        JsonNode innvandrer = file(run("innvandring-under16", "innvandrer_historisk", inputs, "05"), "05");
        assertThat(innvandrer.get("meta").get("heading").asText()).isEqualTo("Andel innvandrere (under 16)");
    }

    @Test
    void anUnknownTypeIsNamedNeverASilentOk() {
        TransformFunction f = catalogue.get("innvandring-under16");
        assertThatThrownBy(() -> catalogue.type(f, TransformEventTest.event("innvandring-under16", "status", Map.of())))
                .satisfies(e -> assertThat(TaskFailures.text(e)).startsWith("UnknownType: innvandring-under16 does not know type 'status'; it accepts [en-innvandrer_historisk, "));
    }
}
