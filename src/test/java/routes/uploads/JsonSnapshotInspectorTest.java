package routes.uploads;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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

    @Test
    void whitespaceOnlyIsNotJson() {
        FileCheck check = check(" ".repeat(1200));
        assertThat(check.csvValid()).isFalse();
        assertThat(check.errorText()).isEqualTo("Expecting value: line 1 column 1201 (char 1200)");
    }

    @Test
    void pythonWordingAfterAString() {
        assertThat(check("{\"a\" 1}").errorText()).isEqualTo("Expecting ':' delimiter: line 1 column 6 (char 5)");
        assertThat(check("{\"a\": tru}").errorText()).isEqualTo("Expecting value: line 1 column 7 (char 6)");
        assertThat(check("[{\"name\": \"Station 29\", ").errorText())
                .isEqualTo("Expecting property name enclosed in double quotes: line 1 column 25 (char 24)");
        assertThat(check("[\"a\u0001\"]").errorText()).isEqualTo("Invalid control character at: line 1 column 4 (char 3)");
        assertThat(check("[\"a\\x\"]").errorText()).isEqualTo("Invalid \\escape: line 1 column 4 (char 3)");
        assertThat(check("[\"\uD83D\uDE00\", x]").errorText()).as("Python counts code points")
                .isEqualTo("Expecting value: line 1 column 7 (char 6)");
    }

    /**
     * Every case of python-json-golden.jsonl (make-python-json-golden.py: hand-written probes, truncations and
     * seeded random mutations of valid documents, as Python 3.11's {@code json.loads} judged their bytes): the same
     * verdict, error text, EMS and rows. Where the lambda crashes instead (a number over 4300 digits, bytes that are
     * not UTF-8) there is no verdict to copy; the app must then not call the file valid unless Python parsed it.
     */
    @Test
    void matchesPythonsJsonModule() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(Path.of(getClass().getResource("/uploads/python-json-golden.jsonl").toURI()),
                StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(900);
        List<String> mismatches = new ArrayList<>();
        for (String line : lines) {
            JsonNode golden = mapper.readTree(line);
            FileCheck check = check(Base64.getDecoder().decode(golden.get("body").asText()));
            String actual = check.csvValid() ? "valid " + check.ems() + " " + check.csvRows() : check.errorText();
            String expected;
            if (golden.has("crash")) {
                if (!golden.get("crash").asText().equals("UnicodeDecodeError")) {
                    continue;
                }
                expected = check.csvValid() ? "invalid" : actual;
            } else {
                expected = golden.get("valid").asBoolean()
                        ? "valid " + golden.get("ems").asText() + " " + golden.get("rows").asLong()
                        : golden.get("error").asText();
            }
            if (!expected.equals(actual)) {
                mismatches.add(golden.get("name").asText() + " " + mapper.writeValueAsString(
                        new String(Base64.getDecoder().decode(golden.get("body").asText()), StandardCharsets.UTF_8))
                        + ": expected <" + expected + "> but was <" + actual + ">");
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
