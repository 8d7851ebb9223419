package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kommunale-boliger, both types (A, B; both with the scale); hand-checked: 07 Bydel Vestre Aker (5 + 7 % 4 = 8
 * sub-districts) in 2019, recomputed from the generator's counts and the five building columns' total.
 */
class KommunaleBoligerTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("kommunale-boliger", OSLO.kommunaleBoliger(data), "boligmengde-etter-boligtype", OSLO.boligmengde(data));
    }

    static long municipal(int seed, int year) {
        return OsloData.count(seed, year, 7, 1, 60);
    }

    @Test
    void status() {
        JsonNode vestreAker = file(run("kommunale-boliger", "status", inputs, "07"), "07");
        long sub = municipal(701, 2019);
        long subTotal = BygningstyperTest.dwellings(701, 2019)[3];
        assertThat(entry(vestreAker, "0701").get("values").toString()).isEqualTo(BygningstyperTest.value(sub, subTotal, 2019).transform(v -> "[" + v + "]"));
        long district = 0;
        long districtTotal = 0;
        for (int s = 1; s <= 8; s++) {
            district += municipal(700 + s, 2019);
            districtTotal += BygningstyperTest.dwellings(700 + s, 2019)[3];
        }
        assertThat(entry(vestreAker, "07").get("values").toString()).isEqualTo("[" + BygningstyperTest.value(district, districtTotal, 2019) + "]");
        assertThat(vestreAker.get("meta").get("heading").asText()).isEqualTo("Kommunale boliger av boligmassen i alt");
        assertThat(vestreAker.get("meta").get("series").toString()).isEqualTo("[]");
        assertThat(vestreAker.get("meta").get("scale").get("ratio")).hasSize(2);
    }

    @Test
    void historiskHasTheScaleToo() {
        JsonNode vestreAker = file(run("kommunale-boliger", "historisk", inputs, "07"), "07");
        assertThat(entry(vestreAker, "0701").get("values")).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
        assertThat(vestreAker.get("meta").get("scale").get("value")).hasSize(2);
    }

    @Test
    void anUnknownTypeIsNamedNotACrash() {
        TransformFunction f = catalogue.get("kommunale-boliger");
        TransformEvent event = TransformEventTest.event("kommunale-boliger", "alle_status",
                Map.of("kommunale-boliger", "p/", "boligmengde-etter-boligtype", "q/"));
        assertThatThrownBy(() -> catalogue.type(f, event)).satisfies(e -> assertThat(TaskFailures.text(e))
                .isEqualTo("UnknownType: kommunale-boliger does not know type 'alle_status'; it accepts [status, historisk]"));
    }
}
