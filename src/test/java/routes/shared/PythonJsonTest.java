package routes.shared;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The floats and strings of {@link PythonJson}: its float digits against the first version's BigDecimal rounding
 * (kept here as the reference) on many values, and every UTF-16 unit through both escapers against the
 * per-character rules of Python's encoder.
 */
class PythonJsonTest {

    @Test
    void floatsAsPythonsRepr() {
        assertThat(List.of(0.0, -0.0, 1.0, -5.0, 52000.0, 1e15 - 1, 1e15, 1e16, 123456789012345678.0, 0.1, 1e-05, 0.0001, 2.5e-5, 1.5, -0.3333333333333333,
                        5.7353852342750372E18, 2.67335488905779424E17))
                .extracting(PythonJson::pythonFloat)
                .containsExactly("0.0", "-0.0", "1.0", "-5.0", "52000.0", "999999999999999.0", "1000000000000000.0", "1e+16", "1.2345678901234568e+17",
                        "0.1", "1e-05", "0.0001", "2.5e-05", "1.5", "-0.3333333333333333",
                        // Java 17 writes these with one digit more: 5.7353852342750372E18, 2.67335488905779424E17
                        "5.735385234275037e+18", "2.6733548890577942e+17");
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
                assertThat(PythonJson.pythonFloat(d)).as("%s", d).isEqualTo(byBigDecimal(d));
            }
        }
    }

    @Test
    void otherFloatsAreWrittenAsTheRoundingWroteThem() {
        List<Double> values = new ArrayList<>(List.of(Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
                1e-5, 1e-4, 9.999999999999999e-5, 1e16, 9999999999999998.0, 1e22, 1e23, 2e23, 5e-324, 1.7976931348623157e308, 4.35, 0.15, 0.25));
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            // any bits; a ratio of counts as the templates write; a short decimal; near a power of ten; a whole number from 10^15
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add((1 + random.nextInt(100_000)) / (double) (1 + random.nextInt(1_000_000)));
            values.add(random.nextInt(100_000) / Math.pow(10, random.nextInt(12)));
            double power = Math.pow(10, random.nextInt(40) - 20);
            values.add(random.nextBoolean() ? Math.nextUp(power) : Math.nextDown(power));
            values.add((double) (1_000_000_000_000_000L + random.nextLong(1L << 60)));
        }
        for (double d : values) {
            if (!Double.isNaN(d) && !Double.isInfinite(d) && d != 0) {
                assertThat(PythonJson.pythonFloat(d)).as("%s", d).isEqualTo(byBigDecimal(d));
                assertThat(PythonJson.pythonFloat(-d)).as("%s", -d).isEqualTo(byBigDecimal(-d));
            }
        }
    }

    /**
     * The first version of {@link PythonJson#pythonFloat} (whose bytes the golden files hold): Java's digits as a
     * BigDecimal, rounded half-even one digit at a time while they read back, as Python's repr.
     */
    static String byBigDecimal(double d) {
        BigDecimal shortest = new BigDecimal(Double.toString(d));
        for (int digits = shortest.precision() - 1; digits >= 1; digits--) {
            BigDecimal shorter = shortest.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (shorter.doubleValue() != d) {
                break;
            }
            shortest = shorter;
        }
        shortest = shortest.stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        String digits = shortest.unscaledValue().abs().toString();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    @Test
    void aRepeatedMapIsWrittenAsItsContentEverywhere() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "00");
        entry.put("geography", "Oslo i alt");
        entry.put("values", List.of(Map.of("ø", 1.5), 2L));
        PythonJson.Repeated repeated = new PythonJson.Repeated(entry);
        List<Object> plain = List.of(Map.of("data", List.of(entry, entry)), entry);
        List<Object> shared = List.of(Map.of("data", List.of(repeated, repeated)), repeated);
        for (int i = 0; i < 2; i++) {
            assertThat(PythonJson.dumpsUnicode(shared)).isEqualTo(PythonJson.dumpsUnicode(plain));
            assertThat(PythonJson.dumps(shared)).isEqualTo(PythonJson.dumps(plain));
            assertThat(PythonJson.dumpsIndented(shared, 2)).isEqualTo(PythonJson.dumpsIndented(plain, 2));
        }
        assertThat(repeated).isEqualTo(entry).containsKeys("id", "geography", "values");
        assertThatThrownBy(() -> repeated.put("id", "01")).isInstanceOf(UnsupportedOperationException.class);
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
