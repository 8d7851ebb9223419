package routes.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeUnzipperTest {
    @TempDir
    Path dir;

    IncomingFile archive(byte[] zip, int depth) throws IOException {
        Path file = Files.write(dir.resolve("a-" + System.nanoTime() + ".zip"), zip);
        return new IncomingFile("e", "a.zip", "area/20250323-101112/a.zip", file, "application/zip", depth);
    }

    SafeUnzipper limits(int entries, long entryBytes, long total, int ratio, int depth) {
        return new SafeUnzipper(entryBytes, total, ratio, depth);
    }

    /** An email whose file limit is {@code maxFiles}, holding one file (the archive). */
    static org.apache.camel.Exchange emailWithLimit(int maxFiles) {
        org.apache.camel.Exchange exchange = Fixtures.exchange();
        EmailScope.start(exchange, maxFiles).files.set(1);
        return exchange;
    }

    @Test
    void entriesAreStreamedToFilesUnderTheArchivesFolderOneLevelDeeper() throws IOException {
        List<IncomingFile> files = limits(10, 1000, 10_000, 100, 2)
                .expand(archive(Fixtures.zip("dir/", new byte[0], "dir/x.csv", "1,2\n".getBytes(), "y.CSV", "3\n".getBytes()), 0), Fixtures.exchange());
        assertThat(files).extracting(IncomingFile::key).containsExactly("area/20250323-101112/dir/x.csv", "area/20250323-101112/y.CSV");
        assertThat(files).extracting(IncomingFile::name).containsExactly("x.csv", "y.CSV");
        assertThat(files).allMatch(f -> f.depth() == 1);
        assertThat(Files.readString(files.get(0).file())).isEqualTo("1,2\n");
    }

    @Test
    void namesAreSanitised() {
        assertThat(SafeUnzipper.sanitise("../../etc/passwd")).isEqualTo("etc/passwd");
        assertThat(SafeUnzipper.sanitise("/abs/./x.csv")).isEqualTo("abs/x.csv");
        assertThat(SafeUnzipper.sanitise("C:\\Users\\..\\x.csv")).isEqualTo("Users/x.csv");
        assertThat(SafeUnzipper.sanitise("a\u0000b/\u0007c.csv")).isEqualTo("ab/c.csv");
        assertThat(SafeUnzipper.sanitise("../..")).isEmpty();
    }

    @Test
    void eachLimitIsAViolationWithItsReasonAndLeavesNoFilesBehind() throws IOException {
        byte[] two = Fixtures.zip("a.csv", "x".repeat(600).getBytes(), "b.csv", "y".repeat(600).getBytes());
        assertThatThrownBy(() -> limits(1, 10_000, 10_000, 1000, 2).expand(archive(two, 0), emailWithLimit(1)))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("more than 1 files");
        assertThatThrownBy(() -> limits(10, 500, 10_000, 1000, 2).expand(archive(two, 0), Fixtures.exchange()))
                .hasMessageContaining("entry 'a.csv' is over the limit of 500 bytes");
        assertThatThrownBy(() -> limits(10, 10_000, 1000, 1000, 2).expand(archive(two, 0), Fixtures.exchange()))
                .hasMessageContaining("unpacks to more than the limit of 1000 bytes");
        assertThatThrownBy(() -> limits(10, 100_000_000, 100_000_000, 50, 2).expand(archive(Fixtures.zip("z.csv", new byte[5_000_000]), 0), Fixtures.exchange()))
                .hasMessageContaining("compression ratio over 50:1");
        assertThatThrownBy(() -> limits(10, 10_000, 10_000, 1000, 2).expand(archive(two, 2), Fixtures.exchange()))
                .hasMessageContaining("nested 3 levels deep; the limit is 2");
        try (var left = Files.list(dir)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("entry-"))).isEmpty();
        }
    }

    @Test
    void theTotalIsABudgetForTheWholeEmailSiblingAndNestedArchivesIncluded() throws IOException {
        SafeUnzipper unzipper = limits(10, 10_000, 1000, 1000, 3);
        org.apache.camel.Exchange email = Fixtures.exchange();
        byte[] six = Fixtures.zip("a.csv", "x".repeat(600).getBytes());
        assertThat(unzipper.expand(archive(six, 0), email)).hasSize(1);
        assertThatThrownBy(() -> unzipper.expand(archive(six, 0), email)).isInstanceOf(Unprocessable.class)
                .hasMessageStartingWith("'a.zip' unpacks to more than the limit of 1000 bytes for one email")
                .hasMessageContaining("600 bytes came from its other archives");
        // the refused sibling gave its bytes back (its files are gone): 400 more still fit, nested or not
        IncomingFile nested = unzipper.expand(archive(Fixtures.zip("in.zip", Fixtures.zip("b.csv", "y".repeat(200).getBytes())), 0), email).get(0);
        assertThat(unzipper.expand(nested, email)).hasSize(1);
        assertThatThrownBy(() -> unzipper.expand(archive(Fixtures.zip("c.csv", "z".repeat(100).getBytes()), 1), email))
                .hasMessageContaining("unpacks to more than the limit of 1000 bytes for one email");
        assertThat(unzipper.expand(archive(Fixtures.zip("c.csv", "z".repeat(100).getBytes()), 1), Fixtures.exchange())).hasSize(1);
    }

    @Test
    void smallHighlyCompressibleFilesAreNotMistakenForBombs() throws IOException {
        assertThat(limits(10, 10_000_000, 10_000_000, 10, 2).expand(archive(Fixtures.zip("zeros.csv", new byte[900_000]), 0), Fixtures.exchange())).hasSize(1);
    }

    @Test
    void notAZipCorruptOrEmptyArchivesAreUnprocessable() throws IOException {
        assertThatThrownBy(() -> limits(10, 10_000, 10_000, 100, 2).expand(archive(Fixtures.png(), 0), Fixtures.exchange()))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("no files (or is not a zip archive)");
        byte[] zip = Fixtures.sheffieldZip();
        byte[] truncated = java.util.Arrays.copyOf(zip, zip.length / 2);
        assertThatThrownBy(() -> limits(10, 100_000, 100_000, 100, 2).expand(archive(truncated, 0), Fixtures.exchange()))
                .isInstanceOf(Unprocessable.class).hasMessageContaining("not a readable zip archive");
        assertThatThrownBy(() -> limits(10, 10_000, 10_000, 100, 2).expand(archive(Fixtures.zip(), 0), Fixtures.exchange()))
                .isInstanceOf(Unprocessable.class);
    }
}
