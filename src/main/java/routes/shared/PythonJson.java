package routes.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

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

    /** Appends {@link #pythonFloat}{@code (d)}; a whole number without the strings and BigDecimals of the general case. */
    static void appendFloat(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("Out of range float values are not JSON compliant: " + d);
        }
        if (d == 0) {
            out.append((1 / d < 0) ? "-0.0" : "0.0");
        } else if (d == Math.rint(d) && Math.abs(d) < WHOLE_LIMIT) {
            // a whole number below 10^15 is exact, and no fewer digits read back as it (they would be another whole
            // number): the shortest digits are its own, where the rounding below arrives too (PythonJsonTest)
            out.append((long) d).append(".0");
        } else {
            out.append(shortestByRounding(d));
        }
    }

    /** Whole numbers below this are written by their digits ({@link #appendFloat}): 15 digits at most. */
    static final double WHOLE_LIMIT = 1e15;

    /** {@link #pythonFloat} by rounding Java's digits until they no longer read back (any finite non-zero value). */
    static String shortestByRounding(double d) {
        java.math.BigDecimal shortest = new java.math.BigDecimal(Double.toString(d));
        // Java 17's Double.toString is sometimes one digit longer than the shortest representation
        for (int digits = shortest.precision() - 1; digits >= 1; digits--) {
            java.math.BigDecimal shorter = shortest.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
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
            } else if (value instanceof Map<?, ?> map) {
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
