package routes.uploads;

import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.Set;

/**
 * Judges a JSON text as Python's {@code json.loads} does (CPython 3.11/3.12's C scanner), streaming and without
 * building the document: the same accepted texts ({@code NaN}, {@code Infinity}, {@code -Infinity} included) and, for
 * a rejected one, exactly {@code str(JSONDecodeError)}: the same wording at the same position, counted in code points
 * (an emoji is one character, as in Python), {@code line} counting {@code \n} only. On the way it notes what the FCS
 * check needs: the keys of the root array's first object and each station's {@code properties} length.
 */
final class PythonJsonScanner {
    /** Python's error for the text, e.g. {@code Expecting value: line 1 column 1 (char 0)}. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** What the FCS check needs from an accepted document. */
    record Snapshot(boolean rootArray, boolean firstIsObject, Set<String> firstKeys, long properties) {
        boolean fcs() {
            return rootArray && firstIsObject && firstKeys.containsAll(JsonSnapshotInspector.FCS_KEYS);
        }
    }

    /** Nesting beyond this is refused (Python itself gives up with a RecursionError near 1,000 levels). */
    static final int MAX_DEPTH = 10_000;

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int at;
    private int end;
    private boolean drained;

    /** Python's index of the next character (code points consumed so far), its line and the last newline's index. */
    private long pos;
    private long line = 1;
    private long lastNewline = -1;
    private boolean afterHighSurrogate;

    /** Open containers, innermost last: true = object. */
    private final boolean[] containers = new boolean[MAX_DEPTH];
    private int depth;

    // FCS bookkeeping: a root array's elements are stations (depth 1), their members at depth 2.
    private boolean rootArray;
    private long station = -1;
    private boolean stationIsObject;
    private boolean firstIsObject;
    private final Set<String> firstKeys = new HashSet<>();
    private boolean propertiesNext;
    private boolean countingProperties;
    private long stationProperties = -1;
    private long properties;

    private PythonJsonScanner(Reader in) {
        this.in = in;
    }

    /** Reads the whole text; throws {@link Rejected} with Python's message where {@code json.loads} would. */
    static Snapshot scan(Reader text) throws IOException, Rejected {
        return new PythonJsonScanner(text).document();
    }

    private Snapshot document() throws IOException, Rejected {
        skipBlanks();
        boolean valueDone = value();
        while (true) {
            if (!valueDone) {
                // the next item of the innermost container: just opened, or after a comma
                skipBlanks();
                valueDone = containers[depth - 1] ? member() : value();
                continue;
            }
            if (depth == 0) {
                break;
            }
            skipBlanks();
            boolean object = containers[depth - 1];
            int c = peek(0);
            if (c == (object ? '}' : ']')) {
                consume();
                close();
            } else if (c == ',') {
                consume();
                valueDone = false;
            } else {
                throw rejected("Expecting ',' delimiter");
            }
        }
        skipBlanks();
        if (peek(0) != EOF) {
            throw rejected("Extra data");
        }
        return new Snapshot(rootArray, firstIsObject, Set.copyOf(firstKeys), properties);
    }

    /** An object member {@code "name": value}; returns whether the value is complete (not an opened container). */
    private boolean member() throws IOException, Rejected {
        if (peek(0) != '"') {
            throw rejected("Expecting property name enclosed in double quotes");
        }
        boolean stationMember = rootArray && depth == 2;
        StringBuilder name = stationMember ? new StringBuilder() : null;
        string(name);
        if (stationMember) {
            String key = name.toString();
            if (station == 0) {
                firstKeys.add(key);
            }
            propertiesNext = key.equals("properties");
        }
        if (countingProperties && depth == 3) {
            stationProperties++;
        }
        skipBlanks();
        if (peek(0) != ':') {
            throw rejected("Expecting ':' delimiter");
        }
        consume();
        skipBlanks();
        return value();
    }

    /** Any JSON value at the current position; returns whether it is complete (false: a non-empty container opened). */
    private boolean value() throws IOException, Rejected {
        boolean properties = propertiesNext;
        propertiesNext = false;
        if (countingProperties && depth == 3 && !containers[2]) {
            stationProperties++;
        }
        if (depth == 1 && rootArray) {
            station++;
            stationIsObject = peek(0) == '{';
            stationProperties = -1;
            if (station == 0) {
                firstIsObject = stationIsObject;
            }
        }
        int c = peek(0);
        switch (c) {
            case '"' -> {
                long length = string(null);
                if (properties) {
                    stationProperties = length;
                }
                return true;
            }
            case '{', '[' -> {
                if (depth == 0 && c == '[') {
                    rootArray = true;
                }
                if (depth == MAX_DEPTH) {
                    throw rejected("Nested deeper than " + MAX_DEPTH + " arrays and objects");
                }
                consume();
                skipBlanks();
                if (peek(0) == (c == '{' ? '}' : ']')) {
                    consume();
                    if (properties) {
                        stationProperties = 0;
                    }
                    return true;
                }
                containers[depth++] = c == '{';
                if (properties) {
                    countingProperties = true;
                    stationProperties = 0;
                }
                return false;
            }
            default -> {
                if (properties) {
                    stationProperties = 0; // Python's len() of a number or constant fails: no verdict to copy
                }
                if (constant(c)) {
                    return true;
                }
                number();
                return true;
            }
        }
    }

