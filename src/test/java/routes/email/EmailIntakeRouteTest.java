package routes.email;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import routes.shared.DeadLetters;
import routes.shared.RecordingSqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole route (email-intake.yaml) on an in-memory S3: inbox email in, objects in the data and unprocessable
 * buckets out, and the dead-letter queue for failures. The SQS consumer is replaced by a direct endpoint.
 */
class EmailIntakeRouteTest {
    /**
     * The email pipeline as production wires it, on the in-memory S3 and the recording SQS client; the SQS consumer
     * is replaced by a direct endpoint.
     */
    @RegisterExtension
    static final EmailRouteFixture EMAIL = new EmailRouteFixture(
            Map.of("email.areas", "sheffield,sheffield-gas,npower-eon,bryt,data,highland=highlands"));
    static final InMemoryS3 S3 = EMAIL.s3;
    static final RecordingSqsClient SQS = EMAIL.sqs;
    static final String INBOX = EmailRouteFixture.INBOX;
    static final String DATA = EmailRouteFixture.DATA;
    static final String UNPROCESSABLE = EmailRouteFixture.UNPROCESSABLE;
    static final String TIME = EmailRouteFixture.TIME;

    static String event(String key) {
        return EmailRouteFixture.event(key);
    }

    void deliver(String key, byte[] email) {
        EMAIL.deliver(key, email);
    }

    void deliver(String key, byte[] email, Map<String, String> metadata) {
        EMAIL.deliver(key, email, metadata);
    }

    @Test
    void theSheffieldEmailEndsAsTheCleanedCsvUnderAreaAndTimestamp() {
        deliver("sheffield-email", Fixtures.sheffieldEmail());

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("sheffield/20250323-101112/4003063_9232_Export_20181108_120524_290.csv");
        InMemoryS3.StoredObject csv = S3.in(DATA).get(0);
        assertThat(csv.body()).hasSize(17325);
        assertThat(csv.metadata()).containsEntry("email-id", "sheffield-email");
        assertThat(S3.in(UNPROCESSABLE)).isEmpty();
        assertThat(SQS.sent).isEmpty();
    }

    @Test
    void theForwardedEmailUsesXForwardedTo() {
        deliver("fwd", Fixtures.sheffieldForwarded());

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("sheffield/20250323-101112/4003063_9232_Export_20190227_120407_366.csv");
        assertThat(S3.in(DATA).get(0).body()).hasSize(30452 - 47);
    }

    @Test
    void spreadsheetsAreConvertedThenCleanedAsKeyDotCsv() {
        deliver("npower", Fixtures.emailWithAttachments("npower-eon@datafeeds.example.org",
                "export.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fixtures.npowerXlsx(),
                "export.XLS", "application/vnd.ms-excel", Fixtures.npowerXls()));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly(
                "npower-eon/20250323-101112/export.XLS.csv", "npower-eon/20250323-101112/export.xlsx.csv");
        assertThat(S3.in(DATA).get(0).text()).startsWith("\"mpan\",\"rdate\"");
    }

    @Test
    void aPngAttachmentIsUnprocessableWithTheReasonInItsMetadata() {
        deliver("png", Fixtures.emailWithAttachments("sheffield@datafeeds.example.org", "image.png", "image/png", Fixtures.png()));

        assertThat(S3.in(DATA)).isEmpty();
        InMemoryS3.StoredObject png = S3.get(UNPROCESSABLE, "sheffield/20250323-101112/image.png");
        assertThat(png.body()).isEqualTo(Fixtures.png());
        assertThat(png.metadata().get("reason")).contains("unsupported extension .png");
        assertThat(png.metadata()).containsEntry("email-id", "png");
    }

    @Test
    void anUnknownRecipientIsUnprocessableAsAWholeEmail() {
        deliver("unknown", Fixtures.emailWithAttachments("Nobody+tag@datafeeds.example.org", "export.csv", "text/csv", Fixtures.cr()));

        assertThat(S3.in(DATA)).isEmpty();
        InMemoryS3.StoredObject email = S3.get(UNPROCESSABLE, "unrouted/20250323-101112/unknown.eml");
        assertThat(email.metadata().get("reason")).startsWith("unknown recipient 'nobody'");
    }

