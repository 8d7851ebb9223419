package routes.email;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    static final InMemoryS3 S3 = new InMemoryS3();
    static final RecordingSqsClient SQS = new RecordingSqsClient();
    static final String DATA = "es-test-data-amr-data";
    static final String UNPROCESSABLE = "es-test-data-unprocessable";
    static final String FOLDER = "sheffield/20250323-101112/";

    static CamelContext context;

    @BeforeAll
    static void startCamel() throws Exception {
        context = EmailRouteHarness.create(S3, SQS, Map.of("email.max-files", "20"));
        AdviceWith.adviceWith(context, "email-intake", advice -> advice.replaceFromWith("direct:inbox-events"));
        context.start();
    }

    @AfterAll
    static void stopCamel() {
        context.stop();
    }

    @BeforeEach
    void reset() {
        S3.clear();
        SQS.sent.clear();
    }

    void deliver(String key, byte[] email) {
        S3.store("es-test-data-inbox", key, email, Map.of());
        context.createProducerTemplate().sendBody("direct:inbox-events", EmailIntakeRouteTest.event(key));
    }

    static String reason(String key) {
        InMemoryS3.StoredObject object = S3.get(UNPROCESSABLE, key);
        assertThat(object).as("unprocessable object " + key + " in " + S3.in(UNPROCESSABLE)).isNotNull();
        return object.metadata().get("reason");
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
