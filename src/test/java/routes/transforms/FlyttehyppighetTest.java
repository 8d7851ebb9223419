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
 * flyttehyppighet-totalt and flyttehyppighet-inn-kat (one custom template), every type; hand-checked district: 02
 * Bydel Grünerløkka in 2019 (district rows only: its file holds the district and Oslo, no sub-districts).
 */
class FlyttehyppighetTest extends FunctionGoldenSupport {
    static Map<String, Path> totalt;
    static Map<String, Path> innKat;

    @BeforeAll
    static void write() {
        totalt = Map.of("flytting-fra-etter-alder", OSLO.migration(data, false), "flytting-til-etter-alder", OSLO.migration(data, true));
        innKat = Map.of("flytting-fra-etter-inn-kat", OSLO.migrationByCategory(data, false), "flytting-til-etter-inn-kat", OSLO.migrationByCategory(data, true));
    }

    /** flow f (0, 1, 2 as the generator's columns) of district d, age group a (index into AGE_GROUPS) in 2019. */
    static long flow(int d, int a, boolean into, int f) {
        return OsloData.count(d * 1000 + a + (into ? 0 : 500), 2019, f, 0, 300);
    }

    static double flow(int d, int a, int category, boolean into, int f) {
        return OsloData.count(d * 1000 + a * 10 + category + (into ? 0 : 500), 2019, f, 0, 100);
    }

    @Test
    void totaltStatusIsOneObjectOfTheLatestYear() {
        JsonNode grunerlokka = file(run("flyttehyppighet-totalt", "status", totalt, "02"), "02");
        assertThat(grunerlokka.get("data")).extracting(e -> e.get("id").asText()).containsExactly("02", "00");
        JsonNode values = entry(grunerlokka, "02").get("values");
        assertThat(values.get("year").asInt()).isEqualTo(2019);
        // the age groups in text order, as pandas' group-by sorted them: 0-4, 10-14, ..., 5-9, 50-54, ...
        assertThat(values.get("immigration")).extracting(v -> v.get("alder").asText())
                .startsWith("0-4", "10-14", "15-19").contains("5-9").hasSize(OsloData.AGE_GROUPS.length);
        // 0-4 is AGE_GROUPS[0]; into: til_oslo 0, mellom 1, innenfor 2; out: fra_oslo 0, mellom 1, innenfor 2
        assertThat(values.get("immigration").get(0).toString()).isEqualTo("{\"alder\":\"0-4\",\"mellomBydeler\":" + flow(2, 0, true, 1)
                + ",\"innenforBydelen\":" + flow(2, 0, true, 2) + ",\"tilFraOslo\":" + flow(2, 0, true, 0) + "}");
        assertThat(values.get("emigration").get(0).toString()).isEqualTo("{\"alder\":\"0-4\",\"mellomBydeler\":" + flow(2, 0, false, 1)
                + ",\"innenforBydelen\":" + flow(2, 0, false, 2) + ",\"tilFraOslo\":" + flow(2, 0, false, 0) + "}");
        // Oslo: the 15 districts summed (the moves between districts included, as the original)
        long oslo = 0;
        for (int d = 1; d <= 15; d++) {
            oslo += flow(d, 0, true, 1);
        }
        assertThat(entry(grunerlokka, "00").get("values").get("immigration").get(0).get("mellomBydeler").asLong()).isEqualTo(oslo);
        assertThat(grunerlokka.get("meta").get("heading").asText()).isEqualTo("Flytting etter alder");
        assertThat(grunerlokka.get("meta").get("series").toString()).isEqualTo("[{\"heading\":\"Flytting\",\"subheading\":\"\"}]");
    }

    @Test
    void totaltHistoriskIsAListOfYears() {
        JsonNode values = entry(file(run("flyttehyppighet-totalt", "historisk", totalt, "02"), "02"), "02").get("values");
        assertThat(values).extracting(v -> v.get("year").asInt()).containsExactly(2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019);
        assertThat(values.get(11).get("immigration").get(0).get("tilFraOslo").asLong()).isEqualTo(flow(2, 0, true, 0));
    }

    @Test
    void innKatStatusSplitsEachFlowByCategory() {
        JsonNode grunerlokka = file(run("flyttehyppighet-inn-kat", "status", innKat, "02"), "02");
        JsonNode first = entry(grunerlokka, "02").get("values").get("immigration").get(0);
        assertThat(first.get("alder").asText()).isEqualTo("0-4");
        double innvandrer = flow(2, 0, 0, true, 1);
        double norskfodt = flow(2, 0, 1, true, 1);
        double ovrige = flow(2, 0, 2, true, 1);
        // decimals (pandas' pivot left NaN cells, so float columns), keys in the original's order
        assertThat(first.get("mellomBydel").toString()).isEqualTo("{\"innvandrer\":" + innvandrer + ",\"norskfødt\":" + norskfodt
                + ",\"øvrige\":" + ovrige + ",\"totalt\":" + (innvandrer + norskfodt + ovrige) + "}");
        assertThat(first.fieldNames()).toIterable().containsExactly("alder", "mellomBydel", "tilFraOslo", "innenforBydel");
        assertThat(first.get("tilFraOslo").get("innvandrer").asDouble()).isEqualTo(flow(2, 0, 0, true, 0));
        JsonNode out = entry(grunerlokka, "02").get("values").get("emigration").get(0);
        assertThat(out.get("innenforBydel").get("øvrige").asDouble()).isEqualTo(flow(2, 0, 2, false, 2));
        assertThat(grunerlokka.get("meta").get("heading").asText()).isEqualTo("Flytting med innvandringskategorier");
    }

    @Test
    void innKatHistorisk() {
        JsonNode values = entry(file(run("flyttehyppighet-inn-kat", "historisk", innKat, "02"), "02"), "02").get("values");
        assertThat(values).hasSize(12);
    }

    @Test
    void anUnknownTypeIsNamed() {
        for (String function : List.of("flyttehyppighet-totalt", "flyttehyppighet-inn-kat")) {
            TransformFunction f = catalogue.get(function);
            assertThatThrownBy(() -> catalogue.type(f, TransformEventTest.event(function, "alle_status", Map.of())))
                    .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("UnknownType: " + function + " does not know type 'alle_status'; it accepts [historisk, status]"));
        }
    }
}
