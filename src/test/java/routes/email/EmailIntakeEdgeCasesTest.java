package routes.email;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import routes.shared.DeadLetters;
import routes.shared.RecordingSqsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs found by driving the pipeline as a real client would (issue 9, items 5-9): emails cut off mid-part, more
 * files than the limit, links inside zips, long non-ASCII names, inbox keys with folders or an {@code .eml} ending.
 */
class EmailIntakeEdgeCasesTest {
    @RegisterExtension
    static final EmailRouteFixture EMAIL = new EmailRouteFixture(Map.of("email.max-files", "20"));
    static final InMemoryS3 S3 = EMAIL.s3;
    static final RecordingSqsClient SQS = EMAIL.sqs;
    static final String DATA = EmailRouteFixture.DATA;
    static final String UNPROCESSABLE = EmailRouteFixture.UNPROCESSABLE;
    static final String FOLDER = "sheffield/20250323-101112/";

    void deliver(String key, byte[] email) {
        EMAIL.deliver(key, email);
    }

    static String reason(String key) {
        return EMAIL.reason(key);
    }

    // ---------------------------------------------------------------- 5: a part cut off

    @Test
    void anAttachmentCutOffBeforeItsClosingBoundaryIsUnprocessableNotWrittenWithACutLastRow() {
        byte[] whole = Fixtures.emailWithAttachments("sheffield@x.org", "first.csv", "text/csv", Fixtures.cr(),
                "export.csv", "text/csv", Fixtures.sheffieldExport());
        deliver("cut", Arrays.copyOf(whole, whole.length - 3000)); // the end of the last attachment and the close delimiter

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly(FOLDER + "first.csv");
        assertThat(reason(FOLDER + "export.csv")).isEqualTo("attachment 'export.csv' is cut off: its MIME part ends"
                + " without a boundary (the email was truncated); the stored object is the whole original email");
        assertThat(S3.get(UNPROCESSABLE, FOLDER + "export.csv").contentType()).isEqualTo("message/rfc822");
    }

    @Test
    void anEmailCutOffInsideAPartsHeadersIsUnprocessableWithTheReason() {
        String whole = new String(Fixtures.emailWithAttachments("sheffield@x.org", "first.csv", "text/csv", Fixtures.cr(),
                "second.csv", "text/csv", Fixtures.cr()), StandardCharsets.US_ASCII);
        String cut = whole.substring(0, whole.indexOf("filename=\"second.csv\""));
        deliver("cut-headers", cut.getBytes(StandardCharsets.US_ASCII));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly(FOLDER + "first.csv");
        assertThat(reason(FOLDER + "cut-headers.eml")).isEqualTo("the email ends inside the headers of a MIME part, without"
                + " a boundary (it was truncated): a part is missing; the stored object is the whole original email");
    }

    // ---------------------------------------------------------------- 6: files per email

    @Test
    void moreAttachmentsThanTheFileLimitMakeTheWholeEmailUnprocessableAndNothingOfItReachesData() {
        List<Object> attachments = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            attachments.addAll(List.of("a" + i + ".csv", "text/csv", Fixtures.cr()));
        }
        deliver("many", Fixtures.emailWithAttachments("sheffield@x.org", attachments.toArray()));

