package routes.uploads;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records the way Python 3.12's {@code csv.reader} does over {@code text.splitlines(keepends=True)} with
 * the default dialect and one delimiter: doubled quotes escape, no skip-initial-space, non-strict (a quote inside an
 * unquoted field is literal; an unterminated quoted field at the end of the input is accepted as a field), NUL is an
 * ordinary character, a field may hold at most {@value #FIELD_SIZE_LIMIT} characters. Lines end where
 * {@code str.splitlines} ends them ({@code \r\n}, {@code \n}, {@code \r}, {@code \v}, {@code \f}, {@code \x1c},
 * {@code \x1d}, {@code \x1e}, {@code \x85}, {@code \u2028}, {@code \u2029}); a record ends at the end of a line outside
 * quotes, and a physically empty line is a record with no fields.
 * <p>It streams: only the field count of each record is kept, plus the fields of records asked for with
 * {@link #nextRecordFields()} (the header).
 */
public final class PythonCsvReader {
    public static final int FIELD_SIZE_LIMIT = 131072;

    /** A {@code csv.Error}: the message Python gives and the reader's line number when it happened. */
    public static final class CsvError extends Exception {
        private final long line;

        CsvError(String message, long line) {
            super(message, null, false, false);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private static final int START_RECORD = 0;
    private static final int START_FIELD = 1;
    private static final int IN_FIELD = 2;
    private static final int IN_QUOTED_FIELD = 3;
    private static final int QUOTE_IN_QUOTED_FIELD = 4;
    private static final int EAT_CRNL = 5;
    private static final char QUOTE = '"';

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[64 * 1024];
    private int pos;
    private int limit;
    private boolean eof;

    private int state = START_RECORD;
    private int fieldCount;
    private int fieldLength;
    private long lineNumber;
    private boolean lineOpen;
    private StringBuilder field;
    private List<String> fields;

    public PythonCsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** Python's {@code reader.line_num}: how many lines have been read. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next record's fields, or null at the end of the input. */
    public List<String> nextRecordFields() throws IOException, CsvError {
        fields = new ArrayList<>();
        field = new StringBuilder();
        try {
            return nextRecord() < 0 ? null : fields;
        } finally {
            field = null;
            fields = null;
        }
    }

    /** The number of fields of the next record, or -1 at the end of the input. */
    public int nextRecord() throws IOException, CsvError {
        fieldCount = 0;
        fieldLength = 0;
        boolean readAnything = false;
        while (true) {
            if (pos >= limit && !fill()) {
                // end of input: Python returns a pending unterminated quoted field as the last record's field
                if (lineOpen) {
                    endOfLine();
                    if (state == START_RECORD) {
                        return fieldCount;
                    }
                }
                if (state == IN_QUOTED_FIELD || fieldLength != 0) {
                    saveField();
                    state = START_RECORD;
                    return fieldCount;
                }
                return readAnything ? fieldCount : -1;
            }
            char c = buffer[pos++];
            readAnything = true;
            if (!lineOpen) {
                lineOpen = true;
                lineNumber++;
            }
            if (c == '\r') {
                process(c);
                // a CR ends the line unless a LF follows
                if (pos >= limit && !fill()) {
                    endOfLine();
                    if (state == START_RECORD) {
                        return fieldCount;
                    }
                    continue;
                }
                if (buffer[pos] == '\n') {
                    pos++;
                    process('\n');
                }
                endOfLine();
                if (state == START_RECORD) {
                    return fieldCount;
                }
            } else if (isLineBreak(c)) {
                process(c);
                endOfLine();
                if (state == START_RECORD) {
                    return fieldCount;
                }
            } else if (state == IN_FIELD && c != delimiter) {
                addChar(c);
                // fast path: the rest of an unquoted field
                while (pos < limit) {
                    char d = buffer[pos];
                    if (d == delimiter || d == '\r' || isLineBreak(d)) {
                        break;
                    }
                    addChar(d);
                    pos++;
                }
            } else {
                process(c);
            }
        }
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d' || c == '\u001e'
                || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\r';
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void endOfLine() throws CsvError {
        lineOpen = false;
        switch (state) {
            case START_RECORD:
                break; // an empty line: a record with no fields
            case START_FIELD:
            case IN_FIELD:
            case QUOTE_IN_QUOTED_FIELD:
                saveField();
                state = START_RECORD;
                break;
            case EAT_CRNL:
                state = START_RECORD;
                break;
            default:
                break; // IN_QUOTED_FIELD: the line break chars were already added
        }
    }

    private void process(char c) throws CsvError {
        switch (state) {
            case START_RECORD:
                if (c == '\n' || c == '\r') {
                    state = EAT_CRNL;
                    return;
                }
                state = START_FIELD;
                // fall through: a normal character starts a field
            case START_FIELD:
                if (c == '\n' || c == '\r') {
                    saveField();
                    state = EAT_CRNL;
                } else if (c == QUOTE) {
                    state = IN_QUOTED_FIELD;
                } else if (c == delimiter) {
                    saveField();
                } else {
                    addChar(c);
                    state = IN_FIELD;
                }
                return;
            case IN_FIELD:
                if (c == '\n' || c == '\r') {
                    saveField();
                    state = EAT_CRNL;
                } else if (c == delimiter) {
                    saveField();
                    state = START_FIELD;
                } else {
                    addChar(c);
                }
                return;
            case IN_QUOTED_FIELD:
                if (c == QUOTE) {
                    state = QUOTE_IN_QUOTED_FIELD;
                } else {
                    addChar(c);
                }
                return;
            case QUOTE_IN_QUOTED_FIELD:
                if (c == QUOTE) {
                    addChar(c);
                    state = IN_QUOTED_FIELD;
                } else if (c == delimiter) {
                    saveField();
                    state = START_FIELD;
                } else if (c == '\n' || c == '\r') {
                    saveField();
                    state = EAT_CRNL;
                } else {
                    addChar(c);
                    state = IN_FIELD;
                }
                return;
            case EAT_CRNL:
                if (c != '\n' && c != '\r') {
                    throw new CsvError("new-line character seen in unquoted field - do you need to open the file with newline=''?", lineNumber);
                }
                return;
            default:
                throw new IllegalStateException("state " + state);
        }
    }

    private void addChar(char c) throws CsvError {
        if (fieldLength >= FIELD_SIZE_LIMIT) {
            throw new CsvError("field larger than field limit (" + FIELD_SIZE_LIMIT + ")", lineNumber);
        }
        fieldLength++;
        if (field != null) {
            field.append(c);
        }
    }

    private void saveField() {
        fieldCount++;
        fieldLength = 0;
        if (fields != null) {
            fields.add(field.toString());
            field.setLength(0);
        }
    }
}
