package routes.uploads;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-mode reader gives the same records, field counts, header fields and errors as the character reader. */
class PythonCsvReaderTest {
    private static final String ALPHABET = "ab,,\t\"\"\r\n\n é\u2028\u0085\u000b\u0000x";

    private static List<String> readChars(String text, char delimiter) throws Exception {
        PythonCsvReader reader = new PythonCsvReader(new StringReader(text), delimiter);
        return read(reader);
    }

    private static List<String> readBytes(String text, char delimiter) throws Exception {
        PythonCsvReader reader = new PythonCsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), delimiter, TextEncoding.UTF_8);
        return read(reader);
    }

    private static List<String> read(PythonCsvReader reader) throws Exception {
        List<String> out = new ArrayList<>();
        try {
            List<String> header = reader.nextRecordFields();
            out.add(String.valueOf(header));
            int n;
            while ((n = reader.nextRecord()) >= 0) {
                out.add(Integer.toString(n));
            }
        } catch (PythonCsvReader.CsvError e) {
            out.add("error line " + e.line() + ": " + e.getMessage());
        }
        out.add("lines " + reader.lineNumber());
        return out;
    }

    @Test
    void byteModeMatchesCharacterModeOnRandomInput() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            char delimiter = random.nextBoolean() ? ',' : '\t';
            assertThat(readBytes(text.toString(), delimiter)).as("%s", text.toString().replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(readChars(text.toString(), delimiter));
        }
    }

    /** 3000 random texts read by Python 3.11's csv module (make-python-csv-golden.py): same header, counts, line_num. */
    @Test
    void matchesPythonsCsvModule() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = java.nio.file.Files.readAllLines(
                java.nio.file.Path.of(getClass().getResource("/uploads/python-csv-golden.jsonl").toURI()), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3000);
        for (String line : lines) {
            var golden = json.readTree(line);
            String text = golden.get("text").asText();
            char delimiter = golden.get("delimiter").asText().charAt(0);
            List<String> expected = new ArrayList<>();
            expected.add(golden.get("header").isNull() ? "null" : String.valueOf(json.convertValue(golden.get("header"), List.class)));
            golden.get("counts").forEach(n -> expected.add(n.asText()));
            expected.add("lines " + golden.get("lines").asLong());
            assertThat(readChars(text, delimiter)).as("chars: %s", json.writeValueAsString(text)).isEqualTo(expected);
            assertThat(readBytes(text, delimiter)).as("bytes: %s", json.writeValueAsString(text)).isEqualTo(expected);
        }
    }

    @Test
    void headerFieldsAreDecoded() throws Exception {
        assertThat(readBytes("Lôn,\"a,b\",\"x\"\"y\"\n", ',').get(0)).isEqualTo("[Lôn, a,b, x\"y]");
    }

    @Test
    void latin1NextLineByteEndsALineButNotInWindows1252() throws Exception {
        byte[] body = {'a', ',', 'b', ',', 'c', (byte) 0x85, '1', ',', '2', '\n'};
        PythonCsvReader latin1 = new PythonCsvReader(new ByteArrayInputStream(body), ',', TextEncoding.LATIN_1);
        assertThat(read(latin1)).containsExactly("[a, b, c\u0085]", "2", "lines 2");
        PythonCsvReader cp1252 = new PythonCsvReader(new ByteArrayInputStream(body), ',', TextEncoding.WINDOWS_1252);
        assertThat(read(cp1252)).containsExactly("[a, b, c…1, 2]", "lines 1");
    }

    @Test
    void strictUtf8RejectsWhatPythonRejects() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0x80})) {
            PythonCsvReader reader = new PythonCsvReader(new ByteArrayInputStream(bad), ',', TextEncoding.UTF_8);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(reader))
                    .isInstanceOf(java.nio.charset.CharacterCodingException.class);
        }
    }

    /**
     * Returns 1 to {@code chunk} bytes per read (sizes vary, so the reader's buffer holds stale bytes past each read's
     * end): records, quotes and line ends straddle the buffer's end.
     */
    private static final class SmallReads extends ByteArrayInputStream {
        private final int chunk;
        private final Random sizes = new Random(3);

        SmallReads(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + sizes.nextInt(chunk)));
        }
    }

    private static List<String> readBytesInSmallReads(String text, char delimiter, int chunk) throws Exception {
        return read(new PythonCsvReader(new SmallReads(text.getBytes(StandardCharsets.UTF_8), chunk), delimiter, TextEncoding.UTF_8));
    }

    /** Longer, mostly plain texts (the eight-bytes-at-a-time path) read a few bytes at a time give the same records. */
    @Test
    void byteModeMatchesCharacterModeOnLongerTextsReadInSmallPieces() throws Exception {
        String[] pieces = {"abcdefgh", "x", "0123456789", " ", ",", ",", ",", "\t", "\t", "\"", "\"", "\"\"", "\n", "\r\n", "\r",
            "é", "\u0000", "\u000b", "\u2028", "-1", "\"quoted, text\",", "\"quoted text\"\t", "\"quoted\"\"text\"\n"};
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(120);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            char delimiter = random.nextBoolean() ? ',' : '\t';
            int chunk = 1 + random.nextInt(40);
            assertThat(readBytesInSmallReads(text.toString(), delimiter, chunk))
                    .as("chunk %d: %s", chunk, text.toString().replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(readChars(text.toString(), delimiter));
        }
    }

    /** Fields at the size limit and just over it, quoted or not, across buffer ends: the same records or error. */
    @Test
    void fieldSizeLimitIsExactInByteMode() throws Exception {
        int limit = PythonCsvReader.FIELD_SIZE_LIMIT;
        for (int extra = -9; extra <= 2; extra++) {
            String field = "y".repeat(limit + extra);
            for (String text : List.of("a,b\n" + field + ",1\n2,3\n", "a,b\n\"" + field + "\",1\n", "a,b\nz\"" + field + ",1\n",
                    "a,b\n\"" + field.substring(2) + "\"\"\",1\n", "a,b\n1," + field + "\n")) {
                for (int chunk : new int[] {limit, 5, 1 << 20}) {
                    assertThat(readBytesInSmallReads(text, ',', chunk)).as("extra %d chunk %d", extra, chunk)
                            .isEqualTo(readChars(text, ','));
                }
            }
        }
    }
}
