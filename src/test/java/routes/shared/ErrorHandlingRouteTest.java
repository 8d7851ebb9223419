package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import harness.PipelineHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared routeConfiguration: wrong input goes to the DLQ at once, failures after bounded retries, with the original body. */
class ErrorHandlingRouteTest {
    static final RecordingSqsClient SQS = new RecordingSqsClient();
    static final FlakyStep STEP = new FlakyStep();

    public static class FlakyStep {
        final AtomicInteger calls = new AtomicInteger();
        volatile int failTimes;
        volatile boolean wrongInput;

        public String process(String body) {
            calls.incrementAndGet();
            if (wrongInput) {
                throw new PermanentFailure("Key 'a/b' is not <council>/<date>/<timestamp>/<file>");
            }
            if (failTimes-- > 0) {
                throw new TransientFailure("GitHub answered 502");
            }
            return body;
        }
    }

    static PipelineHarness pipeline;
    CamelContext context;

    /** A stand-in pipeline route (group uploads) with the shared error handling, wired as production wires a pipeline. */
    @BeforeAll
    static void start() {
        pipeline = PipelineHarness.pipeline("uploads").routes("uploads", "classpath:test-routes/flaky-pipeline.yaml")
                .bean("flakyStep", STEP).bean("sqsClient", SQS).start();
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @BeforeEach
    void reset() {
        context = pipeline.context();
        SQS.sent.clear();
        STEP.calls.set(0);
        STEP.failTimes = 0;
        STEP.wrongInput = false;
    }

    @Test
    void wrongInputIsDeadLetteredAtOnceWithTheOriginalBodyAndReason() {
        STEP.wrongInput = true;
        template().sendBody("direct:flaky", "{\"Records\":[]}");

        assertThat(STEP.calls).hasValue(1);
        assertThat(SQS.sent).hasSize(1);
        SendMessageRequest dead = SQS.sent.get(0);
        assertThat(dead.queueUrl()).endsWith("/uploads-dead-letters");
        assertThat(dead.messageBody()).isEqualTo("{\"Records\":[]}");
        assertThat(attr(dead, DeadLetters.REASON)).isEqualTo("Key 'a/b' is not <council>/<date>/<timestamp>/<file>");
        assertThat(attr(dead, DeadLetters.PIPELINE)).isEqualTo("uploads");
        assertThat(attr(dead, DeadLetters.ROUTE_ID)).isEqualTo("flaky-step-route");
        assertThat(attr(dead, DeadLetters.ATTEMPTS)).isEqualTo("1");
        assertThat(attr(dead, DeadLetters.ERROR_TYPE)).isEqualTo("PermanentFailure");
    }

    @Test
    void failuresAreRetriedABoundedNumberOfTimesThenDeadLettered() {
        STEP.failTimes = Integer.MAX_VALUE;
        template().sendBody("direct:flaky", "upload-1");

        assertThat(STEP.calls).hasValue(3);
        assertThat(SQS.sent).hasSize(1);
        assertThat(SQS.sent.get(0).messageBody()).isEqualTo("upload-1");
        assertThat(attr(SQS.sent.get(0), DeadLetters.ATTEMPTS)).isEqualTo("3");
        assertThat(attr(SQS.sent.get(0), DeadLetters.REASON)).isEqualTo("GitHub answered 502");
    }

    @Test
    void aFailureThatRecoversWithinTheRetriesIsNotDeadLettered() {
        STEP.failTimes = 2;
        Object result = template().requestBody("direct:flaky", "upload-2");

        assertThat(STEP.calls).hasValue(3);
        assertThat(result).isEqualTo("rewritten upload-2");
        assertThat(SQS.sent).isEmpty();
    }

    private ProducerTemplate template() {
        return context.createProducerTemplate();
    }

    private static String attr(SendMessageRequest request, String name) {
        return request.messageAttributes().get(name).stringValue();
    }
}