        assertThat(S3.in(DATA)).isEmpty();
        assertThat(S3.in(UNPROCESSABLE)).extracting(InMemoryS3.StoredObject::key).containsExactly(FOLDER + "many.eml");
        assertThat(reason(FOLDER + "many.eml")).isEqualTo("the email has more than 20 files"
                + " (email.max-files counts attachments, zip entries and spreadsheet sheets together): it has more than 20 attachments");
    }

    @Test
    void anEmailOfCountlessMimePartsIsRefusedBeforeTheyAreAllRead() {
        StringBuilder email = new StringBuilder("To: sheffield@x.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < 500; i++) {
            email.append("--p\r\nContent-Type: text/plain\r\n\r\nnote ").append(i).append("\r\n");
        }
        deliver("parts", email.append("--p--\r\n").toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(reason(FOLDER + "parts.eml")).endsWith("): it has more than 120 MIME parts");
    }

    @Test
    void zipEntriesCountWithTheAttachmentsTowardsTheSameLimitWithTheSameReason() {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            entries.addAll(List.of("e" + i + ".csv", Fixtures.cr()));
        }
        deliver("zip-over", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.cr(),
                "b.csv", "text/csv", Fixtures.cr(), "c.csv", "text/csv", Fixtures.cr(),
                "many.zip", "application/zip", Fixtures.zip(entries.toArray())));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly(FOLDER + "a.csv", FOLDER + "b.csv", FOLDER + "c.csv");
        assertThat(reason(FOLDER + "many.zip")).isEqualTo("the email has more than 20 files"
                + " (email.max-files counts attachments, zip entries and spreadsheet sheets together): 'many.zip' has more files than the 17 left (3 are the email's other files)");
    }

    @Test
    void anArchiveWithExactlyTheLimitOfFilesIsUnpacked() {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.addAll(List.of("e" + i + ".csv", Fixtures.cr()));
        }
        deliver("zip-at-limit", Fixtures.emailWithAttachments("sheffield@x.org", "all.zip", "application/zip", Fixtures.zip(entries.toArray())));

        assertThat(S3.in(DATA)).hasSize(20);
        assertThat(S3.in(UNPROCESSABLE)).isEmpty();
    }

    // ---------------------------------------------------------------- 7: links in zips

    @Test
    void aSymlinkEntryIsSkippedWithAReasonInTheUnprocessableBucketAndTheRegularEntriesArrive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry link = new ZipArchiveEntry("passwd.csv");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write("/etc/passwd".getBytes(StandardCharsets.US_ASCII));
            zip.closeArchiveEntry();
            ZipArchiveEntry regular = new ZipArchiveEntry("export.csv");
            regular.setUnixMode(0100644);
            zip.putArchiveEntry(regular);
            zip.write(Fixtures.cr());
            zip.closeArchiveEntry();
        }
        deliver("links", Fixtures.emailWithAttachments("sheffield@x.org", "links.zip", "application/zip", bytes.toByteArray()));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly(FOLDER + "export.csv");
        assertThat(reason(FOLDER + "passwd.csv")).isEqualTo("'links.zip': entry 'passwd.csv' is a symbolic link"
                + " (to '/etc/passwd'), not a file: links and other special entries are not unpacked");
    }

    // ---------------------------------------------------------------- 8: long non-ASCII names, refused writes

    @Test
    void longNonAsciiNamesAreCutToAtMost200BytesPerKeySegment() {
        String name = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(("é".repeat(300) + ".csv").getBytes(StandardCharsets.UTF_8)) + "?=";
        deliver("accents", Fixtures.emailWithAttachments("sheffield@x.org", name, "text/csv", Fixtures.cr(),
                "folders.zip", "application/zip", Fixtures.zip("ü".repeat(300) + "/x.csv", Fixtures.cr())));

        assertThat(SQS.sent).isEmpty();
        assertThat(S3.in(DATA)).hasSize(2).allSatisfy(object -> assertThat(object.key().split("/"))
                .allMatch(segment -> segment.getBytes(StandardCharsets.UTF_8).length <= 200, "at most 200 UTF-8 bytes"));
        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .contains(FOLDER + "é".repeat(98) + ".csv", FOLDER + "ü".repeat(100) + "/x.csv");
    }

    @Test
    void aWriteS3RefusesForGoodIsDeadLetteredAtOnceWithWhatWasRefused() {
        S3.refusePuts.set(400);
        deliver("refused", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.cr()));

        assertThat(SQS.sent).hasSize(1);
        Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> attributes = SQS.sent.get(0).messageAttributes();
        assertThat(attributes.get(DeadLetters.ATTEMPTS).stringValue()).isEqualTo("1");
        assertThat(attributes.get(DeadLetters.REASON).stringValue()).isEqualTo("S3 refused to write s3://" + DATA + "/"
                + FOLDER + "a.csv (677 bytes): 400 InvalidArgument: simulated refusal; a retry or replay cannot succeed");
    }

    @Test
    void aServerErrorIsRetriedThenDeadLetteredWithWhatWasRefused() {
        S3.refusePuts.set(500);
        deliver("refused-500", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.cr()));

        assertThat(SQS.sent).hasSize(1);
        Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> attributes = SQS.sent.get(0).messageAttributes();
        assertThat(attributes.get(DeadLetters.ATTEMPTS).stringValue()).isEqualTo("3");
        assertThat(attributes.get(DeadLetters.REASON).stringValue()).isEqualTo("S3 refused to write s3://" + DATA + "/"
                + FOLDER + "a.csv (677 bytes): 500 InternalError: simulated refusal");
    }

    // ---------------------------------------------------------------- 9: the inbox key

    @Test
    void emailIdMetadataIsTheWholeInboxKey() {
        deliver("inbound/2025/abc123", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.cr()));

        assertThat(S3.get(DATA, FOLDER + "a.csv").metadata()).containsEntry("email-id", "inbound/2025/abc123");
    }

    @Test
    void anInboxKeyEndingInEmlIsNotDoubledUnderUnrouted() {
        deliver("dropped/message.eml", Fixtures.emailWithAttachments("bristol@x.org", "a.csv", "text/csv", Fixtures.cr()));

        assertThat(S3.in(UNPROCESSABLE)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("unrouted/20250323-101112/message.eml");
        assertThat(S3.in(UNPROCESSABLE).get(0).metadata()).containsEntry("email-id", "dropped/message.eml");
    }
}
