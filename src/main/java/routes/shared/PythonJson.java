package routes.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON text exactly as Python's {@code json.dumps(obj)} writes it with default settings, which the original's
 * consumers see byte for byte: keys in insertion order, separators {@code ", "} and {@code ": "}, non-ASCII escaped as
 * lower-case {@code \}{@code uXXXX}. Values may be maps (insertion ordered), lists, strings, numbers, booleans, null
 * or Jackson nodes (a message value passed through verbatim). Shared by every pipeline whose original was Python
 * and whose consumers compare its JSON byte for byte.
 */
public final class PythonJson {
    private PythonJson() {
    }

    public static String dumps(Object value) {
        return dumps(value, true, -1);
    }

    /** As Python's {@code json.dumps(obj, ensure_ascii=False)}: non-ASCII characters written as they are. */
    public static String dumpsUnicode(Object value) {
        return dumps(value, false, -1);
    }

    /**
     * As Python's {@code json.dumps(obj, indent=n)}: each member on its own line, indented {@code n} spaces per
     * level, separators {@code ","} and {@code ": "}; an empty list or object stays {@code []} / {@code {}}.
     */
    public static String dumpsIndented(Object value, int indent) {
        return dumps(value, true, indent);
    }

    private static String dumps(Object value, boolean ensureAscii, int indent) {
        StringBuilder out = new StringBuilder();
        new Style(ensureAscii, indent).write(out, value, 0);
        return out.toString();
    }

    /** A float as Python's {@code repr} writes it: the shortest digits that read back, {@code 52000.0}, {@code 1e-05}. */
    public static String pythonFloat(double d) {
        StringBuilder out = new StringBuilder(24);
        appendFloat(out, d);
        return out.toString();
    }

