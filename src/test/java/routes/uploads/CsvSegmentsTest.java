package routes.uploads;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a file in parallel segments ({@link CsvSegments}) gives exactly the check of one sequential read. */
class CsvSegmentsTest {
    private static final CsvInspector SEQUENTIAL = new CsvInspector(1, Long.MAX_VALUE);

    private static String outcome(FileCheck check) {
        return check.csvValid() + " rows=" + check.csvRows() + " encoding=" + check.csvEncoding() + " ems=" + check.ems()
                + " errors=" + check.errorText();
    }

    private static void assertSameAsSequential(byte[] body, String what) {
        String expected = outcome(SEQUENTIAL.inspect(CsvInspector.ByteSource.of(body), "a.csv"));
        for (int segments = 2; segments <= 4; segments++) {
            for (long min : new long[] {1, 7, 64}) {
                CsvInspector parallel = new CsvInspector(segments, min);
                assertThat(outcome(parallel.inspect(CsvInspector.ByteSource.of(body), "a.csv")))
                        .as("%s in %d segments of at least %d bytes", what, segments, min)
                        .isEqualTo(expected);
            }
        }
    }

    private static final String[] CELLS = {"a", "12", "", "\"q,uoted\"", "\"two\nlines\"", "\"x\"\"y\"", "é", "\"\r\n\"",
            "a\"b", "\u2028", "z\u0000", "\"open"};
    private static final String[] LINE_ENDS = {"\n", "\n", "\n", "\r\n", "\r", "\u000b"};

    /** Random files with multi-line quoted fields, short rows, odd line ends and non-ASCII, split at every few bytes. */
    @Test
    void randomFilesGiveTheSequentialOutcome() {
        Random random = new Random(11);
        for (int i = 0; i < 1500; i++) {
            StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
            int columns = 2 + random.nextInt(4);
            int rows = random.nextInt(30);
            for (int r = 0; r <= rows; r++) {
                int cells = r > 0 && random.nextInt(25) == 0 ? random.nextInt(columns) : columns + (random.nextInt(10) == 0 ? 1 : 0);
                for (int c = 0; c < cells; c++) {
                    if (c > 0) {
                        text.append(',');
                    }
                    text.append(r == 0 ? "h" + c : CELLS[random.nextInt(random.nextInt(8) == 0 ? CELLS.length : 4)]);
                }
                text.append(LINE_ENDS[random.nextInt(LINE_ENDS.length)]);
            }
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(10) == 0 && body.length > 0) {
                body[random.nextInt(body.length)] = (byte) 0x81; // not utf-8 (and undefined in windows-1252): latin-1
            }
            assertSameAsSequential(body, text.toString().replace("\n", "\\n").replace("\r", "\\r"));
        }
    }

    /** The 3000 texts of the Python csv golden file, as files. */
    @Test
    void pythonGoldenTextsGiveTheSequentialOutcome() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of(getClass().getResource("/uploads/python-csv-golden.jsonl").toURI()),
                StandardCharsets.UTF_8)) {
            String text = json.readTree(line).get("text").asText();
            assertSameAsSequential(text.getBytes(StandardCharsets.UTF_8), text);
        }
    }

    private static byte[] rows(String header, int count, String row) {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int i = 0; i < count; i++) {
            text.append(row).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anIncompleteRowInTheLastSegmentIsNumberedFromTheStartOfTheFile() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(rows("a,b,c", 1000, "1,2,3"));
        body.writeBytes("1,2\n4,5,6\n".getBytes(StandardCharsets.UTF_8));
        FileCheck check = new CsvInspector(2, 100).inspect(CsvInspector.ByteSource.of(body.toByteArray()), "a.csv");
        assertThat(check.errorText()).isEqualTo("Incomplete file: Expected 3 columns on row 1002 found 2");
        assertThat(check.csvRows()).isEqualTo(1002);
    }

    @Test
    void aQuotedFieldAcrossTheSplitIsReadAsOneRecord() {
        String middle = "x,\"" + "line\n".repeat(400) + "\",z\n";
        byte[] body = (new String(rows("a,b,c", 100, "1,2,3"), StandardCharsets.UTF_8) + middle
                + new String(rows("", 100, "1,2,3"), StandardCharsets.UTF_8).substring(1)).getBytes(StandardCharsets.UTF_8);
        FileCheck check = new CsvInspector(2, 100).inspect(CsvInspector.ByteSource.of(body), "a.csv");
        assertThat(check.csvValid()).as(check.errorText()).isTrue();
        assertThat(check.csvRows()).isEqualTo(202);
    }

    @Test
    void anInvalidUtf8ByteInALaterSegmentFallsBackToWindows1252() {
        byte[] ascii = rows("a,b,c", 5000, "1,2,3");
        byte[] body = java.util.Arrays.copyOf(ascii, ascii.length + 6);
        System.arraycopy(new byte[] {(byte) 0xE9, ',', '2', ',', '3', '\n'}, 0, body, ascii.length, 6);
        FileCheck check = new CsvInspector(4, 100).inspect(CsvInspector.ByteSource.of(body), "a.csv");
        assertThat(check.csvEncoding()).isEqualTo("windows-1252");
        assertThat(check.csvRows()).isEqualTo(5002);
    }

    @Test
    void aParserErrorInALaterSegmentCarriesTheFileLineNumber() {
        String huge = "\"" + "x".repeat(PythonCsvReader.FIELD_SIZE_LIMIT + 1) + "\",2,3\n";
        byte[] body = (new String(rows("a,b,c", 30_000, "1,2,3"), StandardCharsets.UTF_8) + huge).getBytes(StandardCharsets.UTF_8);
        String expected = outcome(SEQUENTIAL.inspect(CsvInspector.ByteSource.of(body), "a.csv"));
        assertThat(expected).contains("Failed to parse body -> line 30002: field larger than field limit");
        assertThat(outcome(new CsvInspector(3, 1000).inspect(CsvInspector.ByteSource.of(body), "a.csv"))).isEqualTo(expected);
    }

    @Test
    void aMappedFileIsSplitLikeItsBytes(@TempDir Path dir) throws Exception {
        byte[] body = rows("\uFEFFElector Number Prefix,Elector Number,Elector Name", 200_000, "AB,1,\"Smith, J\"");
        Path file = Files.write(dir.resolve("big.csv"), body);
        FileCheck check = new CsvInspector(4, 1 << 20).inspect(CsvInspector.ByteSource.of(file), "big.csv");
        assertThat(outcome(check)).isEqualTo(outcome(SEQUENTIAL.inspect(CsvInspector.ByteSource.of(body), "big.csv")));
        assertThat(check.csvRows()).isEqualTo(200_001);
    }

    @Test
    void planSplitsRightAfterALineFeedOrNotAtAll() throws Exception {
        byte[] body = rows("a,b,c", 100, "1,2,3");
        CsvSegments plan = CsvSegments.plan(CsvInspector.ByteSource.of(body), body.length, 2, 10);
        assertThat(plan).isNotNull();
        assertThat(body[(int) plan.firstBoundary() - 1]).isEqualTo((byte) '\n');
        byte[] oneLine = "a,b,c".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThat(CsvSegments.plan(CsvInspector.ByteSource.of(oneLine), oneLine.length, 4, 10)).isNull();
    }
}
