package routes.email;

import harness.PipelineHarness;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.shared.RecordingSqsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9.10: a new area is one line in the watched areas file and takes effect without a restart, and the emails
 * that went to unrouted/ before it existed are re-run by one call ({@link UnroutedEmails#replay}, behind
 * {@code POST /admin/email/unrouted/replay}), landing where they would have landed on the day.
 */
class UnroutedReplayTest {
    static final InMemoryS3 S3 = new InMemoryS3();
    static final RecordingSqsClient SQS = new RecordingSqsClient();
    static final String INBOX = "es-test-data-inbox";
    static final String DATA = "es-test-data-amr-data";
    static final String UNPROCESSABLE = "es-test-data-unprocessable";

    static Path areasFile;
    static PipelineHarness email;
    static CamelContext context;
    static UnroutedEmails unrouted;

    /** The email pipeline as production wires it (the replay bean of email-operations.yaml included), areas file watched. */
    @BeforeAll
    static void startCamel() throws IOException {
        areasFile = Files.createTempFile("email-areas-", ".txt");
        email = PipelineHarness.pipeline("email").property("email.areas-file", areasFile.toString())
                .bean("s3Client", S3).bean("sqsClient", SQS)
                .replaceFrom("email-intake", "direct:inbox-events")
                .start();
        context = email.context();
        unrouted = email.bean("unroutedEmails", UnroutedEmails.class);
    }

    @AfterAll
    static void stopCamel() throws IOException {
        email.close();
        Files.deleteIfExists(areasFile);
    }

    @BeforeEach
    void reset() throws IOException {
        S3.clear();
        SQS.sent.clear();
        writeAreas("# areas beside email.areas (sheffield)\n");
    }

    /** Writes the file and moves its time on, so even a coarse file clock sees a change. */
    static void writeAreas(String text) throws IOException {
        FileTime before = Files.getLastModifiedTime(areasFile);
        Files.writeString(areasFile, text);
        Files.setLastModifiedTime(areasFile, FileTime.fromMillis(before.toMillis() + 2000));
    }

    void deliver(String key, byte[] email) {
        S3.store(INBOX, key, email, Map.of());
        context.createProducerTemplate().sendBody("direct:inbox-events", EmailRouteFixture.event(key));
    }

    @Test
    void anAreaAddedToTheFileWorksWithoutARestartAndTheUnroutedEmailIsReRunByOneCall() throws IOException {
        deliver("inbound/early", Fixtures.emailWithAttachments("bristol@x.org", "a.csv", "text/csv", Fixtures.cr()));
        assertThat(S3.in(UNPROCESSABLE)).extracting(InMemoryS3.StoredObject::key).containsExactly("unrouted/20250323-101112/early.eml");

        writeAreas("# areas beside email.areas (sheffield)\nbristol\n"); // the one-line edit
        deliver("inbound/later", Fixtures.emailWithAttachments("bristol@x.org", "b.csv", "text/csv", Fixtures.cr()));
        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key).containsExactly("bristol/20250323-101112/b.csv");

        Map<String, Object> result = unrouted.replay(null);
        assertThat(result).containsEntry("requeued", List.of("inbound/early"));
        assertThat(S3.in(UNPROCESSABLE)).isEmpty();
        assertThat(SQS.sent).hasSize(1);
        context.createProducerTemplate().sendBody("direct:inbox-events", SQS.sent.get(0).messageBody());

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("bristol/20250323-101112/a.csv", "bristol/20250323-101112/b.csv");
        assertThat(S3.get(DATA, "bristol/20250323-101112/a.csv").metadata()).containsEntry("email-id", "inbound/early");
    }

    @Test
    void anEmailStillUnroutableAfterTheReplayIsWrittenBackUnderTheSameKey() {
        deliver("nobody-knows", Fixtures.emailWithAttachments("cardiff@x.org", "a.csv", "text/csv", Fixtures.cr()));

        unrouted.replay("20250323");
        context.createProducerTemplate().sendBody("direct:inbox-events", SQS.sent.get(0).messageBody());

        assertThat(S3.in(UNPROCESSABLE)).extracting(InMemoryS3.StoredObject::key).containsExactly("unrouted/20250323-101112/nobody-knows.eml");
        assertThat(S3.in(DATA)).isEmpty();
    }

    @Test
    void anEmailGoneFromTheInboxIsCopiedBackThereFromItsUnroutedCopy() {
        deliver("expired", Fixtures.emailWithAttachments("cardiff@x.org", "a.csv", "text/csv", Fixtures.cr()));
        S3.objects.remove(INBOX + "/expired");

        Map<String, Object> result = unrouted.replay(null);

        assertThat(result).containsEntry("restored", List.of("expired"));
        assertThat(S3.get(INBOX, "expired")).isNotNull();
        assertThat(S3.in(UNPROCESSABLE)).isEmpty();
        assertThat(SQS.sent).isEmpty(); // the inbox bucket's own notification announces the restored copy
    }

    @Test
    void aBadLineInTheAreasFileKeepsTheAreasAsTheyWere() throws IOException {
        writeAreas("bristol\n");
        deliver("first", Fixtures.emailWithAttachments("bristol@x.org", "a.csv", "text/csv", Fixtures.cr()));
        writeAreas("bristol\nnot/an/area=../x\n");
        deliver("second", Fixtures.emailWithAttachments("bristol@x.org", "b.csv", "text/csv", Fixtures.cr()));

        assertThat(S3.in(DATA)).extracting(InMemoryS3.StoredObject::key)
                .containsExactly("bristol/20250323-101112/a.csv", "bristol/20250323-101112/b.csv");
    }
}
