package routes.uploads;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.uploads.UploadFixtures.*;

/** The original's CSV test cases (§A.9 1–14, §A.10) and each check's boundary. */
class CsvInspectorTest {
    private final CsvInspector inspector = new CsvInspector();

    private FileCheck check(byte[] body, String key) {
        return inspector.inspect(CsvInspector.ByteSource.of(body), key);
    }

    private FileCheck check(String body, String key) {
        return check(body.getBytes(StandardCharsets.UTF_8), key);
    }

    private static void assertValid(FileCheck check, long rows, String encoding, String ems) {
        assertThat(check.errors()).isEmpty();
        assertThat(check.csvValid()).isTrue();
        assertThat(check.csvRows()).isEqualTo(rows);
        assertThat(check.csvEncoding()).isEqualTo(encoding);
        assertThat(check.ems()).isEqualTo(ems);
    }

    @Test
    void validIdoxEros() {
        assertValid(check(idoxEros(), "ems-idox-eros.csv"), 10, "utf-8", Ems.IDOX_EROS);
    }

    @Test
    void validXpressDc() {
        assertValid(check(xpressDc(), "ems-xpress-dc.csv"), 10, "utf-8", Ems.XPRESS_DC);
    }

    @Test
    void validWebLookupMatchesTheQuotedFirstHeaderCell() {
        assertValid(check(xpressWebLookup(), "ems-xpress-weblookup.CSV"), 10, "utf-8", Ems.XPRESS_WEBLOOKUP);
    }

    @Test
    void democracyCountsStationsAndDistricts() {
        assertValid(check(dcStations(), "ems-dcounts-stations.csv"), 20, "utf-8", Ems.DEMOCRACY_COUNTS);
        assertValid(check(dcDistricts(), "ems-dcounts-districts.csv"), 20, "utf-8", Ems.DEMOCRACY_COUNTS);
    }

