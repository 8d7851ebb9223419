package routes.email;

import routes.shared.TempFiles;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cleans a meter-data CSV the way the original pipeline did, byte for byte, streaming: lines are split after each LF;
 * from each line every byte &ge; 0x80 and every NUL is removed (which is how UTF-16LE collapses to ASCII and BOMs
 * vanish); whitespace-only lines are dropped; CRLF and lone CR become LF; every line ends with exactly one LF.
 * <p>
 * With {@code losslessUtf8} the input is first decoded properly (UTF-16 by BOM or NUL pattern, UTF-8, else
 * Windows-1252) and written as UTF-8, so {@code £} or accented school names survive; the line rules are the same.
 */
public class CsvCleaner {
    private static final int BUFFER = 256 * 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private boolean losslessUtf8;

    public CsvCleaner(boolean losslessUtf8) {
        setLosslessUtf8(losslessUtf8);
    }

    /** true = decode and keep non-ASCII as UTF-8 instead of stripping it like the original. */
    public void setLosslessUtf8(boolean losslessUtf8) {
        this.losslessUtf8 = losslessUtf8;
    }

    public CsvCleaner() {
        this(false);
    }

    public boolean losslessUtf8() {
        return losslessUtf8;
    }

    /** The same file, cleaned (into a new temporary file next to the original). */
    public IncomingFile clean(IncomingFile file) throws IOException {
        return file.withFile(clean(file.file()));
    }

