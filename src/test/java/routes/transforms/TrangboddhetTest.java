package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** trangboddhet, every type (A + scale, B, J, C); hand-checked district: 06 Bydel Ullern (sub-districts 0601..0607) in 2019. */
class TrangboddhetTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;
    static final List<String> CATEGORIES = List.of("under-0-5", "0-5-0-9", "1-0-1-9", "over-2");

    @BeforeAll
    static void write() {
        inputs = Map.of("husholdninger-etter-rom-per-person", OSLO.romPerPerson(data));
    }

    static long category(int seed, int c, int year) {
        return OsloData.count(seed, year, c, 5, 400);
    }

    static long categories(int seed, int year) {
        return category(seed, 1, year) + category(seed, 2, year) + category(seed, 3, year) + category(seed, 4, year);
    }

    @Test
    void oneCategoryStatusAndHistorisk() {
        for (int c = 1; c <= 4; c++) {
            JsonNode ullern = file(run("trangboddhet", CATEGORIES.get(c - 1) + "_status", inputs, "06"), "06");
            assertThat(entry(ullern, "0601").get("values").toString()).isEqualTo("[{\"value\":" + category(601, c, 2019) + ",\"ratio\":"
                    + ((double) category(601, c, 2019) / categories(601, 2019)) + ",\"date\":2019}]");
            assertThat(ullern.get("meta").get("scale").get("value")).hasSize(2);
            JsonNode history = file(run("trangboddhet", CATEGORIES.get(c - 1) + "_historisk", inputs, "06"), "06");
            assertThat(entry(history, "0601").get("values")).hasSize(12);
        }
    }

    @Test
    void theOriginalsHeadingsAreKept() {
        assertThat(file(run("trangboddhet", "under-0-5_status", inputs, "06"), "06").get("meta").get("heading").asText()).isEqualTo("Under 0,5 rom per preson");
        assertThat(file(run("trangboddhet", "1-0-1-9_historisk", inputs, "06"), "06").get("meta").get("heading").asText()).isEqualTo("Personer per rom - 1,5 - 1,9");
        assertThat(file(run("trangboddhet", "alle_historisk", inputs, "06"), "06").get("meta").get("heading").asText()).isEmpty();
    }

    @Test
    void alleStatusTheFourCategoriesAndOsloFromTheSubDistricts() {
        JsonNode ullern = file(run("trangboddhet", "alle_status", inputs, "06"), "06");
        JsonNode values = entry(ullern, "0601").get("values");
        assertThat(values).hasSize(4);
        assertThat(values.get(3).get("value").asLong()).isEqualTo(category(601, 4, 2019));
        // Oslo is summed from every sub-district (16, 17, 99 too); the input's own Oslo rows (district 00) are left out
        long oslo = 0;
        for (OsloData.Geo g : OSLO.subDistricts()) {
            oslo += category(g.seed(), 1, 2019);
        }
        assertThat(entry(ullern, "00").get("values").get(0).get("value").asLong()).isEqualTo(oslo);
        assertThat(ullern.get("meta").get("heading").asText()).isEqualTo("Husstander fordelt på personer per rom");
        assertThat(ullern.get("meta").get("series")).hasSize(4);
    }

    @Test
    void alleHistorisk() {
        JsonNode values = entry(file(run("trangboddhet", "alle_historisk", inputs, "06"), "06"), "0601").get("values");
        assertThat(values).hasSize(4);
        assertThat(values.get(0)).hasSize(12);
    }

    @Test
    void anUnknownTypeIsNamedNeverASilentOk() {
        TransformFunction f = catalogue.get("trangboddhet");
        assertThatThrownBy(() -> catalogue.type(f, TransformEventTest.event("trangboddhet", "status", Map.of())))
                .satisfies(e -> assertThat(TaskFailures.text(e)).startsWith("UnknownType: trangboddhet does not know type 'status'; it accepts [0-5-0-9_status, "));
    }
}
