package routes.uploads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MappedFileInputTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryByteInOrderAcrossMappingWindows() throws Exception {
        byte[] content = new byte[10_007];
        new Random(1).nextBytes(content);
        Path file = Files.write(dir.resolve("f.bin"), content);
        Random sizes = new Random(2);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (MappedFileInput in = new MappedFileInput(file, 1000)) {
            assertThat(in.available()).isEqualTo(content.length);
            int first = in.read();
            read.write(first);
            byte[] buffer = new byte[700];
            int n;
            while ((n = in.read(buffer, 0, 1 + sizes.nextInt(buffer.length))) > 0) {
                read.write(buffer, 0, n);
            }
            assertThat(n).isEqualTo(-1);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(read.toByteArray()).isEqualTo(content);
    }

    @Test
    void skipsAndEndsLikeAFileStream() throws Exception {
        Path file = Files.write(dir.resolve("f.txt"), "abcdef".getBytes());
        try (MappedFileInput in = new MappedFileInput(file, 4)) {
            assertThat(in.skip(2)).isEqualTo(2);
            assertThat(in.readAllBytes()).isEqualTo("cdef".getBytes());
            assertThat(in.skip(5)).isZero();
        }
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        try (MappedFileInput in = new MappedFileInput(empty)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