    @Test
    void areasAreCaseAndTagInsensitiveAndMayMapToAnotherPrefix() {
        deliver("tagged", Fixtures.emailWithAttachments("Highland+Daily@datafeeds.example.org", "h.csv", "text/csv", Fixtures.highlands()));

        assertThat(S3.get(DATA, "highlands/20250323-101112/h.csv").body()).hasSize(724);
    }

    @Test
    void theEnvelopeRecipientIsPreferred() {
        deliver("envelope", Fixtures.emailWithAttachments("data@example.org", "cr.csv", "text/csv", Fixtures.cr()),
                Map.of("envelope-recipient", "sheffield-gas@datafeeds.example.org"));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield-gas/20250323-101112/cr.csv");
    }

    // the broken-boundary email (its multipart boundary matches nothing): malformed MIME, kept whole with the reason
    @Test
    void anEmailWithNothingToTakeIsKeptInUnprocessableWithTheReason() {
        deliver("no-attachments", Fixtures.sheffieldEmailNoAttachments());

        assertThat(S3.in(DATA)).isEmpty();
        assertThat(S3.get(UNPROCESSABLE, "sheffield/20250323-101112/no-attachments.eml").metadata().get("reason"))
                .isEqualTo("no attachment and no usable download link; MIME structure unreadable: Missing start boundary");
        assertThat(EMAIL.context().getRouteController().getRouteStatus("email-intake").isStarted()).isTrue();
    }

    @Test
    void twoAttachmentsWithTheSameNameDoNotOverwriteEachOther() {
        deliver("twins", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.cr(),
                "a.csv", "text/csv", Fixtures.highlands()));

