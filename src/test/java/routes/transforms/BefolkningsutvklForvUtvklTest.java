package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** befolkningsutvkl-forv-utvkl (template H, six inputs); hand-checked district: 09 Bydel Bjerke. */
class BefolkningsutvklForvUtvklTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of(
                "befolkning-etter-kjonn-og-alder", OSLO.befolkning(data),
                "dode", OSLO.counts(data, "dode", "antall_dode", 1),
                "fodte", OSLO.counts(data, "fodte", "antall_fodte", 2),
                "flytting-til-etter-alder", OSLO.migration(data, true),
                "flytting-fra-etter-alder", OSLO.migration(data, false),
                "befolkningsframskrivninger", OSLO.projections(data));
    }

    @Test
    void historisk() {
        List<Map<String, Object>> files = run("befolkningsutvkl-forv-utvkl", "historisk", inputs, "09");
        JsonNode sub = entry(file(files, "09"), "0901").get("values");
        assertThat(sub).hasSize(2);
        assertThat(sub.get(0)).hasSize(12);
        // a sub-district has no migration fields and no projection; its first year no change
        assertThat(sub.get(0).get(0).toString()).isEqualTo("{\"date\":2008,\"deaths\":" + OsloData.count(902, 2008, 1, 0, 80)
                + ",\"births\":" + OsloData.count(903, 2008, 1, 0, 80) + ",\"population\":" + FolkemengdeTest.population(901, 2008) + "}");
        double change = (double) FolkemengdeTest.population(901, 2009) / FolkemengdeTest.population(901, 2008) - 1;
        assertThat(sub.get(0).get(1).get("change").asDouble()).isEqualTo(change);
        assertThat(sub.get(1)).isEmpty();
        JsonNode district = entry(file(files, "09"), "09").get("values");
        long immigration = 0;
        for (int a = 0; a < OsloData.AGE_GROUPS.length; a++) {
            immigration += OsloData.count(9000 + a, 2019, 0, 0, 300) + OsloData.count(9000 + a, 2019, 1, 0, 300);
        }
        assertThat(district.get(0).get(11).get("immigration").asLong()).isEqualTo(immigration);
        assertThat(district.get(0).get(11).fieldNames()).toIterable().containsExactly("date", "deaths", "births", "emigration", "immigration", "population", "change");
        long projection = 0;
        for (int age = 0; age <= 99; age++) {
            projection += OsloData.count(9, 2020, age, 100, 400);
        }
        assertThat(district.get(1).get(0).toString()).isEqualTo("{\"date\":2020,\"projection\":" + projection + "}");
        assertThat(district.get(1)).hasSize(11);
    }

    @Test
    void onlyHistorisk() {
        assertThat(catalogue.get("befolkningsutvkl-forv-utvkl").types()).containsExactly("historisk");
    }
}
