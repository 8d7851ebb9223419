package routes.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    // eight bytes at a time (SWAR): a word of plain ASCII bytes needs no per-byte work
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EACH_BYTE = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = QUOTE * EACH_BYTE;
    private static final long SPACES = 0x20 * EACH_BYTE;
    /** Bytes read at a time in byte mode. */
    static final int BYTE_BUFFER_SIZE = 1 << 20;

    private final Reader in;
    private final char delimiter;
    private final char[] buffer;
    private int pos;
    private int limit;
    private boolean eof;
    /** Byte mode: how many bytes of the input came before the current buffer. */

    // byte mode: UTF-8 / windows-1252 / latin-1 read straight from bytes (every structural character is ASCII)
    private final InputStream bytesIn;
    private final TextEncoding encoding;
    private final byte[] bytes;
    private final long delimiters;
    private final byte[] unit = new byte[4];
    private int unitLength;
    private int utf8Needed;
    private int utf8CodePoint;
    private int utf8Lower = 0x80;
    private int utf8Upper = 0xBF;
    private java.io.ByteArrayOutputStream capturedBytes;

    private int state = START_RECORD;
    private int fieldCount;
    private int fieldLength;
    private long lineNumber;
    private boolean lineOpen;
    private StringBuilder field;
    private List<String> fields;

    /** Reads decoded text (any encoding; used for UTF-16). */
    public PythonCsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
        this.buffer = new char[64 * 1024];
        this.bytesIn = null;
        this.encoding = null;
        this.bytes = null;
        this.delimiters = 0;
    }

    /**
     * Reads bytes in UTF-8 (strict), windows-1252 (strict) or latin-1 without a separate decoding pass; an invalid
     * byte for the encoding throws {@link CharacterCodingException} like a strict decoder would.
     */
    public PythonCsvReader(InputStream in, char delimiter, TextEncoding encoding) {
        if (encoding != TextEncoding.UTF_8 && encoding != TextEncoding.WINDOWS_1252 && encoding != TextEncoding.LATIN_1) {
            throw new IllegalArgumentException("Byte mode reads utf-8, windows-1252 or latin-1, not " + encoding);
        }
        this.in = null;
        this.delimiter = delimiter;
        this.buffer = null;
        this.bytesIn = in;
        this.encoding = encoding;
        this.bytes = new byte[BYTE_BUFFER_SIZE];
        this.delimiters = (delimiter & 0xFFL) * EACH_BYTE;
    }

    /** Python's {@code reader.line_num}: how many lines have been read. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next record's fields, or null at the end of the input. */
    public List<String> nextRecordFields() throws IOException, CsvError {
        fields = new ArrayList<>();
        field = new StringBuilder();
        if (bytesIn != null) {
            capturedBytes = new java.io.ByteArrayOutputStream();
        }
        try {
            return nextRecord() < 0 ? null : fields;
        } finally {
            field = null;
            fields = null;
            capturedBytes = null;
        }
    }

    /** The number of fields of the next record, or -1 at the end of the input. */
    public int nextRecord() throws IOException, CsvError {
        return bytesIn != null ? nextRecordFromBytes() : nextRecordFromChars();
    }

    /** End of input, in either mode: Python returns a pending unterminated quoted field as the last record's field. */
    private int endOfInput(boolean readAnything) throws CsvError {
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

    private int nextRecordFromChars() throws IOException, CsvError {
        fieldCount = 0;
        fieldLength = 0;
        boolean readAnything = false;
        while (true) {
            if (pos >= limit && !fill()) {
                return endOfInput(readAnything);
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

    private int nextRecordFromBytes() throws IOException, CsvError {
        fieldCount = 0;
        fieldLength = 0;
        boolean readAnything = false;
        final byte[] buf = bytes;
        while (true) {
            if (capturedBytes == null && utf8Needed == 0 && limit - pos >= 8) {
                int fields = readPlain(buf);
                if (fields >= 0) {
                    return fields;
                }
            }
            if (pos >= limit && !fillBytes()) {
                if (utf8Needed > 0) {
                    throw new java.nio.charset.MalformedInputException(utf8Needed);
                }
                return endOfInput(readAnything);
            }
            int b = buf[pos++];
            readAnything = true;
            int c;
            if (b >= 0) {
                if (utf8Needed > 0) {
                    throw new java.nio.charset.MalformedInputException(1);
                }
                c = b;
                unit[0] = (byte) b;
                unitLength = 1;
            } else {
                c = nonAscii(b & 0xFF);
                if (c < 0) {
                    continue; // inside a UTF-8 sequence
                }
            }
            if (!lineOpen) {
                lineOpen = true;
                lineNumber++;
            }
            if (c == '\r') {
                process('\r');
                if (pos >= limit && !fillBytes()) {
                    endOfLine();
                    if (state == START_RECORD) {
                        return fieldCount;
                    }
                    continue;
                }
                if (buf[pos] == '\n') {
                    pos++;
                    unit[0] = '\n';
                    unitLength = 1;
                    process('\n');
                }
                endOfLine();
                if (state == START_RECORD) {
                    return fieldCount;
                }
            } else if (c < 0x20 ? isLineBreak((char) c) : (c == 0x85 || c == 0x2028 || c == 0x2029)) {
                process((char) c);
                endOfLine();
                if (state == START_RECORD) {
                    return fieldCount;
                }
            } else if (state == IN_FIELD && c != delimiter && capturedBytes == null) {
                addChar('x');
                // fast path: the ASCII rest of an unquoted field
                int p = pos;
                int end = limit;
                char d = delimiter;
                while (p < end) {
                    int x = buf[p];
                    if (x < 0x20 || x == d) {
                        if (x < 0 || x == d || isLineBreak((char) x)) {
                            break;
                        }
                    }
                    p++;
                }
                int run = p - pos;
                if (fieldLength + run > FIELD_SIZE_LIMIT) {
                    pos += FIELD_SIZE_LIMIT - fieldLength;
                    fieldLength = FIELD_SIZE_LIMIT;
                    addChar('x');
                }
                fieldLength += run;
                pos = p;
            } else if (state == IN_QUOTED_FIELD && c != QUOTE && capturedBytes == null) {
                addChar('x');
                // fast path: the ASCII rest of a quoted field up to its quote or a line end
                int p = pos;
                int end = limit;
                while (p < end) {
                    int x = buf[p];
                    if (x < 0x20 || x == QUOTE) {
                        break;
                    }
                    p++;
                }
                int run = p - pos;
                if (fieldLength + run > FIELD_SIZE_LIMIT) {
                    pos += FIELD_SIZE_LIMIT - fieldLength;
                    fieldLength = FIELD_SIZE_LIMIT;
                    addChar('x');
                }
                fieldLength += run;
                pos = p;
            } else {
                process((char) c);
            }
        }
    }

    /** 0x80 in each byte of {@code w} that is zero, 0 in the others (exact for every byte, no carries). */
    private static long zeroBytes(long w) {
        return ~(((w & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | w | LOW_SEVEN_BITS);
    }

    /**
     * 0x80 set in the lowest byte of {@code w} that is a quote, below 0x20 or at least 0x80 (the bytes below it have no
     * flag; higher ones may be flagged falsely, so only the lowest flag is meaningful); 0 when there is none.
     */
    private static long specialBytes(long w) {
        long q = w ^ QUOTES;
        return ((w - SPACES) | w | ((q - EACH_BYTE) & ~q)) & HIGH_BITS;
    }

    /**
     * The fast reader for plain text: eight bytes at a time while they are ASCII with no quote and no control byte
     * other than the delimiter (each delimiter ends a field, nothing else changes), and, without the per-byte state
     * machine, the common structure around them: a record's first byte, an opening quote, a doubled quote, a closing
     * quote followed by the delimiter or a line end, a literal quote inside an unquoted field, and a LF or CRLF line
     * end outside quotes. Anything else (non-ASCII, other control bytes, the end of the buffer, a field near the size
     * limit) stops it before that byte with the state saved, for the per-byte reader to handle exactly.
     *
     * @return the record's field count if it ended here ({@link #pos} after its line end), else -1
     */
    private int readPlain(byte[] buf) {
        int p = pos;
        final int last = limit - 8;
        int count = fieldCount;
        int length = fieldLength;
        int st = state;
        final boolean controlDelimiter = delimiter < 0x20;
        if (st == START_RECORD) {
            if (buf[p] < 0x20) {
                return -1; // a control byte (or non-ASCII) starts the line: per byte
            }
            lineOpen = true;
            lineNumber++;
            st = START_FIELD;
        } else if (!lineOpen || (st != START_FIELD && st != IN_FIELD && st != IN_QUOTED_FIELD)) {
            return -1;
        }
        outer:
        while (true) {
            if (st == IN_QUOTED_FIELD) {
                while (true) {
                    if (p > last || length > FIELD_SIZE_LIMIT - 8) {
                        break outer;
                    }
                    long w = (long) WORDS.get(buf, p);
                    long special = specialBytes(w);
                    if (special == 0) {
                        p += 8;
                        length += 8;
                        continue;
                    }
                    int plain = Long.numberOfTrailingZeros(special) >>> 3;
                    p += plain;
                    length += plain;
                    if (buf[p] != QUOTE || p + 1 >= limit) {
                        break outer;
                    }
                    int next = buf[p + 1];
                    if (next == QUOTE) { // a doubled quote: one quote character
                        p += 2;
                        length++;
                    } else if (next == delimiter) {
                        p += 2;
                        count++;
                        length = 0;
                        st = START_FIELD;
                        continue outer;
                    } else {
                        int end = lineEnd(buf, p + 1);
                        if (end == 0) {
                            break outer;
                        }
                        return endRecord(p + 1 + end, count + 1);
                    }
                }
            }
            while (true) {
                if (p > last || length > FIELD_SIZE_LIMIT - 8) {
                    break outer;
                }
                long w = (long) WORDS.get(buf, p);
                long delimiterMask = zeroBytes(w ^ delimiters);
                // a TAB delimiter is no special byte: 0x09 | 0x20 is not special
                long special = specialBytes(controlDelimiter ? w | (delimiterMask >>> 2) : w);
                if (special == 0) {
                    p += 8;
                    if (delimiterMask == 0) {
                        length += 8;
                    } else {
                        count += Long.bitCount(delimiterMask);
                        length = Long.numberOfLeadingZeros(delimiterMask) >>> 3;
                    }
                    continue;
                }
                int plain = Long.numberOfTrailingZeros(special) >>> 3;
                long before = delimiterMask & ((1L << (plain << 3)) - 1);
                p += plain;
                if (before == 0) {
                    length += plain;
                } else {
                    count += Long.bitCount(before);
                    length = plain - 1 - ((63 - Long.numberOfLeadingZeros(before)) >>> 3);
                }
                if (buf[p] == QUOTE) {
                    p++;
                    if (length == 0) { // START_FIELD: a quoted field opens
                        st = IN_QUOTED_FIELD;
                        continue outer;
                    }
                    length++; // IN_FIELD: a literal quote (length stays under the limit: it was at most limit - 1)
                    continue;
                }
                int end = lineEnd(buf, p);
                if (end == 0) {
                    break outer;
                }
                return endRecord(p + end, count + 1);
            }
        }
        pos = p;
        fieldCount = count;
        fieldLength = length;
        state = st == IN_QUOTED_FIELD ? IN_QUOTED_FIELD : length == 0 ? START_FIELD : IN_FIELD;
        return -1;
    }

    /** How many bytes the LF or CRLF line end at {@code p} takes (p < limit), or 0 for anything else. */
    private int lineEnd(byte[] buf, int p) {
        byte b = buf[p];
        if (b == '\n') {
            return 1;
        }
        return b == '\r' && p + 1 < limit && buf[p + 1] == '\n' ? 2 : 0;
    }

    /** A record ended at a line end outside quotes: the next starts at {@code next}. */
    private int endRecord(int next, int count) {
        pos = next;
        fieldCount = count;
        fieldLength = 0;
        state = START_RECORD;
        lineOpen = false;
        return count;
    }

    /** A non-ASCII byte: its character (a stand-in for ordinary ones), or -1 while a UTF-8 sequence is incomplete. */
    private int nonAscii(int b) throws java.nio.charset.CharacterCodingException {
        switch (encoding) {
            case LATIN_1:
                unit[0] = (byte) b;
                unitLength = 1;
                return b == 0x85 ? 0x85 : 'x';
            case WINDOWS_1252:
                if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) {
                    throw new java.nio.charset.UnmappableCharacterException(1);
                }
                unit[0] = (byte) b;
                unitLength = 1;
                return 'x';
            default:
                return utf8(b);
        }
    }

    /** Strict UTF-8 (Unicode table 3-7): no overlongs, no surrogates, nothing above U+10FFFF. */
    private int utf8(int b) throws java.nio.charset.MalformedInputException {
        if (utf8Needed == 0) {
            unitLength = 0;
            utf8Lower = 0x80;
            utf8Upper = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                utf8Needed = 1;
                utf8CodePoint = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                utf8Needed = 2;
                utf8CodePoint = b & 0x0F;
                if (b == 0xE0) {
                    utf8Lower = 0xA0;
                } else if (b == 0xED) {
                    utf8Upper = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                utf8Needed = 3;
                utf8CodePoint = b & 0x07;
                if (b == 0xF0) {
                    utf8Lower = 0x90;
                } else if (b == 0xF4) {
                    utf8Upper = 0x8F;
                }
            } else {
                throw new java.nio.charset.MalformedInputException(1);
            }
            unit[unitLength++] = (byte) b;
            return -1;
        }
        if (b < utf8Lower || b > utf8Upper) {
            throw new java.nio.charset.MalformedInputException(1);
        }
        utf8Lower = 0x80;
        utf8Upper = 0xBF;
        unit[unitLength++] = (byte) b;
        utf8CodePoint = (utf8CodePoint << 6) | (b & 0x3F);
        if (--utf8Needed > 0) {
            return -1;
        }
        int cp = utf8CodePoint;
        return cp == 0x85 || cp == 0x2028 || cp == 0x2029 ? cp : 'x';
    }

    private boolean fillBytes() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = bytesIn.read(bytes, 0, bytes.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
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
        if (capturedBytes != null) {
            capturedBytes.write(unit, 0, unitLength);
        } else if (field != null) {
            field.append(c);
        }
    }

    private void saveField() {
        fieldCount++;
        fieldLength = 0;
        if (fields != null) {
            if (capturedBytes != null) {
                fields.add(new String(capturedBytes.toByteArray(), encoding.charset()));
                capturedBytes.reset();
            } else {
                fields.add(field.toString());
                field.setLength(0);
            }
        }
    }
}
