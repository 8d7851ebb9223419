package routes.transforms;

import org.junit.jupiter.api.Test;
import routes.shared.TaskFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The column types of an input as pandas' read_csv gives them, and the engine reading the file with them declared. */
class CsvSchemaTest extends EngineSupport {
    static final Set<String> IDS = TransformEngine.ID_COLUMNS;

    Path file(String content) throws IOException {
        Path csv = dir.resolve("input.csv");
        Files.writeString(csv, content, StandardCharsets.UTF_8);
        return csv;
    }

    CsvSchema scan(String content) throws IOException {
        return CsvSchema.scan(file(content), "the-dataset", IDS, Set.of(TransformEngine.YEAR));
    }

    String failure(String content) {
        try {
            scan(content);
        } catch (TaskFailure e) {
            return TaskFailures.text(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no failure for " + content);
    }

    @Test
    void typesAsPandasReadsThem() throws IOException {
        CsvSchema schema = scan("""
                aar;bydel_id;delbydel_id;n;gaps;share;name;nothing;mixed
                2019;01;0101;3;;0.5;Lodalen;;1
                2020;02;0102;-4;2;1e3;Grønland;;x
                """);
        assertThat(schema.names()).containsExactly("aar", "bydel_id", "delbydel_id", "n", "gaps", "share", "name", "nothing", "mixed");
        assertThat(schema.types()).containsExactly("BIGINT", "VARCHAR", "VARCHAR", "BIGINT", "DOUBLE", "DOUBLE", "VARCHAR", "DOUBLE", "VARCHAR");
    }

    @Test
    void theYearStaysAnIntegerWithMissingCells() throws IOException {
        assertThat(scan("aar;n\n2019;1\n;2\n").types()).containsExactly("BIGINT", "BIGINT");
    }

    @Test
    void cells() {
        assertThat(CsvSchema.kind("12")).isEqualTo(CsvSchema.kind("-12")).isEqualTo(CsvSchema.kind(" +12 "));
        assertThat(List.of("1.5", ".5", "5.", "-1e-3", "2E5", "1234567890123456789")).allSatisfy(cell -> assertThat(CsvSchema.kind(cell))
                .as(cell).isGreaterThan(CsvSchema.kind("1")).isLessThan(CsvSchema.kind("x")));
        assertThat(List.of("x", "1,5", "1.2.3", "e5", "1e", "-", ".", "12a", "NaN")).allSatisfy(cell -> assertThat(CsvSchema.kind(cell))
                .as(cell).isEqualTo(CsvSchema.kind("x")));
    }

    @Test
    void quotedFieldsBomCrlfAndBlankLines() throws IOException {
        CsvSchema schema = scan("\uFEFF\"aar\";\"bydel_navn\";n\r\n2019;\"Bydel \"\"A\"\"; Vest\nlinje 2\";\"7\"\r\n\r\n2020;B;8\r\n\n");
        assertThat(schema.names()).containsExactly("aar", "bydel_navn", "n");
        assertThat(schema.types()).containsExactly("BIGINT", "VARCHAR", "BIGINT");
    }

    @Test
    void theEngineReadsTheDeclaredTypes() throws IOException {
        Path csv = file("aar;bydel_id;bydel_navn;n;gaps;share\n2019;01;\"Bydel \"\"A\"\"; Vest\";  3 ;;0.5\n\n2020;02;B;+4;2;1e3\n");
        session.load("t", "the-dataset", csv);
        Frame frame = sql("select * from t order by date");
        assertThat(frame.columns()).containsExactly("date", "bydel_id", "bydel_navn", "n", "gaps", "share");
        assertThat(frame.rows().get(0)).containsExactly(2019L, "01", "Bydel \"A\"; Vest", 3L, null, 0.5);
        assertThat(frame.rows().get(1)).containsExactly(2020L, "02", "B", 4L, 2.0, 1000.0);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsNamesItsLine() {
        assertThat(failure("aar;n;m\n2019;1;2\n\n2020;3\n")).isEqualTo(
                "InvalidInput: input dataset 'the-dataset' is not a readable ';'-separated CSV: line 4 has 2 fields, the header has 3");
    }

    @Test
    void anUnclosedQuoteNamesWhereItStarts() {
        assertThat(failure("aar;n\n2019;\"1\n2020;2\n")).isEqualTo(
                "InvalidInput: input dataset 'the-dataset' is not a readable ';'-separated CSV: the quoted field that starts on line 2 is not closed");
        assertThat(failure("aar;n\n2019;\"1\"2\n")).endsWith("line 2 has text after a closing quote");
    }

    @Test
    void emptyDuplicatedHeaderAndNotUtf8() throws IOException {
        assertThat(failure("")).isEqualTo("InvalidInput: input dataset 'the-dataset' is empty (no header row)");
        assertThat(failure("aar;n;n\n2019;1;2\n")).endsWith("the header names column 'n' twice");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "aar;bydel_navn\n2019;Gr\u00f8nland\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvSchema.scan(latin1, "the-dataset", IDS, Set.of()))
                .satisfies(e -> assertThat(TaskFailures.text(e)).endsWith("is not a readable ';'-separated CSV: it is not UTF-8 text"));
    }

    @Test
    void aWideFileAcrossBufferBoundaries() throws IOException {
        StringBuilder csv = new StringBuilder("aar;delbydel_id");
        for (int age = 0; age <= 120; age++) {
            csv.append(';').append(age);
        }
        csv.append('\n');
        for (int row = 0; row < 2000; row++) {
            csv.append(2000 + row % 20).append(";0").append(101 + row);
            for (int age = 0; age <= 120; age++) {
                csv.append(';').append(age == 110 && row == 1999 ? "" : String.valueOf(row * age % 97));
            }
            csv.append('\n');
        }
        CsvSchema schema = scan(csv.toString());
        assertThat(schema.names()).hasSize(123);
        assertThat(schema.typeOf("delbydel_id")).isEqualTo("VARCHAR");
        assertThat(schema.typeOf("109")).isEqualTo("BIGINT");
        assertThat(schema.typeOf("110")).isEqualTo("DOUBLE");
    }
}
