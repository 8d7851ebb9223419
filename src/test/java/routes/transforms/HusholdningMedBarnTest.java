package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** husholdning_med_barn, every type (templates A, B, C); hand-checked district: 02 Bydel Grünerløkka in 2019. */
class HusholdningMedBarnTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("husholdninger-med-barn", OSLO.husholdningerMedBarn(data));
    }

    /** ett, to, tre + fire, ingen of one sub-district and year, as the generator wrote them. */
    static long[] counts(int seed, int year) {
        return new long[]{OsloData.count(seed, year, 1, 100, 400), OsloData.count(seed, year, 2, 50, 300),
                OsloData.count(seed, year, 3, 10, 100) + OsloData.count(seed, year, 4, 0, 40), OsloData.count(seed, year, 5, 500, 2000)};
    }

    @Test
    void alleStatus() {
        List<Map<String, Object>> files = run("husholdning_med_barn", "alle_status", inputs, "02");
        JsonNode grunerlokka = file(files, "02");
        long[] sub = counts(201, 2019);
        long subTotal = sub[0] + sub[1] + sub[2] + sub[3];
        JsonNode values = entry(grunerlokka, "0201").get("values");
        assertThat(values).hasSize(3);
        assertThat(values.get(0).get("value").asLong()).isEqualTo(sub[0]);
        assertThat(values.get(0).get("ratio").asDouble()).isEqualTo((double) sub[0] / subTotal);
        assertThat(values.get(2).get("value").asLong()).isEqualTo(sub[2]);
        // district 02 has 5 + 2 % 4 = 7 sub-districts, 0201..0207
        long one = 0;
        long total = 0;
        for (int s = 1; s <= 7; s++) {
            long[] c = counts(200 + s, 2019);
            one += c[0];
            total += c[0] + c[1] + c[2] + c[3];
        }
        assertThat(entry(grunerlokka, "02").get("values").get(0).toString())
                .isEqualTo("{\"value\":" + one + ",\"ratio\":" + ((double) one / total) + ",\"date\":2019}");
        assertThat(grunerlokka.get("meta").get("series")).hasSize(3);
        assertThat(grunerlokka.get("meta").get("scale").toString()).isEqualTo("[]");
    }

    @Test
    void alleHistorisk() {
        List<Map<String, Object>> files = run("husholdning_med_barn", "alle_historisk", inputs, "02");
        JsonNode values = entry(file(files, "02"), "0201").get("values");
        assertThat(values).hasSize(4);
        assertThat(values.get(3)).hasSize(12);
        assertThat(values.get(3).get(0).get("ratio").asDouble()).isEqualTo(1.0);
        long[] c = counts(201, 2008);
        assertThat(values.get(3).get(0).get("value").asLong()).isEqualTo(c[0] + c[1] + c[2] + c[3]);
    }

    @Test
    void singleSeriesTypes() {
        for (String n : List.of("1", "2", "3")) {
            List<Map<String, Object>> status = run("husholdning_med_barn", n + "barn_status", inputs, "02");
            JsonNode meta = file(status, "02").get("meta");
            assertThat(meta.get("heading").asText()).isEqualTo("Husholdninger med " + n + " barn");
            assertThat(meta.get("scale").get("value")).hasSize(2);
            assertThat(entry(file(status, "02"), "0201").get("values")).hasSize(1);
            List<Map<String, Object>> historic = run("husholdning_med_barn", n + "barn_historisk", inputs, "02");
            assertThat(entry(file(historic, "02"), "0201").get("values")).hasSize(12);
        }
    }

    @Test
    void theScaleIsTheLatestYearsRangeWithoutSentrumMarkaAndUnregistered() {
        List<Map<String, Object>> files = run("husholdning_med_barn", "1barn_status", inputs, "02");
        long min = Long.MAX_VALUE;
        for (OsloData.Geo g : OSLO.subDistricts()) {
            if (!List.of("16", "17", "99").contains(g.districtId())) {
                min = Math.min(min, counts(g.seed(), 2019)[0]);
            }
        }
        assertThat(file(files, "00").get("meta").get("scale").get("value").get(0).asDouble()).isEqualTo((double) min);
    }
}
