package routes.email;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCleanerTest {
    static String clean(CsvCleaner cleaner, byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = cleaner.clean(new ByteArrayInputStream(input), out);
        assertThat(written).isEqualTo(out.size());
        return out.toString(StandardCharsets.UTF_8);
    }

    static String ascii(String text) throws IOException {
        return clean(new CsvCleaner(), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void linesEndWithExactlyOneLfAndBlankOrWhitespaceLinesAreDropped() throws IOException {
        assertThat(ascii("sep=,\r\na,b\r\n\r\n \t\r\n1,2")).isEqualTo("sep=,\na,b\n1,2\n");
        assertThat(ascii("a\rb\n")).isEqualTo("a\nb\n");
        assertThat(ascii("a\r")).isEqualTo("a\n");
        assertThat(ascii("  a  \n")).isEqualTo("  a  \n");
        assertThat(ascii("")).isEmpty();
        assertThat(ascii("\n\n\r\n")).isEmpty();
    }

    @Test
    void theOriginalStripsEveryNonAsciiByteAndNul() throws IOException {
        assertThat(ascii("Caf\u00e9,\u00a35\n")).isEqualTo("Caf,5\n");
        assertThat(clean(new CsvCleaner(), "Café,£5\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("Caf,5\n");
        assertThat(clean(new CsvCleaner(), "a\u0000b\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("ab\n");
        // a line of only non-ASCII bytes becomes empty and is dropped
        assertThat(clean(new CsvCleaner(), new byte[] {(byte) 0xFF, (byte) 0xFE, '\n', 'x', '\n'})).isEqualTo("x\n");
    }

    @Test
    void losslessModeKeepsUtf8AndDecodesUtf16AndWindows1252() throws IOException {
        CsvCleaner lossless = new CsvCleaner(true);
        assertThat(clean(lossless, "Café,£5\r\n\r\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("Café,£5\n");
        assertThat(clean(lossless, "Caf\u00e9,\u00a35\n".getBytes(Charset.forName("windows-1252")))).isEqualTo("Café,£5\n");
        byte[] utf16 = "\uFEFFSt Mary’s,1\r\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(clean(lossless, utf16)).isEqualTo("St Mary’s,1\n");
        assertThat(clean(lossless, "a,b\n".getBytes(StandardCharsets.UTF_16BE))).isEqualTo("a,b\n");
        assertThat(clean(lossless, "\uFEFFx\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("x\n");
    }

    @Test
    void losslessModeGivesTheSameBytesAsTheOriginalOnTheAsciiFixtures() throws IOException {
        CsvCleaner lossless = new CsvCleaner(true);
        for (byte[] fixture : new byte[][] {Fixtures.highlands(), Fixtures.highlandsInvalidCharacter(), Fixtures.cr(), Fixtures.sheffieldExport()}) {
            assertThat(clean(lossless, fixture)).isEqualTo(clean(new CsvCleaner(), fixture));
        }
    }

    @Test
    void longLinesStreamThroughTheBuffer() throws IOException {
        String line = "x".repeat(1_000_000);
        assertThat(ascii(line + "\r\n" + line)).isEqualTo(line + "\n" + line + "\n");
    }
}
