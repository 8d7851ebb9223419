package routes.uploads;

import org.junit.jupiter.api.Test;
import routes.shared.PermanentFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys, the report's exact JSON, the Democracy Counts rule, completeness, stage labels, email text, size rule. */
class UploadRulesTest {
    static final String KEY = "X01000000/2019-12-12/2019-09-30T17:00:02.396833/data.csv";

    @Test
    void keyShape() {
        UploadKey key = UploadKey.parse(KEY);
        assertThat(key.council()).isEqualTo("X01000000");
        assertThat(key.electionDate()).isEqualTo("2019-12-12");
        assertThat(key.timestamp()).isEqualTo("2019-09-30T17:00:02.396833");
        assertThat(key.folder()).isEqualTo("X01000000/2019-12-12/2019-09-30T17:00:02.396833");
        assertThat(UploadKey.parse("IOS/2026-05-07/t/report.json").isReport()).isTrue();
        assertThat(UploadKey.parse("IOS/2026-05-07/t/myreport.json.csv").isReport()).isFalse();
        for (String bad : new String[] {"X01/data.csv", "X01/2019-12-12/t/", "X01/2019-12-12/t/sub/data.csv", "X01/12-12-2019/t/a.csv", "//t/a.csv"}) {
            assertThatThrownBy(() -> UploadKey.parse(bad)).as(bad).isInstanceOf(PermanentFailure.class)
                    .hasMessageContaining("is not <council>/<election date>/<timestamp>/<file>");
        }
    }

    static Upload upload(FileCheck... checks) {
        Upload upload = new Upload("bucket", UploadKey.parse(KEY));
        upload.councilName("Piddleton Parish Council");
        for (FileCheck check : checks) {
            upload.files().add(new Upload.ListedFile(check.key(), 2000, "\"e\"", Instant.EPOCH));
            upload.checks().add(check);
        }
        return upload;
    }

    @Test
    void reportJsonIsPythonsJsonDumps() {
        Upload upload = upload(new FileCheck(KEY).encoding("utf-8").ems(Ems.IDOX_EROS).valid(10));
        upload.githubIssue("https://github.com/chris48s/does-not-exist/issues/1");
        assertThat(UploadReport.compact(upload)).isEqualTo("{\"gss\": \"X01000000\", \"council_name\": \"Piddleton Parish Council\", "
                + "\"timestamp\": \"2019-09-30T17:00:02.396833\", \"election_date\": \"2019-12-12\", "
                + "\"github_issue\": \"https://github.com/chris48s/does-not-exist/issues/1\", \"file_set\": [{\"csv_valid\": true, "
                + "\"csv_rows\": 10, \"csv_encoding\": \"utf-8\", \"ems\": \"Idox Eros (Halarose)\", \"errors\": \"\", \"key\": \"" + KEY + "\"}]}");
        assertThat(UploadReport.pretty(upload)).isEqualTo("{\n  \"gss\": \"X01000000\",\n  \"council_name\": \"Piddleton Parish Council\",\n"
                + "  \"timestamp\": \"2019-09-30T17:00:02.396833\",\n  \"election_date\": \"2019-12-12\",\n"
                + "  \"github_issue\": \"https://github.com/chris48s/does-not-exist/issues/1\",\n  \"file_set\": [\n    {\n"
                + "      \"csv_valid\": true,\n      \"csv_rows\": 10,\n      \"csv_encoding\": \"utf-8\",\n"
                + "      \"ems\": \"Idox Eros (Halarose)\",\n      \"errors\": \"\",\n      \"key\": \"" + KEY + "\"\n    }\n  ]\n}");
    }

    @Test
    void reportEscapesLikePython() {
        Upload upload = upload(new FileCheck("X01000000/2019-12-12/t/Lôn \"1\".csv").fail("a\nb\tc\u0001\u2028"));
        upload.councilName("Ynys Môn 🏴");
        String json = UploadReport.compact(upload);
        assertThat(json).contains("\"council_name\": \"Ynys M\\u00f4n \\ud83c\\udff4\"");
        assertThat(json).contains("\"errors\": \"a\\nb\\tc\\u0001\\u2028\"");
        assertThat(json).contains("\"key\": \"X01000000/2019-12-12/t/L\\u00f4n \\\"1\\\".csv\"");
        assertThat(UploadReport.pretty(upload(/* none */))).contains("\"file_set\": []\n}");
    }

    @Test
    void democracyCountsRule() {
        DemocracyCountsRule rule = new DemocracyCountsRule();
        FileCheck lone = new FileCheck("a").ems(Ems.DEMOCRACY_COUNTS).valid(20);
        assertThat(rule.apply(List.of(lone))).as("suppressed").isTrue();
        assertThat(lone.csvValid()).isFalse();
        assertThat(lone.errorText()).isEqualTo("Expected 2 files, found 1");

        FileCheck broken = new FileCheck("a").ems(Ems.DEMOCRACY_COUNTS).fail("Incomplete file: Expected 11 columns on row 3 found 2");
        assertThat(rule.apply(List.of(broken))).as("not suppressed").isFalse();
        assertThat(broken.errorText()).isEqualTo("Incomplete file: Expected 11 columns on row 3 found 2\nExpected 2 files, found 1");

        FileCheck other = new FileCheck("a").ems(Ems.XPRESS_DC).valid(20);
        assertThat(rule.apply(List.of(other))).isFalse();
        assertThat(other.csvValid()).isTrue();
        FileCheck pair1 = new FileCheck("a").ems(Ems.DEMOCRACY_COUNTS).valid(20);
        FileCheck pair2 = new FileCheck("b").ems(Ems.DEMOCRACY_COUNTS).valid(20);
        assertThat(rule.apply(List.of(pair1, pair2))).isFalse();
        assertThat(pair1.csvValid() && pair2.csvValid()).isTrue();
    }

