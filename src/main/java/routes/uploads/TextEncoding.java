package routes.uploads;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The encodings a council file may be in, in the order they are tried, with the names the report uses. UTF-16 is
 * chosen from the first bytes (a byte-order mark, or the NUL-byte pattern of UTF-16 text); otherwise strict UTF-8,
 * then strict windows-1252 (which rejects the undefined bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D), then latin-1, which
 * accepts anything. Decoders always REPORT errors: a replacing decoder would hide the fallback.
 */
public enum TextEncoding {
    UTF_16LE("utf-16le", StandardCharsets.UTF_16LE),
    UTF_16BE("utf-16be", StandardCharsets.UTF_16BE),
    UTF_8("utf-8", StandardCharsets.UTF_8),
    WINDOWS_1252("windows-1252", Charset.forName("windows-1252")),
    LATIN_1("latin-1", StandardCharsets.ISO_8859_1);

    /** How many leading bytes the UTF-16 detection looks at. */
    public static final int SAMPLE_BYTES = 4096;

    private final String reportName;
    private final Charset charset;

    TextEncoding(String reportName, Charset charset) {
        this.reportName = reportName;
        this.charset = charset;
    }

    public String reportName() {
        return reportName;
    }

    public Charset charset() {
        return charset;
    }

    public CharsetDecoder strictDecoder() {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Whether the CSV reader reads it straight from bytes (every structural character is one ASCII byte). */
    public boolean readsAsBytes() {
        return this == UTF_8 || this == WINDOWS_1252 || this == LATIN_1;
    }

    /** Whether a leading U+FEFF (byte-order mark) is dropped before reading (it is not data in these encodings). */
    public boolean dropsByteOrderMark() {
        return this == UTF_8 || this == UTF_16LE || this == UTF_16BE;
    }

    /** The encodings to try, in order, for a file that starts with {@code sample}. */
    public static List<TextEncoding> candidates(byte[] sample, int length) {
        TextEncoding utf16 = detectUtf16(sample, length);
        return utf16 != null ? List.of(utf16) : List.of(UTF_8, WINDOWS_1252, LATIN_1);
    }

    /**
     * UTF-16 by its byte-order mark, or by its pattern: in text of mostly Latin characters every other byte is NUL.
     * Scattered NULs (a stray NUL in a CSV, a ZIP archive) do not match. Not {@code JsonSnapshotInspector}'s rule:
     * a JSON text starts with an ASCII character, so Python decides from its first 4 bytes; a CSV may start with
     * anything, so the pattern is counted over a sample.
     */
    static TextEncoding detectUtf16(byte[] sample, int length) {
        if (length >= 2 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE) {
            return UTF_16LE;
        }
        if (length >= 2 && (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF) {
            return UTF_16BE;
        }
        int pairs = Math.min(length, SAMPLE_BYTES) / 2;
        if (pairs < 2) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            if (sample[i] == 0) {
                evenZeros++;
            }
            if (sample[i + 1] == 0) {
                oddZeros++;
            }
        }
        if (oddZeros * 10 >= pairs * 7 && evenZeros * 10 <= pairs) {
            return UTF_16LE;
        }
        if (evenZeros * 10 >= pairs * 7 && oddZeros * 10 <= pairs) {
            return UTF_16BE;
        }
        return null;
    }
}
