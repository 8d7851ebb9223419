package routes.shared;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The floats and strings of {@link PythonJson}: the whole-number shortcut against the general rounding it skips, and
 * every UTF-16 unit through both escapers against the per-character rules of Python's encoder.
 */
class PythonJsonTest {

    @Test
    void floatsAsPythonsRepr() {
        assertThat(List.of(0.0, -0.0, 1.0, -5.0, 52000.0, 1e15 - 1, 1e15, 1e16, 123456789012345678.0, 0.1, 1e-05, 0.0001, 2.5e-5, 1.5, -0.3333333333333333))
                .extracting(PythonJson::pythonFloat)
                .containsExactly("0.0", "-0.0", "1.0", "-5.0", "52000.0", "999999999999999.0", "1000000000000000.0", "1e+16", "1.2345678901234568e+17",
                        "0.1", "1e-05", "0.0001", "2.5e-05", "1.5", "-0.3333333333333333");
        assertThatThrownBy(() -> PythonJson.dumps(List.of(Double.NaN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Out of range float values are not JSON compliant: NaN");
    }

    @Test
    void wholeNumbersAreWrittenAsTheRoundingWroteThem() {
        List<Double> values = new ArrayList<>();
        for (long n = -20_000; n <= 20_000; n++) {
            values.add((double) n);
        }
        // many trailing zero bits, around powers of ten, and either side of the shortcut's limit
        for (long m = 1; m < 2000; m += 7) {
            for (int k = 0; k < 50; k++) {
                values.add((double) (m << k));
            }
        }
        for (long p = 1; p <= 1_000_000_000_000_000L; p *= 10) {
            values.addAll(List.of((double) p - 1, (double) p, (double) p + 1, -(double) p - 1));
        }
        values.addAll(List.of(Math.nextDown(PythonJson.WHOLE_LIMIT), PythonJson.WHOLE_LIMIT, 9007199254740991.0, 9007199254740992.0));
        Random random = new Random(42);
        for (int i = 0; i < 60_000; i++) {
            double magnitude = Math.pow(10, random.nextDouble() * 16);
            values.add((double) Math.round(random.nextBoolean() ? magnitude : -magnitude));
        }
        for (double d : values) {
            if (d != 0) {
                assertThat(PythonJson.pythonFloat(d)).as("%s", d).isEqualTo(PythonJson.shortestByRounding(d));
            }
        }
    }

    @Test
    void everyCharacterIsEscapedAsPythonDoes() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c);
        }
        all.append(Character.MAX_VALUE);
        String text = all.toString();
        assertThat(PythonJson.dumps(text)).isEqualTo(escaped(text, true));
        assertThat(PythonJson.dumpsUnicode(text)).isEqualTo(escaped(text, false));
        // runs of plain characters between escapes, at the start and the end
        for (String s : List.of("", "a", "\"", "a\"b", "\\\\x", "ø", "aøb\n", "\u0001\u007f\u0080", "x\ud83d\ude00y")) {
            assertThat(PythonJson.dumps(s)).as(s).isEqualTo(escaped(s, true));
            assertThat(PythonJson.dumpsUnicode(s)).as(s).isEqualTo(escaped(s, false));
        }
        Map<String, Object> keyed = new LinkedHashMap<>();
        keyed.put("nø\"kkel", List.of("ø", 1L, 2.0));
        assertThat(PythonJson.dumpsUnicode(keyed)).isEqualTo("{\"nø\\\"kkel\": [\"ø\", 1, 2.0]}");
        assertThat(PythonJson.dumps(keyed)).isEqualTo("{\"n\\u00f8\\\"kkel\": [\"\\u00f8\", 1, 2.0]}");
    }

    /** Python's short escapes (json.encoder.ESCAPE_DCT); other control characters and (ensure_ascii) non-ASCII as a u-escape. */
    static final Map<Character, String> SHORT = Map.of('"', "\\\"", '\\', "\\\\", '\n', "\\n", '\r', "\\r", '\t', "\\t", '\b', "\\b", '\f', "\\f");

    /** Python's encoder one character at a time. */
    static String escaped(String s, boolean ensureAscii) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            boolean escape = c < 0x20 || (ensureAscii && c > 0x7e);
            out.append(SHORT.getOrDefault(c, escape ? String.format("\\u%04x", (int) c) : String.valueOf(c)));
        }
        return out.append('"').toString();
    }
}