        assertCrThenHighlands("sheffield/20250323-101112/a.csv", "sheffield/20250323-101112/a-2.csv");
    }

    /** The data bucket holds exactly {@code first} (cr.csv cleaned, 677 bytes) and {@code second} (highlands.csv, 724). */
    static void assertCrThenHighlands(String first, String second) {
        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactlyInAnyOrder(first, second);
        assertThat(S3.get(DATA, first).body()).hasSize(677);
        assertThat(S3.get(DATA, second).body()).hasSize(724);
    }

    @Test
    void twoZipsHoldingTheSameEntryNameKeepBothEntriesAndAReplayWritesTheSameKeys() {
        byte[] email = Fixtures.emailWithAttachments("sheffield@x.org", "a.zip", "application/zip", Fixtures.zip("export.csv", Fixtures.cr()),
                "b.zip", "application/zip", Fixtures.zip("export.csv", Fixtures.highlands()));
        deliver("two-zips", email);
        deliver("two-zips", email);

        assertCrThenHighlands("sheffield/20250323-101112/export.csv", "sheffield/20250323-101112/export-2.csv");
        assertThat(S3.puts).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/export.csv",
                "sheffield/20250323-101112/export-2.csv", "sheffield/20250323-101112/export.csv", "sheffield/20250323-101112/export-2.csv");
    }

    @Test
    void entryNamesThatSanitiseToTheSameKeyKeepBothEntries() {
        deliver("slip-twins", Fixtures.emailWithAttachments("sheffield@x.org", "z.zip", "application/zip",
                Fixtures.zip("../x.csv", Fixtures.cr(), "x.csv", Fixtures.highlands())));

        assertCrThenHighlands("sheffield/20250323-101112/x.csv", "sheffield/20250323-101112/x-2.csv");
    }

    @Test
    void aConvertedSheetDoesNotOverwriteAnAttachmentNamedLikeIt() {
        deliver("sheet-twin", Fixtures.emailWithAttachments("npower-eon@x.org", "export.xls", "application/vnd.ms-excel", Fixtures.npowerXls(),
                "export.xls.csv", "text/csv", Fixtures.cr()));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("npower-eon/20250323-101112/export.xls-2.csv", "npower-eon/20250323-101112/export.xls.csv");
        assertThat(S3.get(DATA, "npower-eon/20250323-101112/export.xls.csv").body()).hasSize(677);
        assertThat(S3.get(DATA, "npower-eon/20250323-101112/export.xls-2.csv").text()).startsWith("\"mpan\",\"rdate\"");
    }

    @Test
    void anArchiveNamedLikeItsOnlyEntryGivesItsKeyToTheEntry() {
        deliver("same-name", Fixtures.emailWithAttachments("sheffield@x.org", "export.csv", "application/zip", Fixtures.zip("export.csv", Fixtures.cr())));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/export.csv");
    }

    @Test
    void twoEmailsInTheSameSecondDoNotOverwriteEachOtherAndAReplayRewritesTheSameKeys() {
        deliver("first", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.cr()));
        deliver("second", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.highlands()));
        deliver("second", Fixtures.emailWithAttachments("sheffield@x.org", "a.csv", "text/csv", Fixtures.highlands()));

        String second = "sheffield/20250323-101112/a-" + EmailOutputs.shortHash("second") + ".csv";
        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactlyInAnyOrder("sheffield/20250323-101112/a.csv", second);
        assertThat(S3.get(DATA, "sheffield/20250323-101112/a.csv").metadata()).containsEntry("email-id", "first");
        assertThat(S3.get(DATA, second).body()).hasSize(724);
        assertThat(S3.puts).hasSize(3);
    }

    @Test
    void aFailedWriteIsRetriedThenTheNotificationIsDeadLetteredAndItsReplayWritesTheSameKey() {
        S3.failingPuts.set(100);
        deliver("flaky", Fixtures.sheffieldEmail());

        assertThat(S3.in(DATA)).isEmpty();
        assertThat(SQS.sent).hasSize(1);
        SendMessageRequest dead = SQS.sent.get(0);
        assertThat(dead.messageBody()).isEqualTo(event("flaky"));
        assertThat(dead.messageAttributes().get(DeadLetters.ATTEMPTS).stringValue()).isEqualTo("3");
        assertThat(dead.messageAttributes().get(DeadLetters.REASON).stringValue()).contains("simulated S3 outage");

        S3.failingPuts.set(0);
        EMAIL.context().createProducerTemplate().sendBody("direct:inbox-events", dead.messageBody());
        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("sheffield/20250323-101112/4003063_9232_Export_20181108_120524_290.csv");
    }

    @Test
    void aMissingEmailObjectIsDeadLetteredAtOnce() {
        EMAIL.context().createProducerTemplate().sendBody("direct:inbox-events", event("gone"));

        assertThat(SQS.sent).hasSize(1);
        assertThat(SQS.sent.get(0).messageAttributes().get(DeadLetters.ATTEMPTS).stringValue()).isEqualTo("1");
    }

    // ---------------------------------------------------------------- hostile inputs

    @Test
    void aZipBombIsUnprocessableAndNothingReachesData() {
        byte[] bomb = Fixtures.zip("bomb.csv", new byte[4_000_000]);
        deliver("bomb", Fixtures.emailWithAttachments("sheffield@x.org", "bomb.zip", "application/zip", bomb));

        assertThat(S3.in(DATA)).isEmpty();
        assertThat(S3.get(UNPROCESSABLE, "sheffield/20250323-101112/bomb.zip").metadata().get("reason")).contains("compression ratio over 100:1");
        assertThat(EMAIL.context().getRouteController().getRouteStatus("email-intake").isStarted()).isTrue();
    }

    @Test
    void zipSlipNamesStayInsideTheEmailsFolder() {
        byte[] slip = Fixtures.zip("../../etc/passwd.csv", Fixtures.cr(), "/abs/x.csv", Fixtures.cr(), "dir\\..\\..\\win.csv", Fixtures.cr(), "folder/", new byte[0]);
        deliver("slip", Fixtures.emailWithAttachments("sheffield@x.org", "slip.zip", "application/zip", slip));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly(
                "sheffield/20250323-101112/abs/x.csv", "sheffield/20250323-101112/dir/win.csv", "sheffield/20250323-101112/etc/passwd.csv");
    }

    @Test
    void nestedZipsAreUnpackedUpToTheDepthLimitAndDeeperOnesAreUnprocessable() {
        byte[] level3 = Fixtures.zip("deep.csv", Fixtures.cr());
        byte[] level2 = Fixtures.zip("inner.csv", Fixtures.cr(), "level3.zip", level3);
        byte[] level1 = Fixtures.zip("outer.csv", Fixtures.cr(), "level2.zip", level2);
        deliver("nested", Fixtures.emailWithAttachments("sheffield@x.org", "level1.zip", "application/zip", level1));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("sheffield/20250323-101112/inner.csv", "sheffield/20250323-101112/outer.csv");
        assertThat(S3.get(UNPROCESSABLE, "sheffield/20250323-101112/level3.zip").metadata().get("reason"))
                .contains("nested 3 levels deep; the limit is 2");
    }

    @Test
    void siblingZipsShareOneUnzipBudgetPerEmail() {
        byte[] first = Fixtures.zip("a.csv", Fixtures.meterReadings(1_500_000, 1), "b.csv", Fixtures.meterReadings(1_500_000, 2));
        byte[] second = Fixtures.zip("c.csv", Fixtures.meterReadings(1_500_000, 3), "d.csv", Fixtures.meterReadings(1_500_000, 4));
        deliver("siblings", Fixtures.emailWithAttachments("sheffield@x.org", "first.zip", "application/zip", first,
                "second.zip", "application/zip", second));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("sheffield/20250323-101112/a.csv", "sheffield/20250323-101112/b.csv");
        assertThat(S3.in(UNPROCESSABLE)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/second.zip");
        assertThat(S3.in(UNPROCESSABLE).get(0).metadata().get("reason"))
                .startsWith("'second.zip' unpacks to more than the limit of 5000000 bytes for one email");
    }

    @Test
    void aNestedZipThatTakesTheEmailOverItsUnzipBudgetIsUnprocessable() {
        byte[] inner = Fixtures.zip("c.csv", Fixtures.meterReadings(1_900_000, 3));
        byte[] outer = Fixtures.zip("a.csv", Fixtures.meterReadings(1_900_000, 1), "b.csv", Fixtures.meterReadings(1_900_000, 2), "inner.zip", inner);
        deliver("nested-budget", Fixtures.emailWithAttachments("sheffield@x.org", "outer.zip", "application/zip", outer));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("sheffield/20250323-101112/a.csv", "sheffield/20250323-101112/b.csv");
        assertThat(S3.get(UNPROCESSABLE, "sheffield/20250323-101112/inner.zip").metadata().get("reason"))
                .startsWith("'inner.zip' unpacks to more than the limit of 5000000 bytes for one email");
    }

    @Test
    void anAttachmentOverTheLimitIsUnprocessableAndTheOthersStillArrive() {
        deliver("big", Fixtures.emailWithAttachments("sheffield@x.org", "big.csv", "text/csv", new byte[3_100_000],
                "small.csv", "text/csv", Fixtures.cr()));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/small.csv");
        InMemoryS3.StoredObject big = S3.get(UNPROCESSABLE, "sheffield/20250323-101112/big.csv");
        assertThat(big.metadata().get("reason")).contains("over the limit of 3000000 bytes");
        assertThat(big.contentType()).isEqualTo("message/rfc822");
    }

    @Test
    void malformedMimeIsUnprocessableNotACrash() {
        deliver("garbage", new byte[] {0, 1, 2, (byte) 0xFF, '\r', '\n', 'x', ':', '\r', '\n', '\r', '\n', 1, 2, 3});

        assertThat(S3.get(UNPROCESSABLE, "unrouted/20250323-101112/garbage.eml").metadata().get("reason")).startsWith("no recipient");
        assertThat(SQS.sent).isEmpty();
    }

    @Test
    void anEmailWithoutRecipientIsUnprocessable() {
        deliver("nobody", Fixtures.emailWithAttachments("", "a.csv", "text/csv", Fixtures.cr()));

        assertThat(S3.get(UNPROCESSABLE, "unrouted/20250323-101112/nobody.eml").metadata().get("reason"))
                .isEqualTo("no recipient: the email has no X-Forwarded-To or To address");
    }

    @Test
    void aZipNamedCsvIsUnzipped() {
        deliver("liar", Fixtures.emailWithAttachments("sheffield@x.org", "export.csv", "text/csv", Fixtures.sheffieldZip()));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("sheffield/20250323-101112/" + Fixtures.SHEFFIELD_ENTRY);
        assertThat(S3.in(DATA).get(0).body()).hasSize(17325);
    }

    @Test
    void aJpegNamedXlsxIsUnprocessable() {
        deliver("jpeg", Fixtures.emailWithAttachments("npower-eon@x.org", "npower-eon_image.xlsx", "application/octet-stream", Fixtures.jpeg()));

        assertThat(S3.get(UNPROCESSABLE, "npower-eon/20250323-101112/npower-eon_image.xlsx").metadata().get("reason"))
                .contains("is not a spreadsheet (content is JPEG)");
    }

    @Test
    void inlineSignatureImagesAreIgnored() {
        String boundary = "sig";
        String email = "To: sheffield@x.org\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"sig\"\r\n\r\n"
                + "--sig\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:logo\">\r\n"
                + "--sig\r\nContent-Type: image/png; name=\"logo.png\"\r\nContent-Disposition: inline; filename=\"logo.png\"\r\nContent-ID: <logo>\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getEncoder().encodeToString(Fixtures.png()) + "\r\n"
                + "--sig\r\nContent-Type: text/csv; name*=UTF-8''caf%C3%A9%20export.csv\r\nContent-Disposition: attachment; filename*=UTF-8''caf%C3%A9%20export.csv\r\n\r\n"
                + "a,b\r\n1,2\r\n--" + boundary + "--\r\n";
        deliver("inline", email.getBytes(StandardCharsets.US_ASCII));

        assertThat(S3.in(UNPROCESSABLE)).isEmpty();
        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/café export.csv");
    }

    @Test
    void rfc2047NamesAreDecodedAndFoldersStripped() {
        String email = "To: sheffield@x.org\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=\"=?UTF-8?B?" 
                + java.util.Base64.getEncoder().encodeToString("C:\\exports\\Reading ü.csv".getBytes(StandardCharsets.UTF_8)) + "?=\"\r\n\r\n"
                + "a,b\r\n--b--\r\n";
        deliver("encoded", email.getBytes(StandardCharsets.US_ASCII));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/Reading ü.csv");
    }

    @Test
    void veryLongFileNamesAreCutInKeysAndMetadataSoS3TakesThem() {
        String csv = "r".repeat(1500) + ".csv";
        String png = "p".repeat(1500) + ".png";
        deliver("long-names", Fixtures.emailWithAttachments("sheffield@x.org", csv, "text/csv", Fixtures.cr(), png, "image/png", Fixtures.png()));

        assertThat(SQS.sent).isEmpty();
        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/" + "r".repeat(196) + ".csv");
        assertThat(S3.in(DATA).get(0).metadata().get("source-name")).hasSize(300).startsWith("rrr").contains(" ... ").endsWith("r.csv");
        assertThat(S3.in(UNPROCESSABLE)).extracting(InMemoryS3.StoredObject::key).containsExactly("sheffield/20250323-101112/" + "p".repeat(196) + ".png");
        InMemoryS3.StoredObject image = S3.in(UNPROCESSABLE).get(0);
        assertThat(image.metadata().get("reason")).hasSize(1200).startsWith("'ppp").contains(" ... ")
                .endsWith("p.png' has the unsupported extension .png; expected .csv, .cns, .zip, .xls or .xlsx");
        assertThat(InMemoryS3.metadataBytes(image.metadata())).isLessThan(InMemoryS3.MAX_METADATA_BYTES - 256);
    }

    @Test
    void theAppKeepsWorkingAfterHostileInput() {
        deliver("bomb", Fixtures.emailWithAttachments("sheffield@x.org", "bomb.zip", "application/zip", Fixtures.zip("b.csv", new byte[4_000_000])));
        deliver("ok", Fixtures.sheffieldEmail());

        assertThat(S3.in(DATA)).hasSize(1);
        assertThat(List.of("email-intake", "email-receive", "email-file"))
                .allMatch(id -> EMAIL.context().getRouteController().getRouteStatus(id).isStarted());
    }

    @Test
    void temporaryFilesAreRemovedWhenTheEmailIsDone() throws Exception {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<Long> scratch = () -> {
            try (var files = java.nio.file.Files.list(tmp)) {
                return files.filter(f -> f.getFileName().toString().startsWith("email-") || f.getFileName().toString().startsWith("spool-")).count();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        long before = scratch.get();
        deliver("cleanup", Fixtures.emailWithAttachments("sheffield@x.org", "n.zip", "application/zip",
                Fixtures.zip("a.csv", Fixtures.cr(), "b.zip", Fixtures.zip("c.csv", Fixtures.cr())), "s.xls", "application/vnd.ms-excel", Fixtures.npowerXls()));

        assertThat(S3.in(DATA)).hasSize(3);
        assertThat(scratch.get()).isEqualTo(before);
    }

    @Test
    void anEmailOverTheSizeLimitIsDeadLetteredWithTheReason() {
        deliver("huge", new byte[10_000_001]);

        assertThat(S3.in(DATA)).isEmpty();
        assertThat(SQS.sent).hasSize(1);
        assertThat(SQS.sent.get(0).messageAttributes().get(DeadLetters.REASON).stringValue())
                .contains("is 10000001 bytes, over the limit of 10000000");
    }
}
