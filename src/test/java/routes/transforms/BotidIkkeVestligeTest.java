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
 * botid-ikke-vestlige, both types (A + scale, B); hand-checked: 05 Bydel Frogner (5 + 5 % 4 = 6 sub-districts) and
 * Oslo in 2019, recomputed from the generator's short-stay non-western counts and population.
 */
class BotidIkkeVestligeTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("botid-ikke-vestlige", OSLO.botidIkkeVestlige(data), "befolkning-etter-kjonn-og-alder", OSLO.befolkning(data));
    }

    /** Category 1 (short stay), column 2 (asia_afrika_...). */
    static long shortStay(int seed, int year) {
        return OsloData.count(seed, year, 12, 0, 200);
    }

    static String value(double value, long population, int year) {
        return "{\"value\":" + value + ",\"ratio\":" + (value / population) + ",\"date\":" + year + "}";
    }

    @Test
    void status() {
        JsonNode frogner = file(run("botid-ikke-vestlige", "status", inputs, "05"), "05");
        // a decimal, as the original's pivot makes it
        assertThat(entry(frogner, "0501").get("values").toString())
                .isEqualTo("[" + value(shortStay(501, 2019), OsloData.population(501, 2019, 0, 120), 2019) + "]");
        long district = 0;
        long population = 0;
        for (int s = 1; s <= 6; s++) {
            district += shortStay(500 + s, 2019);
            population += OsloData.population(500 + s, 2019, 0, 120);
        }
        assertThat(entry(frogner, "05").get("values").toString()).isEqualTo("[" + value(district, population, 2019) + "]");
        long oslo = 0;
        long osloPopulation = 0;
        for (OsloData.Geo g : OSLO.subDistricts()) {
            oslo += shortStay(g.seed(), 2019);
            osloPopulation += OsloData.population(g.seed(), 2019, 0, 120);
        }
        assertThat(entry(frogner, "00").get("values").toString()).isEqualTo("[" + value(oslo, osloPopulation, 2019) + "]");
        assertThat(frogner.get("meta").get("heading").asText()).isEqualTo("Ikke-vestlige innvandrere korttid");
        assertThat(frogner.get("meta").get("series")).hasSize(1);
        assertThat(frogner.get("meta").get("scale").get("value").get(1).asDouble()).isEqualTo((double) oslo);
    }

    @Test
    void historisk() {
        JsonNode frogner = file(run("botid-ikke-vestlige", "historisk", inputs, "05"), "05");
        JsonNode values = entry(frogner, "0506").get("values");
        assertThat(values).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
        assertThat(values.get(0).toString()).isEqualTo(value(shortStay(506, 2008), OsloData.population(506, 2008, 0, 120), 2008));
        assertThat(frogner.get("meta").get("scale").toString()).isEqualTo("[]");
    }

    @Test
    void anUnknownTypeIsNamedNeverASilentOk() {
        TransformFunction f = catalogue.get("botid-ikke-vestlige");
        TransformEvent event = TransformEventTest.event("botid-ikke-vestlige", "kort_status",
                Map.of("botid-ikke-vestlige", "p/", "befolkning-etter-kjonn-og-alder", "q/"));
        assertThatThrownBy(() -> catalogue.type(f, event)).satisfies(e -> assertThat(TaskFailures.text(e))
                .isEqualTo("UnknownType: botid-ikke-vestlige does not know type 'kort_status'; it accepts [status, historisk]"));
        assertThat(List.copyOf(f.inputs().values())).containsExactly("botid-ikke-vestlige", "befolkning-etter-kjonn-og-alder");
    }
}
