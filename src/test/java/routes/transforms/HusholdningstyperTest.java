package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** husholdningstyper, both types (A, C); hand-checked district: 04 Bydel St. Hanshaugen (sub-districts 0401..0405) in 2019. */
class HusholdningstyperTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("husholdningstyper", OSLO.husholdningstyper(data));
    }

    /** Input column c (1-based, HOUSEHOLD_TYPES order) of a sub-district in 2019: its two rows added up. */
    static long column(int seed, int c) {
        return OsloData.count(seed * 10 + 1, 2019, c, 0, 200) + OsloData.count(seed * 10 + 2, 2019, c, 0, 200);
    }

    /** aleneboende, par_uten_barn, par_med_barn, mor_far_med_barn, flerfamiliehusholdninger, total of a sub-district in 2019. */
    static long[] types(int seed) {
        long alene = column(seed, 1);
        long parUten = column(seed, 2);
        long parMed = column(seed, 3) + column(seed, 4);
        long morFar = column(seed, 5) + column(seed, 6);
        long fler = column(seed, 7) + column(seed, 8) + column(seed, 9) + column(seed, 10);
        return new long[]{alene, parUten, parMed, morFar, fler, alene + parUten + parMed + morFar + fler};
    }

    @Test
    void statusFiveTypesWithTheScaleOfAleneboende() {
        JsonNode hanshaugen = file(run("husholdningstyper", "status", inputs, "04"), "04");
        long[] sub = types(401);
        JsonNode values = entry(hanshaugen, "0401").get("values");
        assertThat(values).hasSize(5);
        assertThat(values.get(2).toString()).isEqualTo("{\"value\":" + sub[2] + ",\"ratio\":" + ((double) sub[2] / sub[5]) + ",\"date\":2019}");
        // the district: its five sub-districts; the input's district rows (aleneboende 99999) are left out
        long alene = 0;
        long total = 0;
        for (int s = 1; s <= 5; s++) {
            alene += types(400 + s)[0];
            total += types(400 + s)[5];
        }
        assertThat(entry(hanshaugen, "04").get("values").get(0).toString())
                .isEqualTo("{\"value\":" + alene + ",\"ratio\":" + ((double) alene / total) + ",\"date\":2019}");
        assertThat(hanshaugen.get("meta").get("heading").asText()).isEqualTo("Husholdninger etter husholdningstype");
        assertThat(hanshaugen.get("meta").get("series").get(3).toString()).isEqualTo("{\"heading\":\"Mor eller far\",\"subheading\":\"med barn\"}");
        assertThat(hanshaugen.get("meta").get("scale").get("value")).hasSize(2);
    }

    @Test
    void historiskSixSeriesIncludingTheTotal() {
        JsonNode hanshaugen = file(run("husholdningstyper", "historisk", inputs, "04"), "04");
        JsonNode values = entry(hanshaugen, "0401").get("values");
        assertThat(values).hasSize(6);
        assertThat(values.get(5)).hasSize(12);
        assertThat(values.get(5).get(11).toString()).isEqualTo("{\"value\":" + types(401)[5] + ",\"ratio\":1.0,\"date\":2019}");
        // the original gave historisk the scale too
        assertThat(hanshaugen.get("meta").get("scale").get("ratio")).hasSize(2);
        assertThat(hanshaugen.get("meta").get("series")).hasSize(6);
    }

    @Test
    void anUnknownTypeIsNamed() {
        TransformFunction f = catalogue.get("husholdningstyper");
        assertThatThrownBy(() -> catalogue.type(f, TransformEventTest.event("husholdningstyper", "alle_status", Map.of())))
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("UnknownType: husholdningstyper does not know type 'alle_status'; it accepts [status, historisk]"));
    }
}