    private void close() {
        depth--;
        if (depth == 2 && countingProperties) {
            countingProperties = false;
        }
        if (depth == 1 && rootArray && stationIsObject && stationProperties > 0) {
            properties += stationProperties;
        }
    }

    private boolean constant(int c) throws IOException {
        String word = switch (c) {
            case 'n' -> "null";
            case 't' -> "true";
            case 'f' -> "false";
            case 'N' -> "NaN";
            case 'I' -> "Infinity";
            case '-' -> "-Infinity";
            default -> null;
        };
        if (word == null) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (peek(i) != word.charAt(i)) {
                return false;
            }
        }
        for (int i = 0; i < word.length(); i++) {
            consume();
        }
        return true;
    }

    /** Python's number grammar: {@code -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?}, backing off a dangling fraction or exponent. */
    private void number() throws IOException, Rejected {
        int i = peek(0) == '-' ? 1 : 0;
        int first = peek(i);
        if (first < '0' || first > '9') {
            throw rejected("Expecting value");
        }
        i++;
        if (first != '0') {
            while (digit(peek(i))) {
                i++;
            }
        }
        if (peek(i) == '.' && digit(peek(i + 1))) {
            i += 2;
            while (digit(peek(i))) {
                i++;
            }
        }
        int e = peek(i);
        if (e == 'e' || e == 'E') {
            int j = i + 1;
            if (peek(j) == '-' || peek(j) == '+') {
                j++;
            }
            if (digit(peek(j))) {
                i = j + 1;
                while (digit(peek(i))) {
                    i++;
                }
            }
        }
        for (int k = 0; k < i; k++) {
            consume();
        }
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A string from its opening quote; appends its characters to {@code into} when given and returns its length
     * (escapes count one).
     */
    private long string(StringBuilder into) throws IOException, Rejected {
        long beginPos = pos;
        long beginLine = line;
        long beginNewline = lastNewline;
        consume();
        long length = 0;
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                throw new Rejected("Unterminated string starting at: " + where(beginPos, beginLine, beginNewline));
            }
            if (c == '"') {
                consume();
                return length;
            }
            if (c < 0x20) {
                throw rejected("Invalid control character at");
            }
            if (c != '\\') {
                boolean secondHalf = Character.isLowSurrogate((char) c) && afterHighSurrogate;
                consume();
                if (into != null) {
                    into.append((char) c);
                }
                if (!secondHalf) {
                    length++;
                }
                continue;
            }
            // an escape: the error positions are the backslash's or the 'u''s, on this line
            int escape = peek(1);
            if (escape == EOF) {
                throw new Rejected("Unterminated string starting at: " + where(beginPos, beginLine, beginNewline));
            }
            if (escape == 'u') {
                consume();
                long uPos = pos;
                // CPython needs four digits and one more character after them before it looks at the digits
                if (peek(5) == EOF) {
                    throw new Rejected("Invalid \\uXXXX escape: " + where(uPos, line, lastNewline));
                }
                int code = 0;
                for (int i = 1; i <= 4; i++) {
                    int digit = Character.digit(peek(i), 16);
                    if (digit < 0 || peek(i) > 'f') {
                        throw new Rejected("Invalid \\uXXXX escape: " + where(uPos, line, lastNewline));
                    }
                    code = code * 16 + digit;
                }
                for (int i = 0; i < 5; i++) {
                    consume();
                }
                if (into != null) {
                    into.append((char) code);
                }
                length++;
                continue;
            }
            char decoded = switch (escape) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                default -> throw rejected("Invalid \\escape");
            };
            consume();
            consume();
            if (into != null) {
                into.append(decoded);
            }
            length++;
        }
    }

    private void skipBlanks() throws IOException {
        while (true) {
            int c = peek(0);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                consume();
            } else {
                return;
            }
        }
    }

    /** The character {@code ahead} places after the current one, or {@link #EOF}. */
    private int peek(int ahead) throws IOException {
        if (at + ahead >= end && !fill(ahead + 1)) {
            return EOF;
        }
        return buffer[at + ahead];
    }

    /** Makes {@code wanted} characters available from {@code at}; false at the end of the text. */
    private boolean fill(int wanted) throws IOException {
        if (drained) {
            return at + wanted <= end;
        }
        if (at > 0) {
            System.arraycopy(buffer, at, buffer, 0, end - at);
            end -= at;
            at = 0;
        }
        while (end - at < wanted) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                drained = true;
                break;
            }
            end += n;
        }
        return at + wanted <= end;
    }

    private void consume() throws IOException {
        if (at >= end) {
            fill(1);
        }
        char c = buffer[at++];
        if (Character.isLowSurrogate(c) && afterHighSurrogate) {
            afterHighSurrogate = false; // the second half of one code point
            return;
        }
        afterHighSurrogate = Character.isHighSurrogate(c);
        if (c == '\n') {
            line++;
            lastNewline = pos;
        }
        pos++;
    }

    private Rejected rejected(String what) {
        return new Rejected(what + ": " + where(pos, line, lastNewline));
    }

    private static String where(long pos, long line, long lastNewline) {
        return "line " + line + " column " + (pos - lastNewline) + " (char " + pos + ")";
    }
}
