package routes.email;

import harness.PipelineHarness;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import routes.shared.RecordingSqsClient;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The email pipeline's route tests' fixture ({@code @RegisterExtension static final EmailRouteFixture EMAIL = ...}):
 * the pipeline as production wires it ({@link PipelineHarness}, {@code harness/email.properties}) on an in-memory S3
 * and a recording SQS client, its SQS consumer replaced by {@code direct:inbox-events}; started once per class,
 * S3 and SQS emptied before each test.
 */
public final class EmailRouteFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    static final String INBOX = "es-test-data-inbox";
    static final String DATA = "es-test-data-amr-data";
    static final String UNPROCESSABLE = "es-test-data-unprocessable";
    /** The receipt time of every test notification: keys are {@code <area>/20250323-101112/...}. */
    static final String TIME = "2025-03-23T10:11:12.000Z";

    final InMemoryS3 s3 = new InMemoryS3();
    final RecordingSqsClient sqs = new RecordingSqsClient();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private PipelineHarness email;

    EmailRouteFixture(Map<String, String> properties) {
        this.properties.putAll(properties);
    }

    EmailRouteFixture() {
        this(Map.of());
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        email = PipelineHarness.pipeline("email").properties(properties).bean("s3Client", s3).bean("sqsClient", sqs)
                .replaceFrom("email-intake", "direct:inbox-events").start();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        email.close();
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        s3.clear();
        sqs.sent.clear();
    }

    PipelineHarness harness() {
        return email;
    }

    CamelContext context() {
        return email.context();
    }

    /** An S3 ObjectCreated notification of inbox object {@code key}, received at {@link #TIME}. */
    static String event(String key) {
        return "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"" + TIME + "\",\"awsRegion\":\"us-east-1\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + INBOX + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":1024}}}]}";
    }

    /** Stores {@code email} in the inbox and sends its notification through the route (returns when it is done). */
    void deliver(String key, byte[] email, Map<String, String> metadata) {
        s3.store(INBOX, key, email, metadata);
        this.email.send("direct:inbox-events", event(key));
    }

    void deliver(String key, byte[] email) {
        deliver(key, email, Map.of());
    }

    /** The {@code reason} metadata of unprocessable object {@code key} (which must exist). */
    String reason(String key) {
        InMemoryS3.StoredObject object = s3.get(UNPROCESSABLE, key);
        assertThat(object).as("unprocessable object " + key + " in " + s3.in(UNPROCESSABLE)).isNotNull();
        return object.metadata().get("reason");
    }
}
