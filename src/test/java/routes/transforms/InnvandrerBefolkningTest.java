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
 * innvandrer-befolkning, every type (A, C, A + scale, B); hand-checked: 11 Bydel Stovner (5 + 11 % 4 = 8
 * sub-districts) in 2019, recomputed from the generator's innvandrer + norskfodt counts per botid category and the
 * population.
 */
class InnvandrerBefolkningTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("botid", OSLO.botid(data), "befolkning-etter-kjonn-og-alder", OSLO.befolkning(data));
    }

    /** innvandrer (column 1) + norskfodt_med_innvandrerforeldre (column 2) of botid category k (1 short, 2 long, 3 the rest). */
    static long category(int seed, int year, int k) {
        return OsloData.count(seed, year, 10 * k + 1, 0, 200) + OsloData.count(seed, year, 10 * k + 2, 0, 200);
    }

    static String value(double value, long population, int year) {
        return BotidIkkeVestligeTest.value(value, population, year);
    }

    @Test
    void alleStatus() {
        JsonNode stovner = file(run("innvandrer-befolkning", "alle_status", inputs, "11"), "11");
        long population = OsloData.population(1101, 2019, 0, 120);
        assertThat(entry(stovner, "1101").get("values").toString()).isEqualTo("[" + value(category(1101, 2019, 1), population, 2019) + ","
                + value(category(1101, 2019, 2), population, 2019) + "," + value(category(1101, 2019, 3), population, 2019) + "]");
        long[] district = new long[4];
        for (int s = 1; s <= 8; s++) {
            for (int k = 1; k <= 3; k++) {
                district[k] += category(1100 + s, 2019, k);
            }
            district[0] += OsloData.population(1100 + s, 2019, 0, 120);
        }
        assertThat(entry(stovner, "11").get("values").get(1).toString()).isEqualTo(value(district[2], district[0], 2019));
        assertThat(stovner.get("meta").get("heading").asText()).isEqualTo("Innvandring befolkning");
        assertThat(stovner.get("meta").get("series")).extracting(s -> s.get("subheading").asText())
                .containsExactly("kort botid (<=5 år)", "lang botid (>5 år)", "med innvandrerforeldre");
        assertThat(stovner.get("meta").get("scale").toString()).isEqualTo("[]");
    }

    @Test
    void alleHistoriskEndsWithTheTotalOfTheThreeCategories() {
        JsonNode values = entry(file(run("innvandrer-befolkning", "alle_historisk", inputs, "11"), "11"), "1108").get("values");
        assertThat(values).hasSize(4);
        assertThat(values.get(3)).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
        long total = category(1108, 2010, 1) + category(1108, 2010, 2) + category(1108, 2010, 3);
        assertThat(values.get(3).get(2).toString()).isEqualTo(value(total, OsloData.population(1108, 2010, 0, 120), 2010));
    }

    @Test
    void singleCategoryTypes() {
        Map<String, Integer> category = Map.of("kort", 1, "lang", 2, "to_foreldre", 3);
        Map<String, String> heading = Map.of("kort", "Innvandrer med kort botid (<=5 år)", "lang", "Innvandrer med lang botid (>5 år)",
                "to_foreldre", "Norskfødt med innvandrerforeldre");
        for (String t : List.of("kort", "lang", "to_foreldre")) {
            JsonNode status = file(run("innvandrer-befolkning", t + "_status", inputs, "11"), "11");
            assertThat(entry(status, "1103").get("values").toString()).isEqualTo(
                    "[" + value(category(1103, 2019, category.get(t)), OsloData.population(1103, 2019, 0, 120), 2019) + "]");
            assertThat(status.get("meta").get("heading").asText()).isEqualTo(heading.get(t));
            assertThat(status.get("meta").get("scale").get("ratio")).hasSize(2);
            JsonNode historic = file(run("innvandrer-befolkning", t + "_historisk", inputs, "11"), "11");
            assertThat(entry(historic, "1103").get("values")).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
        }
    }

    @Test
    void anUnknownTypeIsNamedNeverASilentOk() {
        TransformFunction f = catalogue.get("innvandrer-befolkning");
        TransformEvent event = TransformEventTest.event("innvandrer-befolkning", "status",
                Map.of("botid", "p/", "befolkning-etter-kjonn-og-alder", "q/"));
        assertThatThrownBy(() -> catalogue.type(f, event)).satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo(
                "UnknownType: innvandrer-befolkning does not know type 'status'; it accepts [alle_status, alle_historisk, kort_status, "
                        + "kort_historisk, lang_status, lang_historisk, to_foreldre_status, to_foreldre_historisk]"));
    }
}
