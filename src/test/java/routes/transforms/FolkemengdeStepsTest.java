package routes.transforms;

import org.junit.jupiter.api.Test;
import routes.shared.TaskFailure;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The original's folkemengde helper tests (§1.8 cases 23–30) on the statements of transforms/folkemengde.sql, each
 * run alone on a small hand-made table as the original ran each helper on a small frame.
 */
class FolkemengdeStepsTest extends EngineSupport {
    static final List<String> STATEMENTS = SqlScript.statements(SqlScript.load("transforms/folkemengde.sql"));

    static String statement(String start) {
        return STATEMENTS.stream().filter(s -> s.startsWith(start)).findFirst().orElseThrow();
    }

    void population(String values) {
        sql("create temp table population as select * from (values " + values + ") v(date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, population)");
    }

    String years(int from, int to) {
        List<String> rows = new ArrayList<>();
        for (int y = from; y <= to; y++) {
            rows.add("(" + y + ", '01', 'Bydel Gamle Oslo', '0101', 'Lodalen', " + (y * 3L) + ")");
        }
        return String.join(", ", rows);
    }

    @Test
    void tenYearSet() { // case 23: only the latest year and ten years before count
        population(years(2008, 2019));
        sql(statement("select case when not exists"));
        sql(statement("create temp table change_10y"));
        Frame frame = sql("select * from change_10y order by date");
        assertThat(frame.rows()).extracting(r -> frame.get(r, "date")).containsExactly(2009L, 2019L);
        assertThat(frame.get(frame.rows().get(1), "change_10y")).isEqualTo(30.0);
    }

    @Test
    void tenYearsOutOfBounds() { // case 24
        population(years(2014, 2019));
        assertThatThrownBy(() -> sql(statement("select case when not exists")))
                .isInstanceOf(TaskFailure.class).hasMessageContaining("Dataset does not contain 10 year before 2019: 2009");
    }

    @Test
    void change() { // cases 25 and 26: extra columns are fine; 100 -> 105 is a change of 5
        population("(2009, '01', 'Bydel Gamle Oslo', '0101', 'Lodalen', 100), (2010, '01', 'Bydel Gamle Oslo', '0101', 'Lodalen', 105)");
        sql(statement("create temp table change as"));
        Frame frame = sql("select * from change order by date");
        assertThat(frame.rows()).extracting(r -> frame.get(r, "change")).containsExactly(null, 5.0);
    }

    @Test
    void changeOfASingleYear() { // case 27
        population("(2009, '01', 'Bydel Gamle Oslo', '0101', 'Lodalen', 100)");
        sql(statement("create temp table change as"));
        assertThat(sql("select * from change").rows().get(0)[3]).isNull();
    }

    void levels(String rows) {
        sql("create temp table levels as select * from (values " + rows + ") v(date, bydel_id, bydel_navn, delbydel_id, delbydel_navn, population, change, change_10y)");
        sql(statement("create temp table folkemengde as"));
    }

    String ratioFixture(int from, String delbydel) {
        List<String> rows = new ArrayList<>();
        for (int y = from; y <= 2019; y++) {
            String change = y == from ? "null::double" : "1.0";
            String change10 = y == 2019 ? "10.0" : "null::double";
            rows.add("(" + y + ", '01', 'Bydel Gamle Oslo', '" + delbydel + "', 'Lodalen', " + (y - 1998) + ", " + change + ", " + change10 + ")");
        }
        return String.join(", ", rows);
    }

    Object ratio(Frame frame, long year, String column) {
        return frame.get(frame.rows().stream().filter(r -> frame.get(r, "date").equals(year)).findFirst().orElseThrow(), column);
    }

    @Test
    void changeRatio() { // case 28: population 10..21 over 2008..2019
        levels(ratioFixture(2008, "0101"));
        Frame frame = sql("select * from folkemengde");
        assertThat((Double) ratio(frame, 2009, "change_ratio")).isEqualTo(0.1);
        assertThat((Double) ratio(frame, 2019, "change_ratio")).isEqualTo(0.05);
        assertThat(ratio(frame, 2018, "change_10y_ratio")).isNull();
        assertThat((Double) ratio(frame, 2019, "change_10y_ratio")).isCloseTo(0.909091, within(1e-6));
    }

    @Test
    void missingYears() { // case 29: only 2017..2019
        levels(ratioFixture(2017, "0101").replace(", 10.0)", ", null::double)"));
        Frame frame = sql("select * from folkemengde");
        assertThat(ratio(frame, 2017, "change_ratio")).isNull();
        assertThat((Double) ratio(frame, 2019, "change_ratio")).isEqualTo(0.05);
        assertThat(frame.rows()).allSatisfy(r -> assertThat(frame.get(r, "change_10y_ratio")).isNull());
    }

    @Test
    void sortedBeforeShifting() { // case 30: two geographies interleaved by date
        String[] a = ratioFixture(2008, "0101").split("\\), \\(");
        String[] b = ratioFixture(2008, "0102").split("\\), \\(");
        List<String> interleaved = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            interleaved.add(a[i].replace("(", "").replace(")", ""));
            interleaved.add(b[i].replace("(", "").replace(")", ""));
        }
        levels("(" + String.join("), (", interleaved) + ")");
        Frame frame = sql("select * from folkemengde where delbydel_id = '0102' order by date");
        assertThat((Double) frame.get(frame.rows().get(1), "change_ratio")).isEqualTo(1.0 / 10);
    }
}
