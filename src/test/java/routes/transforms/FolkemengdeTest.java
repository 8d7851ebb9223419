package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** folkemengde, every type (templates B and G); hand-checked district: 05 Bydel Frogner, sub-district 0501. */
class FolkemengdeTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("befolkning-etter-kjonn-og-alder", OSLO.befolkning(data));
    }

    /** The population of sub-district seed in year: both sexes, ages 0..120, as the generator wrote them. */
    static long population(int seed, int year) {
        return OsloData.population(seed, year, 0, 120);
    }

    @Test
    void historisk() {
        List<Map<String, Object>> files = run("folkemengde", "historisk", inputs, "05");
        JsonNode values = entry(file(files, "05"), "0501").get("values");
        assertThat(values).hasSize(12);
        assertThat(values.get(0).toString()).isEqualTo("{\"value\":" + population(501, 2008) + ",\"date\":2008}");
        assertThat(file(files, "05").get("meta").get("heading").asText()).isEqualTo("Folkemengde utvikling historisk");
    }

    @Test
    void historiskProsent() {
        List<Map<String, Object>> files = run("folkemengde", "historisk-prosent", inputs, "05");
        JsonNode values = entry(file(files, "05"), "0501").get("values");
        // the first year has no change: dropped
        assertThat(values).hasSize(11);
        double change = population(501, 2009) - population(501, 2008);
        assertThat(values.get(0).toString()).isEqualTo("{\"value\":" + change + ",\"ratio\":" + (change / population(501, 2008)) + ",\"date\":2009}");
    }

    @Test
    void nokkeltall() {
        List<Map<String, Object>> files = run("folkemengde", "nokkeltall", inputs, "05");
        JsonNode values = entry(file(files, "05"), "0501").get("values");
        assertThat(values).hasSize(5);
        assertThat(values.get(0).asLong()).isEqualTo(population(501, 2019));
        assertThat(values.get(1).asDouble()).isEqualTo(population(501, 2019) - population(501, 2018));
        assertThat(values.get(2).asDouble()).isEqualTo(population(501, 2019) - population(501, 2009));
        assertThat(values.get(3)).hasSize(10);
        assertThat(values.get(3).get(0).toString()).isEqualTo(population(501, 2010) + ".0");
        assertThat(values.get(4).asInt()).isEqualTo(2019);
        assertThat(file(files, "05").get("meta").get("series").toString()).isEqualTo(
                "[{\"heading\":\"Folkemengde\",\"subheading\":\"(totalt)\"},{\"heading\":\"Utvikling siste år\",\"subheading\":false},"
                        + "{\"heading\":\"Utvikling siste 10 år\",\"subheading\":false}]");
    }
}
