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
 * levekar-ikke-sysselsatte, both types (A + scale, B); hand-checked: 13 Bydel Østensjø (5 + 13 % 4 = 6
 * sub-districts) and Oslo. sysselsatte is written for 2008..2018; the population aged 30-59 of 1 January of the next
 * year is joined to it, so the latest year is 2018, with the population of 2019.
 */
class LevekarIkkeSysselsatteTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("sysselsatte", OSLO.sysselsatte(data), "befolkning-etter-kjonn-og-alder", OSLO.befolkning(data));
    }

    /** [not employed, population aged 30-59] of a sub-district for sysselsatte year y (population of y + 1). */
    static long[] notEmployed(int seed, int year) {
        long population = OsloData.population(seed, year + 1, 30, 59);
        return new long[]{population - OsloData.count(seed, year, 1, 500, 800), population};
    }

    static String value(long[] v, int year) {
        return "{\"value\":" + v[0] + ",\"ratio\":" + ((double) v[0] / v[1]) + ",\"date\":" + year + "}";
    }

    @Test
    void status() {
        List<Map<String, Object>> files = run("levekar-ikke-sysselsatte", "status", inputs, "13");
        assertThat(files).extracting(f -> f.get("id")).containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "00");
        JsonNode ostensjo = file(files, "13");
        assertThat(entry(ostensjo, "1301").get("values").toString()).isEqualTo("[" + value(notEmployed(1301, 2018), 2018) + "]");
        long[] district = new long[2];
        for (int s = 1; s <= 6; s++) {
            long[] v = notEmployed(1300 + s, 2018);
            district[0] += v[0];
            district[1] += v[1];
        }
        assertThat(entry(ostensjo, "13").get("values").toString()).isEqualTo("[" + value(district, 2018) + "]");
        // Oslo without Sentrum, Marka and "Uten registrert adresse"
        long[] oslo = new long[2];
        for (OsloData.Geo g : OSLO.subDistricts()) {
            if (!List.of("16", "17", "99").contains(g.districtId())) {
                long[] v = notEmployed(g.seed(), 2018);
                oslo[0] += v[0];
                oslo[1] += v[1];
            }
        }
        assertThat(entry(ostensjo, "00").get("values").toString()).isEqualTo("[" + value(oslo, 2018) + "]");
        assertThat(ostensjo.get("meta").get("heading").asText()).isEqualTo("Antall ikke-sysselsatte personer mellom 30-59 år");
        assertThat(ostensjo.get("meta").get("series").toString()).isEqualTo("[{\"heading\":\"Ikke sysselsatte\",\"subheading\":\"\"}]");
        assertThat(ostensjo.get("meta").get("scale").get("value").get(1).asDouble()).isEqualTo((double) oslo[0]);
    }

    @Test
    void historiskHasTheYearsOfTheSysselsatteCount() {
        JsonNode values = entry(file(run("levekar-ikke-sysselsatte", "historisk", inputs, "13"), "13"), "1306").get("values");
        assertThat(values).extracting(v -> v.get("date").asInt()).containsExactly(2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018);
        assertThat(values.get(0).toString()).isEqualTo(value(notEmployed(1306, 2008), 2008));
    }

    @Test
    void anUnknownTypeIsNamed() {
        TransformFunction f = catalogue.get("levekar-ikke-sysselsatte");
        TransformEvent event = TransformEventTest.event("levekar-ikke-sysselsatte", "alle_status",
                Map.of("sysselsatte", "p/", "befolkning-etter-kjonn-og-alder", "q/"));
        assertThatThrownBy(() -> catalogue.type(f, event)).satisfies(e -> assertThat(TaskFailures.text(e))
                .isEqualTo("UnknownType: levekar-ikke-sysselsatte does not know type 'alle_status'; it accepts [status, historisk]"));
    }
}
