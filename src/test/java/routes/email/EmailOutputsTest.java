package routes.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What EmailOutputs hands S3 stays within S3's limits: keys of at most 1024 bytes, user metadata of at most 2 KB. */
class EmailOutputsTest {
    static final String SES_ID = "0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t";

    @TempDir
    Path dir;

    final InMemoryS3 s3 = new InMemoryS3();
    final EmailOutputs outputs = new EmailOutputs(s3, "data", "unprocessable", false,
            new EmailKeys(Clock.fixed(Instant.parse("2025-03-23T10:11:12Z"), ZoneOffset.UTC)));

    @Test
    void aVeryLongReasonAndNameAreCutInTheMiddleSoTheMetadataFitsInTwoKilobytes() throws IOException {
        IncomingFile file = new IncomingFile(SES_ID, "n".repeat(1500) + ".csv", "a/20250323-101112/n.csv",
                Files.writeString(dir.resolve("f"), "x"), "text/csv", 0);
        String key = outputs.toUnprocessable(file, "why ".repeat(2000) + "the end");

        Map<String, String> metadata = s3.get("unprocessable", key).metadata();
        assertThat(metadata.get("reason")).hasSize(1200).startsWith("why why").contains(" ... ").endsWith("why the end");
        assertThat(metadata.get("source-name")).hasSize(300).startsWith("nnn").endsWith("n.csv");
        assertThat(metadata).containsEntry("email-id", SES_ID);
        assertThat(InMemoryS3.metadataBytes(metadata)).isLessThan(InMemoryS3.MAX_METADATA_BYTES - 256);
    }

    @Test
    void aVeryLongEmailIdIsCutInKeysAndMetadataAndStaysDistinct() throws IOException {
        Path raw = Files.writeString(dir.resolve("raw.eml"), "To: nobody\r\n\r\n");
        String one = "x".repeat(1100) + "1";
        String two = "x".repeat(1100) + "2";
        String first = outputs.emailToUnprocessable(new ReceivedEmail(one, "inbox", one, raw, null, dir, null, null, null, null, "no"), "no recipient");
        String second = outputs.emailToUnprocessable(new ReceivedEmail(two, "inbox", two, raw, null, dir, null, null, null, null, "no"), "no recipient");

        assertThat(first).startsWith("unrouted/20250323-101112/xxx").endsWith(".eml");
        assertThat(first.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(InMemoryS3.MAX_KEY_BYTES);
        assertThat(second).isNotEqualTo(first);
        String firstId = s3.get("unprocessable", first).metadata().get("email-id");
        assertThat(firstId).hasSizeLessThanOrEqualTo(200).startsWith("xxx")
                .isNotEqualTo(s3.get("unprocessable", second).metadata().get("email-id"));
    }
}