    /** Cleans {@code source} into a new temporary file next to it and returns that file. */
    public Path clean(Path source) throws IOException {
        Path target = Files.createTempFile(source.toAbsolutePath().getParent(), "clean-", ".csv");
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            clean(in, out);
        } catch (IOException | RuntimeException e) {
            TempFiles.delete(target);
            throw e;
        }
        return target;
    }

    /** Cleans {@code in} into {@code out}; returns the number of bytes written. */
    public long clean(InputStream in, OutputStream out) throws IOException {
        LineRules rules = new LineRules(out, !losslessUtf8);
        if (losslessUtf8) {
            transcode(new BufferedInputStream(in, BUFFER), rules);
        } else {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                rules.feed(buffer, 0, n);
            }
        }
        rules.finish();
        return rules.written;
    }

    private static void transcode(BufferedInputStream in, LineRules rules) throws IOException {
        in.mark(8192);
        byte[] head = in.readNBytes(8192);
        in.reset();
        int skip = 0;
        Charset charset;
        if (FileRouter.starts(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (FileRouter.starts(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (FileRouter.starts(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else {
            // a UTF-16 BOM that an earlier tool mangled into U+FFFD U+FFFD, then UTF-16 text
            int start = FileRouter.starts(head, 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD) ? 6 : 0;
            charset = utf16ByNulPattern(head, start);
            if (charset != null) {
                skip = start;
            } else {
                charset = isUtf8(head) ? StandardCharsets.UTF_8 : WINDOWS_1252;
            }
        }
        in.skipNBytes(skip);
        // UTF-16: a stray odd byte at the end (as in files cut by a byte) is dropped, not turned into U+FFFD
        boolean utf16 = charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE);
        Reader reader = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(utf16 ? CodingErrorAction.IGNORE : CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        var encoder = StandardCharsets.UTF_8.newEncoder();
        char[] chars = new char[BUFFER / 4];
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        int carried = 0;
        int n;
        while ((n = reader.read(chars, carried, chars.length - carried)) >= 0) {
            int end = carried + n;
            int usable = end > 0 && Character.isHighSurrogate(chars[end - 1]) ? end - 1 : end;
            bytes.clear();
            encoder.encode(CharBuffer.wrap(chars, 0, usable), bytes, true);
            encoder.reset();
            rules.feed(bytes.array(), 0, bytes.position());
            carried = end - usable;
            if (carried > 0) {
                chars[0] = chars[end - 1];
            }
        }
        if (carried > 0) {
            byte[] replacement = "\uFFFD".getBytes(StandardCharsets.UTF_8);
            rules.feed(replacement, 0, replacement.length);
        }
    }

    private static Charset utf16ByNulPattern(byte[] head, int start) {
        int pairs = (head.length - start) / 2;
        if (pairs < 2) {
            return null;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = start; i + 1 < head.length; i += 2) {
            if (head[i] == 0) {
                evenNul++;
            }
            if (head[i + 1] == 0) {
                oddNul++;
            }
        }
        if (oddNul * 10 >= pairs * 3 && evenNul * 10 < pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenNul * 10 >= pairs * 3 && oddNul * 10 < pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean isUtf8(byte[] head) {
        int end = head.length;
        // do not judge a multi-byte sequence cut by the sample's end
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = head[end - back] & 0xFF;
            if (b >= 0xC0) {
                end -= back;
                break;
            }
            if (b < 0x80) {
                break;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The per-line state machine; holds at most the leading whitespace of the current line. */
    private static final class LineRules {
        private final OutputStream out;
        private final boolean stripNonAscii;
        private final byte[] pending = new byte[BUFFER];
        private int pendingLength;
        private final ByteArrayOutputStream leadingWhitespace = new ByteArrayOutputStream();
        private boolean hasContent;
        private boolean carriageReturn;
        long written;

        LineRules(OutputStream out, boolean stripNonAscii) {
            this.out = out;
            this.stripNonAscii = stripNonAscii;
        }

        void feed(byte[] data, int offset, int length) throws IOException {
            for (int i = offset, end = offset + length; i < end; i++) {
                int b = data[i] & 0xFF;
                if (hasContent && !carriageReturn && b >= 0x20 && b < 0x7F) {
                    // fast path: a run of printable ASCII inside a line is copied as it is
                    int runEnd = i + 1;
                    while (runEnd < end) {
                        int c = data[runEnd]; // signed: bytes >= 0x80 are negative and end the run
                        if (c < 0x20 || c == 0x7F) {
                            break;
                        }
                        runEnd++;
                    }
                    emitRun(data, i, runEnd - i);
                    i = runEnd - 1;
                    continue;
                }
                if (b == 0 || (stripNonAscii && b >= 0x80)) {
                    continue;
                }
                if (b == '\n') {
                    endLine();
                } else if (hasContent) {
                    content(b);
                } else if (isWhitespace(b)) {
                    leadingWhitespace.write(b);
                } else {
                    hasContent = true;
                    byte[] leading = leadingWhitespace.toByteArray();
                    leadingWhitespace.reset();
                    for (byte w : leading) {
                        content(w);
                    }
                    content(b);
                }
            }
        }

        private void content(int b) throws IOException {
            if (carriageReturn) {
                carriageReturn = false;
                emit('\n');
            }
            if (b == '\r') {
                carriageReturn = true;
            } else {
                emit(b);
            }
        }

        private void endLine() throws IOException {
            if (hasContent) {
                carriageReturn = false; // CRLF -> LF
                emit('\n');
            }
            hasContent = false;
            carriageReturn = false;
            leadingWhitespace.reset();
        }

        void finish() throws IOException {
            if (hasContent) {
                carriageReturn = false;
                emit('\n');
            }
            out.write(pending, 0, pendingLength);
            pendingLength = 0;
            out.flush();
        }

        private void emitRun(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                if (pendingLength == pending.length) {
                    out.write(pending, 0, pendingLength);
                    pendingLength = 0;
                }
                int n = Math.min(length, pending.length - pendingLength);
                System.arraycopy(data, offset, pending, pendingLength, n);
                pendingLength += n;
                offset += n;
                length -= n;
                written += n;
            }
        }

        private void emit(int b) throws IOException {
            if (pendingLength == pending.length) {
                out.write(pending, 0, pendingLength);
                pendingLength = 0;
            }
            pending[pendingLength++] = (byte) b;
            written++;
        }

        private static boolean isWhitespace(int b) {
            return b == ' ' || b == '\t' || b == '\r' || b == 0x0B || b == '\f';
        }
    }
}
