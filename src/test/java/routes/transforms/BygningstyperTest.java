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
 * bygningstyper, every type (A, B, C); hand-checked: 03 Bydel Sagene (8 sub-districts 0301..0308) in 2019, recomputed
 * from the generator's building counts.
 */
class BygningstyperTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("boligmengde-etter-boligtype", OSLO.boligmengde(data));
    }

    /** blokk, rekkehus, enebolig, total of one sub-district and year, from the five generated columns. */
    static long[] dwellings(int seed, int year) {
        long[] c = new long[6];
        for (int i = 1; i <= 5; i++) {
            c[i] = OsloData.count(seed, year, i, 10, 300);
        }
        return new long[]{c[1] + c[2], c[4] + c[5], c[3], c[1] + c[2] + c[3] + c[4] + c[5]};
    }

    static long[] sagene(int year) {
        long[] sum = new long[4];
        for (int s = 1; s <= 8; s++) {
            long[] d = dwellings(300 + s, year);
            for (int i = 0; i < 4; i++) {
                sum[i] += d[i];
            }
        }
        return sum;
    }

    static String value(long value, long total, int year) {
        return "{\"value\":" + value + ",\"ratio\":" + ((double) value / total) + ",\"date\":" + year + "}";
    }

    @Test
    void alleStatus() {
        JsonNode sagene = file(run("bygningstyper", "alle_status", inputs, "03"), "03");
        long[] sub = dwellings(301, 2019);
        assertThat(entry(sagene, "0301").get("values").toString())
                .isEqualTo("[" + value(sub[0], sub[3], 2019) + "," + value(sub[1], sub[3], 2019) + "," + value(sub[2], sub[3], 2019) + "]");
        long[] district = sagene(2019);
        assertThat(entry(sagene, "03").get("values").get(0).toString()).isEqualTo(value(district[0], district[3], 2019));
        assertThat(sagene.get("meta").get("heading").asText()).isEqualTo("Boliger etter bygningstype");
        assertThat(sagene.get("meta").get("series")).extracting(s -> s.get("heading").asText())
                .containsExactly("Blokk, leiegård o.l", "Rekkehus, tomannsboliger o.l", "Enebolig");
        assertThat(sagene.get("meta").get("scale").toString()).isEqualTo("[]");
    }

    @Test
    void alleHistorisk() {
        JsonNode values = entry(file(run("bygningstyper", "alle_historisk", inputs, "03"), "03"), "03").get("values");
        assertThat(values).hasSize(4);
        assertThat(values.get(3)).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
        long[] first = sagene(OsloData.FIRST_YEAR);
        assertThat(values.get(3).get(0).toString()).isEqualTo(value(first[3], first[3], OsloData.FIRST_YEAR));
    }

    @Test
    void singleTypes() {
        Map<String, Integer> column = Map.of("blokk", 0, "rekkehus", 1, "enebolig", 2, "totalt", 3);
        Map<String, String> heading = Map.of("blokk", "Blokker og leiegårder", "rekkehus", "Rekkehus/tomannsboliger",
                "enebolig", "Eneboliger", "totalt", "Antall boliger");
        for (String t : List.of("blokk", "enebolig", "rekkehus", "totalt")) {
            JsonNode status = file(run("bygningstyper", t + "_status", inputs, "03"), "03");
            long[] sub = dwellings(305, 2019);
            assertThat(entry(status, "0305").get("values").toString()).isEqualTo("[" + value(sub[column.get(t)], sub[3], 2019) + "]");
            assertThat(status.get("meta").get("heading").asText()).isEqualTo(heading.get(t));
            JsonNode historic = file(run("bygningstyper", t + "_historisk", inputs, "03"), "03");
            assertThat(entry(historic, "0305").get("values")).hasSize(OsloData.LAST_YEAR - OsloData.FIRST_YEAR + 1);
            assertThat(historic.get("meta").get("scale").toString()).isEqualTo("[]");
        }
    }

    @Test
    void theScaleIsTheLatestYearsRangeButTotaltStatusKeepsTheOriginalsZeroScale() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (OsloData.Geo g : OSLO.subDistricts()) {
            if (!List.of("16", "17", "99").contains(g.districtId())) {
                min = Math.min(min, dwellings(g.seed(), 2019)[0]);
            }
        }
        JsonNode scale = file(run("bygningstyper", "blokk_status", inputs, "03"), "03").get("meta").get("scale");
        assertThat(scale.get("value").get(0).asDouble()).isEqualTo((double) min);
        // the maximum is Oslo's own row (Oslo includes 16/17/99)
        for (OsloData.Geo g : OSLO.subDistricts()) {
            max += dwellings(g.seed(), 2019)[0];
        }
        assertThat(scale.get("value").get(1).asDouble()).isEqualTo((double) max);
        assertThat(file(run("bygningstyper", "totalt_status", inputs, "03"), "03").get("meta").get("scale").toString())
                .isEqualTo("{\"value\":[0.0,0.0],\"ratio\":[0.0,0.0]}");
    }

    @Test
    void anUnknownTypeIsNamedNeverASilentOk() {
        TransformFunction f = catalogue.get("bygningstyper");
        TransformEvent event = TransformEventTest.event("bygningstyper", "status", Map.of("boligmengde-etter-boligtype", "p/"));
        assertThatThrownBy(() -> catalogue.type(f, event)).satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo(
                "UnknownType: bygningstyper does not know type 'status'; it accepts [alle_status, alle_historisk, blokk_status, blokk_historisk, "
                        + "enebolig_status, enebolig_historisk, rekkehus_status, rekkehus_historisk, totalt_status, totalt_historisk]"));
    }
}
