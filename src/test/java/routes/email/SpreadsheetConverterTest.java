package routes.email;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadsheetConverterTest {
    @TempDir
    Path dir;

    IncomingFile file(String key, byte[] bytes) throws IOException {
        return new IncomingFile("e", key.substring(key.lastIndexOf('/') + 1), key, Files.write(dir.resolve("s" + System.nanoTime()), bytes), null, 0);
    }

    @Test
    void numbersRenderAsRubyDid() {
        assertThat(SpreadsheetConverter.number(3.0)).isEqualTo("3");
        assertThat(SpreadsheetConverter.number(-2.0)).isEqualTo("-2");
        assertThat(SpreadsheetConverter.number(2380000142498.0)).isEqualTo("2380000142498");
        assertThat(SpreadsheetConverter.number(0.1)).isEqualTo("0.1");
        assertThat(SpreadsheetConverter.number(3.62)).isEqualTo("3.62");
        assertThat(SpreadsheetConverter.number(0.0001)).isEqualTo("0.0001");
        assertThat(SpreadsheetConverter.number(0.00001)).isEqualTo("1.0e-05");
        assertThat(SpreadsheetConverter.number(1.5e20)).isEqualTo("150000000000000000000");
        assertThat(SpreadsheetConverter.number(1.25e-7)).isEqualTo("1.25e-07");
        assertThat(SpreadsheetConverter.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }

    @Test
    void allSheetsModeWritesKeyDotSheetDotCsvForEverySheet() throws IOException {
        List<IncomingFile> out = new SpreadsheetConverter(true).convert(file("bryt/t/multi.xlsx", Fixtures.brytMultiSheet()), Fixtures.exchange());
        assertThat(out).extracting(IncomingFile::key).containsExactly("bryt/t/multi.xlsx.AI - Half Hourly Data.csv",
                "bryt/t/multi.xlsx.RE - Half Hourly Data.csv", "bryt/t/multi.xlsx.RI - Half Hourly Data.csv", "bryt/t/multi.xlsx.Legend.csv");
        assertThat(Files.readString(out.get(3).file())).endsWith("\"say \"\"hi\"\", Legend\"\n");
        List<IncomingFile> xls = new SpreadsheetConverter(true).convert(file("n/t/e.xls", Fixtures.npowerXls()), Fixtures.exchange());
        assertThat(xls).extracting(IncomingFile::key).containsExactly("n/t/e.xls.Half Hourly Data With Max Deman.csv");
    }

    @Test
    void sheetsWhoseNamesSanitiseAlikeGetKeysUniqueInTheEmail() throws IOException {
        byte[] bytes;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("a&b").createRow(0).createCell(0).setCellValue("first");
            workbook.createSheet("a(b").createRow(0).createCell(0).setCellValue("second");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            bytes = out.toByteArray();
        }
        List<IncomingFile> out = new SpreadsheetConverter(true).convert(file("x/t/w.xlsx", bytes), Fixtures.exchange());
        assertThat(out).extracting(IncomingFile::key).containsExactly("x/t/w.xlsx.a_b.csv", "x/t/w.xlsx.a_b-2.csv");
        assertThat(Files.readString(out.get(1).file())).isEqualTo("\"second\"\n");
    }

    @Test
    void leadingEmptyRowsAndColumnsAreKeptAsEmptyCells() throws IOException {
        byte[] bytes;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet("s");
            sheet.createRow(1).createCell(1).setCellValue("b2");
            sheet.createRow(3).createCell(2).setCellValue(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            bytes = out.toByteArray();
        }
        IncomingFile csv = new SpreadsheetConverter().convert(file("a/t/x.xlsx", bytes), Fixtures.exchange()).get(0);
        assertThat(Files.readString(csv.file())).isEqualTo(",,\n,\"b2\",\n,,\n,,\"true\"\n");
    }

    @Test
    void corruptOrFakeSpreadsheetsAreUnprocessable() {
        assertThatThrownBy(() -> new SpreadsheetConverter().convert(file("n/t/image.xlsx", Fixtures.jpeg()), Fixtures.exchange()))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("not an .xls or .xlsx");
        assertThatThrownBy(() -> new SpreadsheetConverter().convert(file("n/t/zip.xlsx", Fixtures.sheffieldZip()), Fixtures.exchange()))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("not an .xls or .xlsx");
        byte[] xls = Fixtures.npowerXls();
        assertThatThrownBy(() -> new SpreadsheetConverter().convert(file("n/t/broken.xls", java.util.Arrays.copyOf(xls, 4096)), Fixtures.exchange()))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("could not be converted");
    }
}
