package routes.transforms;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The library steps several functions share (botid categories, the 5-building total, not employed 30-59, 16/17/99). */
class LibraryStepsTest extends EngineSupport {
    static final String META = "aar;delbydel_id;delbydel_navn;bydel_id;bydel_navn";

    void load(String table, String... lines) {
        OriginalFixtures.write(dir.resolve(table + ".csv"), List.of(lines));
        session.load(table, table, dir.resolve(table + ".csv"));
    }

    @Test
    void botidCategoriesAreDecimalsAMissingOneIsZeroAndRowsWithoutASubDistrictAreLeftOut() {
        load("b", META + ";botid;value",
                "2019;0101;Lodalen;01;Bydel Gamle Oslo;Innvandrer, kort botid (<=5 år);3",
                "2019;0101;Lodalen;01;Bydel Gamle Oslo;Innvandrer, kort botid (<=5 år);4",
                "2019;0101;Lodalen;01;Bydel Gamle Oslo;Innvandrer, lang botid (>5 år);5",
                "2019;;;01;Bydel Gamle Oslo;Innvandrer, kort botid (<=5 år);100");
        Frame frame = sql("select * from botid_categories('b')");
        assertThat(frame.columns()).containsExactly("date", "bydel_id", "bydel_navn", "delbydel_id", "delbydel_navn", "short", "long", "two_parents");
        assertThat(frame.rows()).hasSize(1);
        assertThat(frame.rows().get(0)).containsExactly(2019L, "01", "Bydel Gamle Oslo", "0101", "Lodalen", 7.0, 5.0, 0.0);
    }

    @Test
    void theFiveBuildingTotal() {
        load("d", META + ";blokk_leiegaard_el;forretningsgaard_bygg_for_felleshusholdning_el;frittliggende_enebolig_eller_vaaningshus;"
                        + "horisontaldelt_tomannsbolig_eller_annet_boligbygg_med_mindre_enn_3_etasjer;hus_i_kjede_rekkehus_terrasse_hus_vertikaldelt_tomannsbolig",
                "2019;0101;Lodalen;01;Bydel Gamle Oslo;1;2;4;8;16");
        Frame frame = sql("select enebolig, rekkehus, blokk, total from dwellings_by_type('d')");
        assertThat(frame.rows().get(0)).containsExactly(4L, 24L, 3L, 31L);
    }

    @Test
    void sentrumMarkaAndUnregisteredAreDroppedARowWithoutADistrictIsKept() {
        Frame frame = sql("select id, not_16_17_99(id) as kept from (values ('16'), ('17'), ('99'), ('01'), (null)) v(id)");
        assertThat(frame.rows()).extracting(r -> r[1]).containsExactly(false, false, false, true, true);
    }

    /** ages 29, 30, 59, 60; the population aged 30-59 of 1 January 2019 is 2 + 3 (kjonn 1) + 20 + 30 (kjonn 2) = 55. */
    void sysselsatteAndPopulation() {
        load("pop", META + ";kjonn;29;30;59;60",
                "2019;0101;Lodalen;01;Bydel Gamle Oslo;1;1;2;3;4",
                "2019;0101;Lodalen;01;Bydel Gamle Oslo;2;10;20;30;40",
                "2019;1601;Sentrum;16;Sentrum;1;1;2;3;4");
        load("syss", META + ";antall_sysselsatte",
                "2018;0101;Lodalen;01;Bydel Gamle Oslo;40",
                "2019;0101;Lodalen;01;Bydel Gamle Oslo;45",
                "2018;1601;Sentrum;16;Sentrum;1");
    }

    @Test
    void notEmployedJoinsTheCountOfYearYWithThePopulationOfYearYPlusOne() {
        sysselsatteAndPopulation();
        Frame frame = sql("select * from not_employed_30_59('syss', 'pop') order by bydel_id, delbydel_id nulls last");
        // 0101, district 01 and Oslo 00 (Sentrum left out before the sums); 2019's count has no 2020 population
        assertThat(frame.rows()).extracting(r -> frame.text(r, "bydel_id") + "/" + frame.text(r, "delbydel_id") + "/" + frame.get(r, "date"))
                .containsExactly("00/null/2018", "01/0101/2018", "01/null/2018");
        Object[] sub = frame.rows().get(1);
        assertThat(frame.get(sub, "population")).isEqualTo(55L);
        assertThat(frame.get(sub, "antall_ikke_sysselsatte")).isEqualTo(15L);
        assertThat(frame.get(sub, "antall_ikke_sysselsatte_ratio")).isEqualTo(15.0 / 55);
    }

    @Test
    void levekarTotaltsDatingIsOneYearLater() {
        sysselsatteAndPopulation();
        Frame frame = sql("select distinct date from not_employed_30_59('syss', 'pop', date_shift := 1)");
        assertThat(frame.rows()).extracting(r -> r[0]).containsExactly(2019L);
    }
}
