package routes.transforms;

import routes.shared.TaskFailure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a {@code ;}-separated UTF-8 CSV with a header, and the type of each as pandas' {@code read_csv}
 * gives it: integers when every cell is one (int64), decimals when a cell is a decimal or missing (float64; a
 * column with no value at all too), text otherwise (object), and the given id columns always text. One pass over the
 * file, so the engine can read it with the columns declared: DuckDB's own detection samples every row of a wide file
 * and took ~120 ms of the ~170 ms load of the 123-column population file (bench/README.md). Only an empty cell
 * (quoted or not) is missing, as in the engine. The scan also checks the file's shape, so a broken file fails here
 * with its line: every row has the header's number of fields, every quote is closed.
 */
public final class CsvSchema {
    public static final String TEXT = "VARCHAR";
    public static final String INTEGER = "BIGINT";
    public static final String DECIMAL = "DOUBLE";

    private static final int BUFFER = 1 << 16;
    // per column, the narrowest type its cells so far fit; NONE while every cell is missing
    private static final byte NONE = 0;
    private static final byte INT = 1;
    private static final byte DOUBLE = 2;
    private static final byte STRING = 3;

    private final List<String> names;
    private final List<String> types;
    private final long rows;

    private CsvSchema(List<String> names, List<String> types, long rows) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        this.rows = rows;
    }

    /** The data rows (blank lines not counted). */
    public long rows() {
        return rows;
    }

    public List<String> names() {
        return names;
    }

    public List<String> types() {
        return types;
    }

    public String typeOf(String column) {
        int i = names.indexOf(column);
        return i < 0 ? null : types.get(i);
    }

    /**
     * Scans {@code csv}. {@code textColumns} are text whatever they hold (ids with leading zeros); {@code integerColumns}
     * stay integers with missing cells (the year: pandas' float there is never seen, the rows without one are left out).
     */
    public static CsvSchema scan(Path csv, String datasetId, Set<String> textColumns, Set<String> integerColumns) {
        try (InputStream in = Files.newInputStream(csv);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return new Scanner(reader, datasetId).scan(textColumns, integerColumns);
        } catch (CharacterCodingException e) {
            throw unreadable(datasetId, "it is not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(datasetId, e.getMessage());
        }
    }

    static TaskFailure unreadable(String datasetId, String why) {
        return new TaskFailure("InvalidInput", "input dataset '" + datasetId + "' is not a readable ';'-separated CSV: " + why);
    }

    /** RFC 4180 with {@code ;}: {@code "} quotes a field, {@code ""} inside it is a quote, lines end in LF, CRLF or CR. */
    private static final class Scanner {
        private final Reader reader;
        private final String datasetId;
        private final char[] buffer = new char[BUFFER];
        private int length;
        private int position;
        private int line = 1;
        private int rowStart;
        private final StringBuilder field = new StringBuilder();
        private boolean quoted;

        Scanner(Reader reader, String datasetId) {
            this.reader = reader;
            this.datasetId = datasetId;
        }

        CsvSchema scan(Set<String> textColumns, Set<String> integerColumns) throws IOException {
            List<String> header = new ArrayList<>();
            if (!header(header)) {
                throw new TaskFailure("InvalidInput", "input dataset '" + datasetId + "' is empty (no header row)");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).isEmpty()) {
                    header.set(i, "column" + i);
                }
                if (!seen.add(header.get(i))) {
                    throw unreadable(datasetId, "the header names column '" + header.get(i) + "' twice");
                }
            }
            byte[] kinds = new byte[header.size()];
            boolean[] missing = new boolean[header.size()];
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = textColumns.contains(header.get(i)) ? STRING : NONE;
            }
            long rows = 0;
            while (true) {
                int fields = rowFields(kinds, missing);
                if (fields < 0) {
                    break;
                }
                rows++;
                if (fields != kinds.length) {
                    throw unreadable(datasetId, "line " + rowStart + " has " + fields + " fields, the header has " + kinds.length);
                }
            }
            List<String> types = new ArrayList<>(kinds.length);
            for (int i = 0; i < kinds.length; i++) {
                boolean keepInteger = integerColumns.contains(header.get(i));
                types.add(switch (kinds[i]) {
                    case STRING -> TEXT;
                    case INT -> missing[i] && !keepInteger ? DECIMAL : INTEGER;
                    default -> keepInteger && kinds[i] == NONE ? INTEGER : DECIMAL;
                });
            }
            return new CsvSchema(header, types, rows);
        }

        /** The header: its fields into {@code names}. False at the end of the file. */
        private boolean header(List<String> names) throws IOException {
            if (!fill()) {
                return false;
            }
            if (buffer[position] == '\uFEFF') {
                position++;
            }
            while (true) {
                boolean more = next();
                names.add(field.toString());
                if (!more) {
                    return true;
                }
            }
        }

        /**
         * A data row: each field classified into {@code kinds}; the number of fields, or -1 at the end of the file.
         * Blank lines are skipped, as pandas does.
         */
        private int rowFields(byte[] kinds, boolean[] missing) throws IOException {
            while (fill() && (buffer[position] == '\n' || buffer[position] == '\r')) {
                if (buffer[position++] == '\n') {
                    line++;
                } else if (fill() && buffer[position] == '\n') {
                    position++;
                    line++;
                } else {
                    line++;
                }
            }
            if (!fill()) {
                return -1;
            }
            rowStart = line;
            int n = 0;
            while (true) {
                boolean more = next();
                if (n < kinds.length && kinds[n] != STRING) {
                    if (field.isEmpty()) {
                        missing[n] = true;
                    } else {
                        kinds[n] = (byte) Math.max(kinds[n], kind(field));
                    }
                }
                n++;
                if (!more) {
                    return n;
                }
            }
        }

        /** Reads one field into {@code field}; true when another field of the same row follows. */
        private boolean next() throws IOException {
            field.setLength(0);
            quoted = false;
            int start = line;
            if (fill() && buffer[position] == '"') {
                quoted = true;
                position++;
                while (true) {
                    if (!fill()) {
                        throw unreadable(datasetId, "the quoted field that starts on line " + start + " is not closed");
                    }
                    char c = buffer[position++];
                    if (c == '"') {
                        if (fill() && buffer[position] == '"') {
                            field.append('"');
                            position++;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            }
            while (fill()) {
                char c = buffer[position++];
                if (c == ';') {
                    return true;
                }
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && fill() && buffer[position] == '\n') {
                        position++;
                    }
                    line++;
                    return false;
                }
                if (quoted) {
                    throw unreadable(datasetId, "line " + line + " has text after a closing quote");
                }
                field.append(c);
            }
            return false;
        }

        private boolean fill() throws IOException {
            if (position < length) {
                return true;
            }
            length = reader.read(buffer, 0, buffer.length);
            position = 0;
            return length > 0;
        }
    }

    /** INT for an integer that fits a long, DOUBLE for another decimal number, STRING otherwise (spaces around allowed). */
    static byte kind(CharSequence cell) {
        int start = 0;
        int end = cell.length();
        while (start < end && cell.charAt(start) == ' ') {
            start++;
        }
        while (end > start && cell.charAt(end - 1) == ' ') {
            end--;
        }
        int i = sign(cell, start, end);
        int afterDigits = digits(cell, i, end);
        if (afterDigits == end) {
            int digits = end - i;
            return digits == 0 ? STRING : digits <= 18 ? INT : DOUBLE;
        }
        int afterFraction = cell.charAt(afterDigits) == '.' ? digits(cell, afterDigits + 1, end) : afterDigits;
        if (afterFraction - i - (afterFraction > afterDigits ? 1 : 0) == 0) {
            return STRING; // no digit before or after the point
        }
        i = afterFraction;
        if (i < end && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            int exponent = sign(cell, i + 1, end);
            i = digits(cell, exponent, end);
            if (i == exponent) {
                return STRING;
            }
        }
        return i == end ? DOUBLE : STRING;
    }

    private static int sign(CharSequence cell, int i, int end) {
        return i < end && (cell.charAt(i) == '-' || cell.charAt(i) == '+') ? i + 1 : i;
    }

    /** The index after the run of ASCII digits from {@code i}. */
    private static int digits(CharSequence cell, int i, int end) {
        while (i < end && cell.charAt(i) >= '0' && cell.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