    @Test
    void validOtherEmsIsUnknownButValid() {
        assertValid(check(otherEms(), "ems-other.csv"), 10, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void validWindows1252Tsv() {
        assertValid(check(windows1252Tsv(), "encoding-windows1252.tsv"), 10, "windows-1252", Ems.XPRESS_DC);
    }

    @Test
    void commaContentWithTsvExtensionIsSniffed() {
        assertValid(check(idoxEros(), "ext-csv-with-tsv-ext.tsv"), 10, "utf-8", Ems.IDOX_EROS);
    }

    @Test
    void tabContentWithCsvExtensionIsSniffed() {
        assertValid(check(tsvContent(), "ext-tsv-with-csv-ext.csv"), 10, "utf-8", Ems.XPRESS_DC);
    }

    @Test
    void nearlyEmptyFileIsOneValidRow() {
        assertValid(check("foo,bar,baz", "small-files-nearly_empty.csv"), 1, "utf-8", Ems.UNKNOWN);
        assertValid(check("foo,bar,baz\n", "small-files-nearly_empty.csv"), 1, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void emptyFile() {
        FileCheck check = check(new byte[0], "small-files-empty.csv");
        assertThat(check.csvValid()).isFalse();
        assertThat(check.errors()).containsExactly("File is empty");
        assertThat(check.csvEncoding()).isEmpty();
    }

    @Test
    void aSingleNewlineIsAHeaderOfZeroColumns() {
        FileCheck check = check("\n", "small-files-empty2.csv");
        assertThat(check.csvValid()).isFalse();
        assertThat(check.errors()).containsExactly("File has only 0 columns. We might have failed to detect the delimiter");
        assertThat(check.csvRows()).isZero();
        assertThat(check.csvEncoding()).isEqualTo("utf-8");
        assertThat(check.ems()).isEqualTo(Ems.UNKNOWN);
    }

    @Test
    void incompleteFileKeepsTheUnterminatedLastField() {
        FileCheck check = check(incompleteFile(), "incomplete-file.CSV");
        assertThat(check.csvValid()).isFalse();
        assertThat(check.errors()).containsExactly("Incomplete file: Expected 38 columns on row 10 found 7");
        assertThat(check.csvRows()).isEqualTo(10);
        assertThat(check.ems()).isEqualTo(Ems.XPRESS_DC);
    }

    @Test
    void aZipArchiveIsLatin1WithTooFewColumns() {
        FileCheck check = check(notACsv(), "not-a-csv.csv");
        assertThat(check.csvValid()).isFalse();
        assertThat(check.csvEncoding()).isEqualTo("latin-1");
        assertThat(check.errors()).singleElement().asString()
                .isEqualTo("File has only 2 columns. We might have failed to detect the delimiter");
    }

    @Test
    void utf16leWithoutBom() {
        assertValid(check(democracyCountsUtf16le(), "democracy-counts-utf-16le.csv"), 35, "utf-16le", Ems.DEMOCRACY_COUNTS);
    }

    @Test
    void utf16WithByteOrderMarks() {
        String text = "\"HouseID\",\"b\",\"c\"\r\n\"1\",\"2\",\"3\"\r\n";
        byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        assertValid(check(withBom, "a.csv"), 2, "utf-16le", Ems.IDOX_EROS);
        assertValid(check(text.getBytes(StandardCharsets.UTF_16), "a.csv"), 2, "utf-16be", Ems.IDOX_EROS);
    }

    @Test
    void utf8ByteOrderMarkDoesNotBreakEmsDetection() {
        assertValid(check("\uFEFFHouseID,b,c\n1,2,3\n", "a.csv"), 2, "utf-8", Ems.IDOX_EROS);
        assertValid(check("\uFEFF\"AuthorityCode\",b,c\n1,2,3\n", "a.csv"), 2, "utf-8", Ems.XPRESS_WEBLOOKUP);
    }

    @Test
    void undefinedWindows1252BytesFallBackToLatin1() {
        for (int b : new int[] {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
            byte[] body = {'a', ',', 'b', ',', 'c', '\n', 'x', (byte) b, ',', 'y', ',', 'z', '\n'};
            FileCheck check = check(body, "a.csv");
            assertThat(check.csvEncoding()).as("byte %x", b).isEqualTo("latin-1");
            assertThat(check.csvValid()).isTrue();
        }
        byte[] euro = {'a', ',', 'b', ',', 'c', '\n', (byte) 0x80, ',', 'y', ',', 'z', '\n'};
        assertThat(check(euro, "a.csv").csvEncoding()).isEqualTo("windows-1252");
    }

    @Test
    void invalidUtf8LateInTheFileStillFallsBack() {
        StringBuilder big = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 50_000; i++) {
            big.append("1,2,3\n");
        }
        byte[] ascii = big.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[ascii.length + 6];
        System.arraycopy(ascii, 0, body, 0, ascii.length);
        byte[] tail = {(byte) 0xE9, ',', '2', ',', '3', '\n'};
        System.arraycopy(tail, 0, body, ascii.length, tail.length);
        FileCheck check = check(body, "a.csv");
        assertThat(check.csvEncoding()).isEqualTo("windows-1252");
        assertThat(check.csvRows()).isEqualTo(50_002);
    }

    @Test
    void headerColumnBoundary() {
        assertThat(check("a,b\n1,2\n", "a.csv").errors())
                .containsExactly("File has only 2 columns. We might have failed to detect the delimiter");
        assertValid(check("a,b,c\n1,2,3\n", "a.csv"), 2, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void rowsWithMoreFieldsThanTheHeaderAreAccepted() {
        assertValid(check("a,b,c\n1,2,3,4,5\n", "a.csv"), 2, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void aTrailingBlankLineIsARowOfZeroFields() {
        FileCheck check = check("a,b,c\n1,2,3\n\n", "a.csv");
        assertThat(check.errors()).containsExactly("Incomplete file: Expected 3 columns on row 3 found 0");
        assertThat(check.csvRows()).isEqualTo(3);
    }

    @Test
    void crOnlyLineEndingsAndQuotedFieldsSpanningLines() {
        assertValid(check("a,b,c\r1,\"two\r\nlines\",3\r4,5,6", "a.csv"), 3, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void pythonSplitlinesBreaksEndRecords() {
        // \v, \f, \x1c-\x1e, \x85, \u2028 and \u2029 end a line as in str.splitlines: the record ends there
        for (String br : new String[] {"\u000b", "\u000c", "\u001c", "\u001d", "\u001e", "\u0085", "\u2028", "\u2029"}) {
            FileCheck check = check("a,b,c" + br + "1,2\n", "a.csv");
            assertThat(check.errors()).as("break U+%04X", (int) br.charAt(0))
                    .containsExactly("Incomplete file: Expected 3 columns on row 2 found 2");
        }
        // inside quotes they are data
        assertValid(check("a,b,c\n\"1\u20282\",2,3\n", "a.csv"), 2, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void nulIsAnOrdinaryCharacter() {
        assertValid(check("a,b,c\n1,\u00002,3\n", "a.csv"), 2, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsLiteral() {
        assertValid(check("a,b,c\n1,St Paul\"s,3\n4,\"x\"y,6\n", "a.csv"), 3, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void aFieldOverThePythonLimitIsAParseError() {
        String huge = "x".repeat(PythonCsvReader.FIELD_SIZE_LIMIT + 1);
        FileCheck check = check("a,b,c\n1,2,3\n\"" + huge + "\n", "a.csv");
        assertThat(check.csvValid()).isFalse();
        assertThat(check.csvRows()).isZero();
        assertThat(check.errors()).containsExactly("Failed to parse body -> line 3: field larger than field limit (131072)");
        assertValid(check("a,b,c\n" + "x".repeat(PythonCsvReader.FIELD_SIZE_LIMIT) + ",2,3\n", "a.csv"), 2, "utf-8", Ems.UNKNOWN);
    }

    @Test
    void emsDetectionRules() {
        assertThat(check("HOUSEID,b,c\n", "a.csv").ems()).isEqualTo(Ems.IDOX_EROS);
        assertThat(check("ElectionDate,b,c\n", "a.csv").ems()).isEqualTo(Ems.XPRESS_DC);
        assertThat(check("a,XORDINATE,c\n", "a.csv").ems()).isEqualTo(Ems.DEMOCRACY_COUNTS);
        assertThat(check(" houseid,b,c\n", "a.csv").ems()).as("no trimming").isEqualTo(Ems.UNKNOWN);
        assertThat(check("b,houseid,c\n", "a.csv").ems()).as("first cell only").isEqualTo(Ems.UNKNOWN);
    }

    @Test
    void delimiterRule() {
        assertThat(CsvInspector.delimiter("a\tb\tc,d", "x.csv")).isEqualTo('\t');
        assertThat(CsvInspector.delimiter("a\tb,c,d", "x.tsv")).isEqualTo(',');
        assertThat(CsvInspector.delimiter("a\tb,c", "x.csv")).as("a tie goes to comma").isEqualTo(',');
        assertThat(CsvInspector.delimiter("\"a,b\"\tc", "x.csv")).as("quoted commas do not count").isEqualTo('\t');
        assertThat(CsvInspector.delimiter("abc\n1,2,3", "x.TSV")).as("only the first line counts").isEqualTo('\t');
        assertThat(CsvInspector.delimiter("abc", "x.csv")).isEqualTo(',');
    }

    /** A file (read through its memory mapping) gives the same result as the same bytes in memory. */
    @Test
    void aFileIsCheckedLikeItsBytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] xpress = xpressDc();
        byte[] xpressWithBom = new byte[bom.length + xpress.length];
        System.arraycopy(bom, 0, xpressWithBom, 0, bom.length);
        System.arraycopy(xpress, 0, xpressWithBom, bom.length, xpress.length);
        for (byte[] body : java.util.List.of(xpress, xpressWithBom, windows1252Tsv(), incompleteFile(), notACsv(),
                democracyCountsUtf16le(), new byte[0], bom)) {
            java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("f.csv"), body);
            assertThat(inspector.inspect(CsvInspector.ByteSource.of(file), "f.csv").toString())
                    .isEqualTo(check(body, "f.csv").toString());
        }
    }
}
