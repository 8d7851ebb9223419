package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * levekar-totalt (template K, status only) on the nine synthetic inputs; hand-checked: 03 Bydel Sagene's sub-district
 * 0301 in 2019 for the level-given dodsrate and the aggregated antall_ikke_sysselsatte (dated one year after its
 * sysselsatte count), each relative to district 03 and to Oslo.
 */
class LevekarTotaltTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = new LinkedHashMap<>();
        // the percentages of columns 3, 4, 5 (fattige-husholdninger's is column 2, dodsrater's 1), so no two series are equal
        inputs.put("redusert-funksjonsevne", OSLO.givenLevels(data.resolve("redusert.csv"),
                "antall_personer_med_redusert_funksjonsevne;andel_personer_med_redusert_funksjonsevne", OsloData.countAndPercent(3)));
        inputs.put("botid-ikke-vestlige", OSLO.botidIkkeVestlige(data));
        inputs.put("lav-utdanning", OSLO.lavUtdanning(data));
        inputs.put("fattige-husholdninger", OSLO.fattigeHusholdninger(data));
        inputs.put("sysselsatte", OSLO.sysselsatte(data));
        inputs.put("befolkning-etter-kjonn-og-alder", OSLO.befolkning(data));
        inputs.put("ikke-fullfort-vgs", OSLO.givenLevels(data.resolve("vgs.csv"),
                "antall_personer_ikke_fullfort_i_lopet_av_5_aar;andelen_som_ikke_har_fullfort_i_lopet_av_5_aar", OsloData.countAndPercent(4)));
        inputs.put("dodsrater", OSLO.dodsrater(data));
        inputs.put("trangbodde", OSLO.givenLevels(data.resolve("trangbodde.csv"), "antall_som_bor_trangt;andel_som_bor_trangt",
                OsloData.countAndPercent(5)));
    }

    static List<OsloData.Geo> geos(java.util.function.Predicate<OsloData.Geo> keep) {
        return OSLO.subDistricts().stream().filter(keep).toList();
    }

    /** A level-given series: percent(seed, 2019, column) / 100 of 0301, of district 03 and of Oslo. */
    static String given(int column) {
        return k(OsloData.percent(301, 2019, column) / 100, OsloData.percent(3, 2019, column) / 100, OsloData.percent(0, 2019, column) / 100);
    }

    /** The numerator and denominator of an aggregated series for one sub-district (2019). */
    interface Parts {
        long[] of(int seed);
    }

    static double sum(List<OsloData.Geo> geos, Parts parts) {
        long numerator = 0;
        long denominator = 0;
        for (OsloData.Geo g : geos) {
            long[] p = parts.of(g.seed());
            numerator += p[0];
            denominator += p[1];
        }
        return (double) numerator / denominator;
    }

    /** An aggregated series summed over 0301, over district 03 and over Oslo (all sub-districts), relative. */
    static String aggregated(Parts parts) {
        return k(sum(geos(g -> g.id().equals("0301")), parts), sum(geos(g -> g.districtId().equals("03")), parts), sum(OSLO.subDistricts(), parts));
    }

    /** Short-stay non-western immigrants of the whole population. */
    static long[] nonWestern(int seed) {
        return new long[]{BotidIkkeVestligeTest.shortStay(seed, 2019), OsloData.population(seed, 2019, 0, 120)};
    }

    /** The first two of the five education levels, of all five. */
    static long[] lowEducation(int seed) {
        long[] p = new long[2];
        for (int c = 1; c <= 5; c++) {
            long n = OsloData.count(seed, 2019, c, 10, 300);
            p[0] += c <= 2 ? n : 0;
            p[1] += n;
        }
        return p;
    }

    static double notEmployedRatio(List<OsloData.Geo> geos) {
        long notEmployed = 0;
        long population = 0;
        for (OsloData.Geo g : geos) {
            long[] v = LevekarIkkeSysselsatteTest.notEmployed(g.seed(), 2018);
            notEmployed += v[0];
            population += v[1];
        }
        return (double) notEmployed / population;
    }

    static String k(double ratio, double district, double oslo) {
        return "{\"date\":2019,\"districtRatio\":" + (ratio / district) + ",\"osloRatio\":" + (ratio / oslo) + "}";
    }

    @Test
    void status() {
        List<Map<String, Object>> files = run("levekar-totalt", "status", inputs, "03");
        assertThat(files).extracting(f -> f.get("id")).containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "00");
        JsonNode sagene = file(files, "03");
        JsonNode values = entry(sagene, "0301").get("values");
        assertThat(values).hasSize(8);
        List<OsloData.Geo> sub = geos(g -> g.id().equals("0301"));
        List<OsloData.Geo> district = geos(g -> g.districtId().equals("03"));
        List<OsloData.Geo> oslo = geos(g -> !List.of("16", "17", "99").contains(g.districtId()));
        // every series by hand, in the original's order: the level-given ones are the percent / 100 of 0301, of the
        // district 03 row (seed 3) and of the Oslo row (seed 0); the aggregated ones are sums over 0301, over 03's
        // sub-districts and over Oslo (with 16/17/99, except antall_ikke_sysselsatte, which leaves them out)
        assertThat(values.toString()).isEqualTo("[" + String.join(",",
                given(3), aggregated(LevekarTotaltTest::nonWestern), aggregated(LevekarTotaltTest::lowEducation),
                given(2), k(notEmployedRatio(sub), notEmployedRatio(district), notEmployedRatio(oslo)), given(4), given(1), given(5)) + "]");
        // a district relative to itself is 1; Oslo relative to itself is 1
        assertThat(entry(sagene, "03").get("values")).allSatisfy(v -> assertThat(v.get("districtRatio").asDouble()).isEqualTo(1.0));
        assertThat(entry(sagene, "00").get("values")).allSatisfy(v -> assertThat(v.get("osloRatio").asDouble()).isEqualTo(1.0));
        JsonNode meta = sagene.get("meta");
        assertThat(meta.get("heading").asText()).isEqualTo("Personer fra 16 til 66 år med redusert funksjonsevne");
        assertThat(meta.get("series")).extracting(s -> s.get("heading").asText()).containsExactly("Redusert funksjonsevne",
                "Innvandrere fra Afrika, Asia mv. med kort botid", "Lav utdanning", "Lavinntektshusholdninger med barn", "Ikke sysselsatte",
                "Ikke fullført vgs", "Dødelighet", "Trangbodde");
        assertThat(meta.get("scale").toString()).isEqualTo("[]");
    }

    @Test
    void onlyStatus() {
        TransformFunction f = catalogue.get("levekar-totalt");
        Map<String, String> prefixes = new LinkedHashMap<>();
        f.inputs().values().forEach(d -> prefixes.put(d, d + "/"));
        TransformEvent event = TransformEventTest.event("levekar-totalt", "historisk", prefixes);
        assertThatThrownBy(() -> catalogue.type(f, event)).satisfies(e -> assertThat(TaskFailures.text(e))
                .isEqualTo("UnknownType: levekar-totalt does not know type 'historisk'; it accepts [status]"));
    }
}
