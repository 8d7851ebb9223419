package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * landbakgrunn-innvandringsgrupper (custom output, top 10), both types; hand-checked district: 03 Bydel Sagene, whose
 * population is that of its sub-districts 0301..0308 (5 + 3 % 4 = 8), and Oslo.
 */
class LandbakgrunnInnvandringsgrupperTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("landbakgrunn-storste-innvandringsgrupper", OSLO.landbakgrunn(data), "befolkning-etter-kjonn-og-alder", OSLO.befolkning(data));
    }

    static long innvandrer(int d, int k, int year) {
        return OsloData.count(d * 100 + k, year, 1, 0, 400);
    }

    static long norskfodt(int d, int k, int year) {
        return OsloData.count(d * 100 + k, year, 2, 0, 200);
    }

    static long sagenePopulation(int year) {
        long sum = 0;
        for (int s = 1; s <= 8; s++) {
            sum += FolkemengdeTest.population(300 + s, year);
        }
        return sum;
    }

    /** The countries of district d by total in the year, largest first, ties by name (the generator's 16th country is missing in odd years). */
    static List<String> ranking(int d, int year) {
        List<Integer> countries = new ArrayList<>();
        for (int k = 0; k < OsloData.COUNTRIES.length - (year % 2 == 1 ? 1 : 0); k++) {
            countries.add(k);
        }
        countries.sort(Comparator.<Integer>comparingLong(k -> -(innvandrer(d, k, year) + norskfodt(d, k, year))).thenComparing(k -> OsloData.COUNTRIES[k]));
        return countries.stream().limit(10).map(k -> OsloData.COUNTRIES[k]).toList();
    }

    static int index(String country) {
        return List.of(OsloData.COUNTRIES).indexOf(country);
    }

    @Test
    void statusTopTenOfTheLatestYear() {
        List<Map<String, Object>> files = run("landbakgrunn-innvandringsgrupper", "status", inputs, "03");
        // a file per district of both inputs (Sentrum, 16, has no population here), Oslo last
        assertThat(files).extracting(f -> f.get("id")).containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "00");
        JsonNode sagene = file(files, "03");
        assertThat(sagene.get("district").asText()).isEqualTo("Bydel Sagene");
        assertThat(sagene.get("data")).extracting(e -> e.get("geography").asText()).containsExactlyElementsOf(ranking(3, 2019));
        String first = ranking(3, 2019).get(0);
        int k = index(first);
        long population = sagenePopulation(2019);
        assertThat(sagene.get("data").get(0).get("values").toString()).isEqualTo("[{\"date\":2019,\"value\":" + innvandrer(3, k, 2019) + ",\"ratio\":"
                + ((double) innvandrer(3, k, 2019) / population) + "},{\"date\":2019,\"value\":" + norskfodt(3, k, 2019) + ",\"ratio\":"
                + ((double) norskfodt(3, k, 2019) / population) + "}]");
        // meta: series and heading only, in this order
        assertThat(sagene.get("meta").toString()).isEqualTo("{\"series\":[{\"heading\":\"Innvandrer\",\"subheading\":\"\"},"
                + "{\"heading\":\"Norskfødt med innvandrerforeldre\",\"subheading\":\"\"}],\"heading\":\"10 største innvandringsgrupper\"}");
    }

    @Test
    void osloSumsEveryDistrictIncludingSentrum() {
        JsonNode oslo = file(run("landbakgrunn-innvandringsgrupper", "status", inputs, "03"), "00");
        assertThat(oslo.get("district").asText()).isEqualTo("Oslo i alt");
        String first = oslo.get("data").get(0).get("geography").asText();
        long innvandrer = 0;
        for (int d = 1; d <= 16; d++) {
            innvandrer += innvandrer(d, index(first), 2019);
        }
        assertThat(oslo.get("data").get(0).get("values").get(0).get("value").asLong()).isEqualTo(innvandrer);
    }

    @Test
    void historiskThreeSeriesOverTheYears() {
        List<Map<String, Object>> files = run("landbakgrunn-innvandringsgrupper", "historisk", inputs, "03");
        JsonNode sagene = file(files, "03");
        assertThat(sagene.get("data")).extracting(e -> e.get("geography").asText()).containsExactlyElementsOf(ranking(3, 2019));
        JsonNode values = sagene.get("data").get(0).get("values");
        assertThat(values).hasSize(3);
        int k = index(ranking(3, 2019).get(0));
        JsonNode total2008 = values.get(0).get(0);
        long total = innvandrer(3, k, 2008) + norskfodt(3, k, 2008);
        assertThat(total2008.toString()).isEqualTo("{\"date\":2008,\"value\":" + total + ",\"ratio\":" + ((double) total / sagenePopulation(2008)) + "}");
        assertThat(sagene.get("meta").get("series")).hasSize(3);
    }

    @Test
    void anUnknownTypeIsNamed() {
        TransformFunction f = catalogue.get("landbakgrunn-innvandringsgrupper");
        assertThatThrownBy(() -> catalogue.type(f, TransformEventTest.event("landbakgrunn-innvandringsgrupper", "alle", Map.of())))
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("UnknownType: landbakgrunn-innvandringsgrupper does not know type 'alle'; it accepts [status, historisk]"));
    }
}
