package routes.uploads;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** §A.10 JSON snapshot cases and Python's error wording. */
class JsonSnapshotInspectorTest {
    private final JsonSnapshotInspector inspector = new JsonSnapshotInspector();

    private FileCheck check(byte[] body) {
        return inspector.inspect(CsvInspector.ByteSource.of(body), "X01000000/2019-12-12/t/snapshot.json");
    }

    private FileCheck check(String body) {
        return check(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void invalidJsonGivesPythonsMessage() {
        FileCheck check = check(UploadFixtures.invalidJson());
        assertThat(check.csvValid()).isFalse();
        assertThat(check.csvRows()).isZero();
        assertThat(check.csvEncoding()).isEqualTo("utf-8");
        assertThat(check.ems()).isEqualTo(Ems.UNKNOWN);
        assertThat(check.errorText()).isEqualTo("Expecting value: line 1 column 1 (char 0)");
    }

    @Test
    void otherJsonIsValidWithUnknownEms() {
        FileCheck check = check(UploadFixtures.otherJson());
        assertThat(check.csvValid()).isTrue();
        assertThat(check.csvRows()).isZero();
        assertThat(check.csvEncoding()).isEqualTo("utf-8");
        assertThat(check.ems()).isEqualTo(Ems.UNKNOWN);
        assertThat(check.errorText()).isEmpty();
    }

    @Test
    void fcsSnapshotCountsProperties() {
        FileCheck check = check(UploadFixtures.fcsJson());
        assertThat(check.csvValid()).isTrue();
        assertThat(check.ems()).isEqualTo(Ems.FCS);
        assertThat(check.csvRows()).isEqualTo(6);
    }

    @Test
    void emptyBody() {
        assertThat(check(new byte[0]).errors()).containsExactly("File is empty");
    }

    @Test
    void anArrayMissingAnFcsKeyIsUnknown() {
        FileCheck check = check("[{\"id\": 1, \"properties\": [1, 2]}]");
        assertThat(check.csvValid()).isTrue();
        assertThat(check.ems()).isEqualTo(Ems.UNKNOWN);
        assertThat(check.csvRows()).isZero();
        assertThat(check("[]").ems()).isEqualTo(Ems.UNKNOWN);
        assertThat(check("[NaN, Infinity, -Infinity]").csvValid()).as("Python's json accepts these").isTrue();
    }

    @Test
    void pythonWordingOfCommonErrors() {
        assertThat(check("   \n  x").errorText()).isEqualTo("Expecting value: line 2 column 3 (char 6)");
        assertThat(check("[1, 2] [3]").errorText()).isEqualTo("Extra data: line 1 column 8 (char 7)");
        assertThat(check("[1 2]").errorText()).isEqualTo("Expecting ',' delimiter: line 1 column 4 (char 3)");
        assertThat(check("[1, ]").errorText()).isEqualTo("Expecting value: line 1 column 5 (char 4)");
        assertThat(check("{\"a\": 1, }").errorText()).isEqualTo("Expecting property name enclosed in double quotes: line 1 column 10 (char 9)");
        assertThat(check("[\"abc").errorText()).isEqualTo("Unterminated string starting at: line 1 column 2 (char 1)");
    }
}
