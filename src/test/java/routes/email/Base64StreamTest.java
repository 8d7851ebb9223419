package routes.email;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base64StreamTest {
    static byte[] decode(String base64) throws IOException {
        try (InputStream in = new Base64Stream(new ByteArrayInputStream(base64.getBytes(StandardCharsets.US_ASCII)))) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesMimeLinesOfEveryLengthAcrossChunks() throws IOException {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 2, 3, 4, 57, 58, 1000, 300_000, 1_000_003}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            String mime = Base64.getMimeEncoder().encodeToString(data);
            assertThat(decode(mime)).as("size " + size).isEqualTo(data);
            assertThat(decode(mime + "\r\n")).isEqualTo(data);
        }
    }

    @Test
    void paddingEndsTheDataAndTruncatedGroupsDecodeAsFarAsTheyGo() throws IOException {
        assertThat(decode("YWJj\r\nZA==\r\n--boundary--")).isEqualTo("abcd".getBytes());
        assertThat(decode("YWJjZA")).isEqualTo("abcd".getBytes());
        assertThat(decode("YWJjZGU")).isEqualTo("abcde".getBytes());
        assertThat(decode("YWJjZ")).isEqualTo("abc".getBytes());
        assertThat(decode(" Y W J j \t")).isEqualTo("abc".getBytes());
    }

    @Test
    void byteByByteReadsGiveTheSameBytes() throws IOException {
        try (InputStream in = new Base64Stream(new ByteArrayInputStream("YWJj".getBytes()))) {
            assertThat(in.read()).isEqualTo('a');
            assertThat(in.read()).isEqualTo('b');
            assertThat(in.read()).isEqualTo('c');
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
