package routes.transforms;

import org.junit.jupiter.api.Test;
import routes.shared.TaskFailure;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared library (transforms/library.sql) against the original's common/ tests (§1.8 cases 13–22, 41, 42). */
class LibraryTest extends EngineSupport {

    void years(String table, int from, int toExclusive) {
        sql("create temp table " + table + " as select range as date from range(" + from + ", " + toExclusive + ")");
    }

    List<Long> longs(Frame frame, String column) {
        List<Long> values = new ArrayList<>();
        frame.rows().forEach(r -> values.add(((Number) frame.get(r, column)).longValue()));
        return values;
    }

    static final String COMMON = "from years_of('a') intersect from years_of('b') intersect from years_of('c') intersect from years_of('d') intersect from years_of('e')";

    void fiveFrames() {
        years("a", 2000, 2022);
        years("b", 2002, 2018);
        years("c", 2008, 2033);
        years("d", 1999, 2017);
        years("e", 1999, 2033);
    }

    @Test
    void historic() { // case 13: every frame keeps the years all have
        fiveFrames();
        for (String t : List.of("a", "b", "c", "d", "e")) {
            assertThat(longs(sql("select date from " + t + " where date in (" + COMMON + ") order by date"), "date"))
                    .containsExactly(2008L, 2009L, 2010L, 2011L, 2012L, 2013L, 2014L, 2015L, 2016L);
        }
    }

    @Test
    void status() { // case 14: the latest common year
        fiveFrames();
        assertThat(longs(sql("select latest_of((select max(date) from (" + COMMON + "))) as date"), "date")).containsExactly(2016L);
    }

    @Test
    void statusWithoutOverlap() { // case 15 (and §1.9 #2: an empty intersection is an error, never replaced)
        years("a", 2010, 2015);
        years("b", 2002, 2008);
        years("c", 2002, 2015);
        assertThatThrownBy(() -> sql("select latest_of((select max(date) from (from years_of('a') intersect from years_of('b') intersect from years_of('c')))) as date"))
                .isInstanceOf(TaskFailure.class).hasMessageContaining("No overlapping years in dataframes");
    }

    @Test
    void sumNans() { // cases 16–18
        assertThat(longs(sql("select sum_nans(x) as s from (values (4), (5), (6)) v(x)"), "s")).containsExactly(15L);
        assertThat(sql("select sum_nans(x) as s from (values (null::double), (null)) v(x)").rows().get(0)[0]).isNull();
        assertThatThrownBy(() -> sql("select sum_nans(x) as s from (values (4), (5), (null), (7)) v(x)"))
                .hasMessageContaining("Mix of NaN and values");
    }

    void husholdning() {
        session.load("hus", "husholdning", OriginalFixtures.husholdningInput(dir));
    }

    @Test
    void aggregationSum() { // case 19: sub-district sums, district sums and Oslo-per-year sums, nothing else
        husholdning();
        List<Long> aggregated = longs(sql("select personer_1 from aggregate_sum('hus') order by personer_1"), "personer_1");
        List<Long> expected = new ArrayList<>();
        expected.addAll(longs(sql("select sum(personer_1) as p from hus group by date, bydel_id, bydel_navn, delbydel_id, delbydel_navn"), "p"));
        expected.addAll(longs(sql("select sum(personer_1) as p from hus group by date, bydel_id, bydel_navn"), "p"));
        expected.addAll(longs(sql("select sum(personer_1) as p from hus group by date"), "p"));
        assertThat(aggregated).isEqualTo(expected.stream().sorted().toList());
        Frame oslo = sql("select * from aggregate_sum('hus') where bydel_id = '00' order by date");
        assertThat(oslo.rows()).hasSize(2);
        assertThat(oslo.text(oslo.rows().get(0), "bydel_navn")).isEqualTo("Oslo i alt");
        assertThat(oslo.get(oslo.rows().get(0), "delbydel_id")).isNull();
    }

