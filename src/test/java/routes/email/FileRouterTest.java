package routes.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.email.FileRouter.Kind.CSV;
import static routes.email.FileRouter.Kind.SPREADSHEET;
import static routes.email.FileRouter.Kind.UNPROCESSABLE;
import static routes.email.FileRouter.Kind.ZIP;

class FileRouterTest {
    @TempDir
    Path dir;

    FileRouter.Kind kind(String name, byte[] bytes) throws IOException {
        return new FileRouter().decide(name, Files.write(dir.resolve("f" + System.nanoTime()), bytes)).kind();
    }

    @Test
    void routesByRealExtensionAndContent() throws IOException {
        assertThat(kind("export.csv", "a,b".getBytes())).isEqualTo(CSV);
        assertThat(kind("reportcsv", "a,b".getBytes())).isEqualTo(UNPROCESSABLE); // the original's csv$ without a dot
        assertThat(kind("x.xlsx.csv", "a,b".getBytes())).isEqualTo(CSV);
        assertThat(kind("export.csv", Fixtures.sheffieldZip())).isEqualTo(ZIP);
        assertThat(kind("export.csv", Fixtures.npowerXls())).isEqualTo(SPREADSHEET);
        assertThat(kind("export.csv", Fixtures.png())).isEqualTo(UNPROCESSABLE);
        assertThat(kind("export.zip", Fixtures.png())).isEqualTo(UNPROCESSABLE);
        assertThat(kind("export.zip", Fixtures.npowerXlsx())).isEqualTo(SPREADSHEET);
        assertThat(kind("export.xlsx", Fixtures.jpeg())).isEqualTo(UNPROCESSABLE);
        assertThat(kind("export.xls", Fixtures.npowerXlsx())).isEqualTo(SPREADSHEET);
        assertThat(kind("export.pdf", "%PDF-1.4".getBytes())).isEqualTo(UNPROCESSABLE);
        assertThat(kind("noextension", "a".getBytes())).isEqualTo(UNPROCESSABLE);
    }

    @Test
    void extensionsAreTheLastDotOfTheLastSegment() {
        assertThat(FileRouter.extension("a/b.c/d.CSV")).isEqualTo("csv");
        assertThat(FileRouter.extension(".csv")).isEmpty();
        assertThat(FileRouter.extension("x.")).isEmpty();
        assertThat(FileRouter.extension("a.b\\c")).isEmpty();
    }
}