    @Test
    void emptyUploadIsAFailure() {
        assertThat(upload().valid()).isFalse();
        assertThat(ErrorEmail.body(upload())).isEqualTo("Data for council X01000000-Piddleton Parish Council failed because:\n\n"
                + "X01000000/2019-12-12/2019-09-30T17:00:02.396833/:\nThe upload has no files\n\n\nPlease follow up.");
    }

    @Test
    void completeness() {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        UploadCompleteness rule = new UploadCompleteness(Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC));
        Upload single = upload(new FileCheck("a").ems(Ems.XPRESS_DC).valid(3));
        assertThat(rule.secondsToWait(single)).as("one non-DC file is complete").isZero();

        Upload dc = new Upload("bucket", UploadKey.parse(KEY));
        dc.files().add(new Upload.ListedFile("a", 2000, "e", now.minusSeconds(10)));
        dc.checks().add(new FileCheck("a").ems(Ems.DEMOCRACY_COUNTS).valid(3));
        assertThat(rule.secondsToWait(dc)).as("a lone DC file waits out the quiet period").isEqualTo(50);
        Upload quiet = new Upload("bucket", UploadKey.parse(KEY));
        quiet.files().add(new Upload.ListedFile("a", 2000, "e", now.minusSeconds(60)));
        quiet.checks().add(new FileCheck("a").ems(Ems.DEMOCRACY_COUNTS).valid(3));
        assertThat(rule.secondsToWait(quiet)).as("quiet period over").isZero();
        dc.files().add(new Upload.ListedFile("b", 2000, "e", now));
        dc.checks().add(new FileCheck("b").ems(Ems.DEMOCRACY_COUNTS).valid(3));
        assertThat(rule.secondsToWait(dc)).as("both DC files").isZero();
        assertThat(rule.secondsToWait(new Upload("bucket", UploadKey.parse(KEY)))).as("nothing to wait for").isZero();
        UploadCompleteness longQuiet = new UploadCompleteness(Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
        Upload lone = new Upload("bucket", UploadKey.parse(KEY));
        lone.files().add(new Upload.ListedFile("a", 2000, "e", now));
        lone.checks().add(new FileCheck("a").ems(Ems.DEMOCRACY_COUNTS).valid(3));
        assertThat(longQuiet.secondsToWait(lone)).as("SQS delays at most 15 minutes").isEqualTo(900);
    }

    @Test
    void stageLabels() {
        Stage production = new Stage("production", "staging,development,test");
        Stage development = new Stage("development", "staging,development,test");
        Upload upload = upload(new FileCheck(KEY).fail("x"));
        assertThat(new GithubIssues(null, "o/r", "", production, null).title(upload))
                .isEqualTo("Import X01000000-Piddleton Parish Council for 2019-12-12");
        assertThat(new GithubIssues(null, "o/r", "", development, null).title(upload))
                .isEqualTo("TEST Import X01000000-Piddleton Parish Council for 2019-12-12");
        assertThat(new ErrorEmail(null, "from", "to", development, null).subject(upload))
                .isEqualTo("**NB triggered from development instance** Error with data for council X01000000-Piddleton Parish Council");
        assertThat(new ErrorEmail(null, "from", "to", production, null).subject(upload))
                .isEqualTo("Error with data for council X01000000-Piddleton Parish Council");
    }

    @Test
    void githubDryRunMakesNoCallAndLeavesTheIssueEmpty() {
        Upload upload = upload(new FileCheck(KEY).ems("Xpress").valid(3));
        upload.githubIssue("stale");
        new GithubIssues(null, "chris48s/does-not-exist", "", new Stage("production", ""), null).raise(upload);
        assertThat(upload.githubIssue()).isEmpty();
        assertThat(GithubIssues.body(upload)).isEqualTo("EMS: Xpress\nFiles:\n- `" + KEY + "`");
        assertThat(GithubIssues.withoutFragment("https://github.com/o/r/issues/1234#issuecomment-1")).isEqualTo("https://github.com/o/r/issues/1234");
    }

    @Test
    void sizeRule() {
        FileInspector inspector = new FileInspector(1024, 150_000_000, "IOS");
        assertThat(inspector.inspect("X01", "k.csv", 1023, null).errorText()).isEqualTo("Expected file to be at least 1KB");
        assertThat(inspector.inspect("X01", "k.csv", 150_000_001, null).errorText()).isEqualTo("Expected file to be under 150MB");
        assertThat(inspector.inspect("IOS", "k.csv", 150_000_001, null).errorText()).isEqualTo("Expected file to be under 150MB");
        assertThat(inspector.sizeAcceptable("X01", 1024)).isTrue();
        assertThat(inspector.sizeAcceptable("X01", 150_000_000)).isTrue();
        assertThat(inspector.sizeAcceptable("IOS", 500)).isTrue();
        FileCheck small = inspector.inspect("X01", "k.csv", 500, null);
        assertThat(small.csvEncoding()).isEmpty();
        assertThat(small.ems()).isEqualTo(Ems.UNKNOWN);
        assertThat(small.csvRows()).isZero();
    }
}