    @Test
    void mergeOnTheCommonColumns() { // case 20
        husholdning();
        Frame merged = sql("select * from (select date, delbydel_id, bydel_id, personer_1, personer_4 from hus) natural join "
                + "(select date, delbydel_id, bydel_id, personer_2 from hus) order by date, delbydel_id");
        Frame original = sql("select date, delbydel_id, bydel_id, personer_1, personer_4, personer_2 from hus order by date, delbydel_id");
        assertThat(merged.columns()).containsExactly("date", "delbydel_id", "bydel_id", "personer_1", "personer_4", "personer_2");
        for (int i = 0; i < original.rows().size(); i++) {
            assertThat(merged.rows().get(i)).containsExactly(original.rows().get(i));
        }
    }

    @Test
    void ratios() { // case 21: a ratio is the data point over the sum of the ratio-of columns of its row
        husholdning();
        Frame frame = sql("select personer_1, personer_2, personer_1 / personer_2 as personer_1_ratio from hus");
        frame.rows().forEach(r -> assertThat((Double) frame.get(r, "personer_1_ratio"))
                .isEqualTo(((Long) frame.get(r, "personer_1")).doubleValue() / (Long) frame.get(r, "personer_2")));
    }

    @Test
    void aDuplicatedRowIsSummed() { // case 22
        husholdning();
        sql("create temp table dup as select * from hus union all (select * from hus limit 1)");
        assertThat(longs(sql("select personer_1 from aggregate_sum('dup') where delbydel_id is not null order by all"), "personer_1"))
                .isEqualTo(longs(sql("select sum(personer_1) as p from dup group by date, delbydel_id order by all"), "p"));
    }

    @Test
    void populationTotal() { // case 41: ages 0..112 (110 missing), both sexes: 224
        session.load("pop", "population", OriginalFixtures.populationInput(dir));
        Frame frame = sql("select * from population_by_age('pop') order by all");
        assertThat(frame.columns()).containsExactly("date", "delbydel_id", "delbydel_navn", "bydel_id", "bydel_navn", "population");
        assertThat(longs(frame, "population")).containsExactly(224L, 224L, 224L, 224L);
        assertThat(frame.text(frame.rows().get(0), "delbydel_id")).isEqualTo("102");
    }

    @Test
    void populationInRange() { // case 42: ages 30..59: 60
        session.load("pop", "population", OriginalFixtures.populationInput(dir));
        assertThat(longs(sql("select * from population_by_age('pop', min_age := 30, max_age := 59)"), "population")).containsExactly(60L, 60L, 60L, 60L);
    }

    @Test
    void idColumnsStayTextAndIntegerColumnsWithGapsBecomeDecimals() { // §1.3 step 7, as pandas reads them
        OriginalFixtures.write(dir.resolve("gaps.csv"), List.of("aar;bydel_id;bydel_navn;delbydel_id;delbydel_navn;n;m",
                "2019;01;Bydel Gamle Oslo;0101;Lodalen;3;", "2019;01;Bydel Gamle Oslo;0102;Grønland;4;2"));
        session.load("gaps", "gaps", dir.resolve("gaps.csv"));
        Frame frame = sql("select * from gaps");
        assertThat(frame.columns()).containsExactly("date", "bydel_id", "bydel_navn", "delbydel_id", "delbydel_navn", "n", "m");
        Object[] row = frame.rows().get(1);
        assertThat(row).containsExactly(2019L, "01", "Bydel Gamle Oslo", "0102", "Grønland", 4L, 2.0);
    }

    @Test
    void aBrokenCsvNamesTheDataset() {
        OriginalFixtures.write(dir.resolve("broken.csv"), List.of("aar;bydel_id;n", "2019;01;3", "2019;\"02;4"));
        assertThatThrownBy(() -> session.load("broken", "the-dataset", dir.resolve("broken.csv")))
                .isInstanceOf(TaskFailure.class).satisfies(e -> assertThat(TaskFailures.text(e)).startsWith("InvalidInput: input dataset 'the-dataset' is not a readable ';'-separated CSV"));
    }
}