    /** Appends {@link #pythonFloat}{@code (d)}, without the strings and BigDecimals of a general rounding. */
    static void appendFloat(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("Out of range float values are not JSON compliant: " + d);
        }
        if (d == 0) {
            out.append((1 / d < 0) ? "-0.0" : "0.0");
        } else if (d == Math.rint(d) && Math.abs(d) < WHOLE_LIMIT) {
            // a whole number below 10^15 is exact, and no fewer digits read back as it (they would be another whole
            // number): the shortest digits are its own, where the rounding arrives too (PythonJsonTest)
            out.append((long) d).append(".0");
        } else {
            appendShortest(out, d);
        }
    }

    /** Whole numbers below this are written by their digits ({@link #appendFloat}): 15 digits at most. */
    static final double WHOLE_LIMIT = 1e15;

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Java's {@code Double.toString} digits, which Java 17 sometimes writes one or more longer than the shortest,
     * rounded half-even one digit at a time for as long as they still read back as {@code d} (a BigDecimal
     * {@code round} per step before; PythonJsonTest compares the two on millions of values), then written as Python's
     * repr: exponent form below 1e-4 and from 1e16.
     */
    private static void appendShortest(StringBuilder out, double d) {
        double magnitude = Math.abs(d);
        String text = Double.toString(magnitude);
        int e = text.indexOf('E');
        int end = e < 0 ? text.length() : e;
        int weight = text.indexOf('.') - 1 + (e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10));
        char[] digits = new char[end];
        int n = 0;
        // the power of ten of digits[0]
        int exponent = 0;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                continue;
            }
            if (n == 0 && c == '0') {
                weight--;
                continue;
            }
            if (n == 0) {
                exponent = weight;
            }
            digits[n++] = c;
        }
        char[] candidate = new char[n + 1];
        while (n > 1) {
            int m = n - 1;
            char dropped = digits[m];
            if (dropped == '0') {
                // the same number: it reads back
                n = m;
                continue;
            }
            System.arraycopy(digits, 0, candidate, 0, m);
            int candidateExponent = exponent;
            if (dropped > '5' || (dropped == '5' && (digits[m - 1] - '0') % 2 == 1)) {
                int i = m - 1;
                while (i >= 0 && candidate[i] == '9') {
                    candidate[i--] = '0';
                }
                if (i >= 0) {
                    candidate[i]++;
                } else {
                    candidate[0] = '1';
                    candidateExponent++;
                }
            }
            if (!readsBack(candidate, m, candidateExponent, magnitude)) {
                break;
            }
            char[] swap = digits;
            digits = candidate;
            candidate = swap;
            exponent = candidateExponent;
            n = m;
        }
        while (n > 1 && digits[n - 1] == '0') {
            n--;
        }
        if (d < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 16) {
            out.append(digits[0]);
            if (n > 1) {
                out.append('.').append(digits, 1, n - 1);
            }
            int abs = Math.abs(exponent);
            out.append('e').append(exponent < 0 ? '-' : '+').append(abs < 10 ? "0" : "").append(abs);
        } else if (exponent < 0) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            out.append(digits, 0, n);
        } else if (exponent >= n - 1) {
            out.append(digits, 0, n);
            for (int i = n - 1; i < exponent; i++) {
                out.append('0');
            }
            out.append(".0");
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, n - exponent - 1);
        }
    }

    /**
     * Whether {@code digits[0..n)} with {@code digits[0]} at 10^exponent reads as {@code value}: by one
     * multiplication or division where the digits (up to 2^53) and the power of ten (up to 10^22) are exact doubles (the correctly rounded
     * result, as BigDecimal.doubleValue does it), else by Double.parseDouble.
     */
    private static boolean readsBack(char[] digits, int n, int exponent, double value) {
        int scale = exponent - n + 1;
        if (n <= 18 && Math.abs(scale) < POWERS_OF_TEN.length) {
            long whole = 0;
            for (int i = 0; i < n; i++) {
                whole = whole * 10 + (digits[i] - '0');
            }
            if (whole <= 1L << 53) {
                return (scale >= 0 ? whole * POWERS_OF_TEN[scale] : whole / POWERS_OF_TEN[-scale]) == value;
            }
        }
        return Double.parseDouble(new String(digits, 0, n) + "E" + scale) == value;
    }

    /**
     * A read-only map that goes into many documents (the transforms' Oslo entry is in every district file): its
     * one-line text is made once per {@code ensure_ascii} setting and copied after that, so it must not change.
     */
    public static final class Repeated extends AbstractMap<String, Object> {
        private final Map<String, Object> map;
        private String ascii;
        private String unicode;

        public Repeated(Map<String, Object> map) {
            this.map = Collections.unmodifiableMap(map);
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return map.entrySet();
        }

        private String text(Style style) {
            String text = style.ensureAscii ? ascii : unicode;
            if (text == null) {
                StringBuilder out = new StringBuilder();
                style.writeMap(out, map, 0);
                text = out.toString();
                if (style.ensureAscii) {
                    ascii = text;
                } else {
                    unicode = text;
                }
            }
            return text;
        }
    }

    /** How the text is written: {@code ensure_ascii}, and the indent ({@code < 0}: one line). */
    private record Style(boolean ensureAscii, int indent) {
        void write(StringBuilder out, Object value, int level) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof JsonNode node) {
                writeNode(out, node, level);
            } else if (value instanceof String s) {
                string(out, s, ensureAscii);
            } else if (value instanceof Boolean b) {
                out.append(b ? "true" : "false");
            } else if (value instanceof Double || value instanceof Float) {
                appendFloat(out, ((Number) value).doubleValue());
            } else if (value instanceof Long n) {
                out.append(n.longValue());
            } else if (value instanceof Number n) {
                out.append(n);
            } else if (value instanceof Repeated repeated && indent < 0) {
                out.append(repeated.text(this));
            } else if (value instanceof Map<?, ?> map) {
                writeMap(out, map, level);
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    separate(out, i == 0, level + 1);
                    write(out, list.get(i), level + 1);
                }
                close(out, level, ']');
            } else {
                throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
            }
        }

        void writeMap(StringBuilder out, Map<?, ?> map, int level) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                separate(out, first, level + 1);
                first = false;
                string(out, String.valueOf(e.getKey()), ensureAscii);
                out.append(": ");
                write(out, e.getValue(), level + 1);
            }
            close(out, level, '}');
        }

        private void separate(StringBuilder out, boolean first, int level) {
            if (!first) {
                out.append(indent < 0 ? ", " : ",");
            }
            if (indent >= 0) {
                out.append('\n').append(" ".repeat(indent * level));
            }
        }

        private void close(StringBuilder out, int level, char bracket) {
            if (indent >= 0) {
                out.append('\n').append(" ".repeat(indent * level));
            }
            out.append(bracket);
        }

        private void writeNode(StringBuilder out, JsonNode node, int level) {
            if (node.isNull() || node.isMissingNode()) {
                out.append("null");
            } else if (node.isTextual()) {
                string(out, node.textValue(), ensureAscii);
            } else if (node.isBoolean()) {
                out.append(node.booleanValue() ? "true" : "false");
            } else if (node.isNumber()) {
                out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString() : Double.toString(node.doubleValue()));
            } else if (node.isObject()) {
                Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
                node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
                write(out, fields, level);
            } else if (node.isArray()) {
                List<JsonNode> elements = new java.util.ArrayList<>();
                node.elements().forEachRemaining(elements::add);
                write(out, elements, level);
            } else {
                string(out, node.asText(), ensureAscii);
            }
        }
    }

    /** Appends {@code s} as a JSON string the way Python's {@code ensure_ascii} encoder does. */
    public static void string(StringBuilder out, String s) {
        string(out, s, true);
    }

    private static void string(StringBuilder out, String s, boolean ensureAscii) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x7f || !ensureAscii)) {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                // another control character, or (ensure_ascii) one from 0x7f: a backslash, u and four lower-case hex digits
                default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, plain, s.length()).append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
