package routes.shared;

import harness.PipelineHarness;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.uploads.InMemoryLedger;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The templates and the task route of routes/step-functions.yaml with a scripted Step Functions
 * ({@link RecordingSfnClient}) and an in-memory ledger: what is sent, how often, for each way a task can end.
 * The queue template's SQS consumer is replaced by a direct endpoint.
 */
class StepFunctionsRouteTest {
    static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:echo";
    static final String HEARTBEAT_ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:echo-heartbeat";
    static final RecordingSfnClient SFN = new RecordingSfnClient();
    static final RecordingSqsClient SQS = new RecordingSqsClient();
    static final InMemoryLedger LEDGER = new InMemoryLedger();
    static PipelineHarness echo;
    static CamelContext context;

    /** The echo stand-in routes in place of the transforms pipeline's, wired as production wires a pipeline. */
    @BeforeAll
    static void start() {
        echo = PipelineHarness.pipeline("transforms")
                .routes("transforms", "classpath:test-routes/step-functions-echo.yaml")
                .properties(Map.ofEntries(
                        Map.entry("transforms.activity", ACTIVITY),
                        Map.entry("transforms.queue.tasks", "echo-tasks"),
                        Map.entry("transforms.queue.dead-letter", "echo-tasks-dead-letters"),
                        Map.entry("echo.activity", ACTIVITY),
                        Map.entry("echo.heartbeat-activity", HEARTBEAT_ACTIVITY),
                        Map.entry("echo.heartbeat-interval", "PT0.1S"),
                        Map.entry("echo.queue", "echo-tasks"),
                        Map.entry("sfn.activity.pollers", "2"),
                        Map.entry("sfn.activity.empty-poll-delay", "20"),
                        Map.entry("sfn.heartbeat-interval", "PT0S"),
                        Map.entry("sfn.queue.consumers", "1")))
                .bean("sfnClient", SFN).bean("sqsClient", SQS).bean("idempotencyLedger", LEDGER)
                .bean("echoProcessor", new EchoTaskProcessor())
                .replaceFrom("echo-queue", "direct:echo-queue")
                .start();
        context = echo.context();
    }

    @AfterAll
    static void stop() {
        echo.close();
    }

    @BeforeEach
    void reset() throws Exception {
        SFN.reset();
        SQS.sent.clear();
        if (!context.getRouteController().getRouteStatus("echo-activity").isStarted()) {
            context.getRouteController().startRoute("echo-activity"); // one test stops it
        }
    }

    @Test
    void anActivityTaskSucceedsOnceWithTheProcessorsOutput() {
        String id = id();
        SFN.addTask(ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.successes.size() == 1);
        assertThat(SFN.successes.get(0).taskToken()).isEqualTo("token-" + id);
        assertThat(SFN.successes.get(0).output()).isEqualTo("{\"echo\":{\"id\":\"" + id + "\"},\"source\":\"activity\"}");
        await().during(Duration.ofMillis(200)).until(() -> SFN.successes.size() == 1 && SFN.failures.isEmpty());
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(1);
        assertThat(LEDGER.resultOf("transforms", TaskCallbacks.effectKey("token-" + id))).contains("SUCCEEDED");
    }

    @Test
    void theTemplateRoutesBelongToTheirPipeline() {
        assertThat(context.getRoute("echo-activity").getGroup()).isEqualTo("transforms");
        assertThat(context.getRoute("echo-queue").getGroup()).isEqualTo("transforms");
    }

    @Test
    void aTaskFailureIsSentAtOnceWithItsErrorAndCause() {
        String id = id();
        SFN.addTask(ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\",\"action\":\"fail\",\"error\":\"EmptyPrefixError\",\"cause\":\"no object under raw/x/\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.failures.size() == 1);
        assertThat(SFN.failures.get(0).error()).isEqualTo("EmptyPrefixError");
        assertThat(SFN.failures.get(0).cause()).isEqualTo("no object under raw/x/");
        await().during(Duration.ofMillis(200)).until(() -> SFN.successes.isEmpty());
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(1);
    }

    @Test
    void transientFaultsAreRetriedAndTheTaskSucceeds() {
        String id = id();
        SFN.addTask(ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\",\"action\":\"flaky\",\"times\":2}");

        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.successes.size() == 1);
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(3);
        assertThat(SFN.failures).isEmpty();
    }

    @Test
    void transientFaultsOutlastingTheRetriesFailTheTaskNamingWhatFailed() {
        String id = id();
        SFN.addTask(ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\",\"action\":\"flaky\",\"times\":99}");

        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.failures.size() == 1);
        assertThat(SFN.failures.get(0).error()).isEqualTo("TaskRetriesExhausted");
        assertThat(SFN.failures.get(0).cause()).isEqualTo("TransientFailure after 3 attempts: S3 answered 503 for " + id);
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(3);
        assertThat(SFN.successes).isEmpty();
    }

    @Test
    void aFailingSendTaskSuccessIsRetriedAndSentOnce() {
        String id = id();
        SFN.successAnswers.add(() -> RecordingSfnClient.answer(SfnException.builder(), "ServiceUnavailable", 503));
        SFN.addTask(ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.successes.size() == 2);
        await().during(Duration.ofMillis(200)).until(() -> SFN.successes.size() == 2 && SFN.failures.isEmpty());
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(1);
        assertThat(LEDGER.resultOf("transforms", TaskCallbacks.effectKey("token-" + id))).contains("SUCCEEDED");
    }

    @Test
    void anExpiredTokenIsDroppedWithoutRetryOrFailure() {
        String id = id();
        SFN.successAnswers.add(() -> RecordingSfnClient.answer(TaskTimedOutException.builder(), "TaskTimedOut", 400));
        SFN.addTask(ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.successes.size() == 1);
        await().during(Duration.ofMillis(300)).until(() -> SFN.successes.size() == 1 && SFN.failures.isEmpty());
        assertThat(LEDGER.resultOf("transforms", TaskCallbacks.effectKey("token-" + id))).contains("TOKEN_GONE TaskTimedOut");
    }

    @Test
    void aDeferredTaskGetsNoCallback() {
        String id = id();
        SFN.addTask(ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\",\"action\":\"defer\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> EchoTaskProcessor.DEFERRED_TOKENS.containsKey(id));
        await().during(Duration.ofMillis(300)).until(() -> SFN.successes.isEmpty() && SFN.failures.isEmpty());
        assertThat(EchoTaskProcessor.DEFERRED_TOKENS.get(id)).isEqualTo("token-" + id);
    }

    @Test
    void aLongTaskIsHeartbeatedWhileItRunsAndNotAfter() {
        String id = id();
        long start = System.nanoTime();
        SFN.addTask(HEARTBEAT_ACTIVITY, "token-" + id, "{\"id\":\"" + id + "\",\"action\":\"sleep\",\"millis\":550}");

        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.successes.size() == 1);
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        int beats = SFN.heartbeats.size();
        // every 100 ms while the task runs: at least two in 550 ms, never more than the time it took allows (a loaded
        // machine stretches the task, so the bound is the measured time, not the nominal 550 ms)
        assertThat(beats).isBetween(2, (int) (tookMillis / 100) + 1);
        assertThat(SFN.heartbeats).allSatisfy(h -> assertThat(h.taskToken()).isEqualTo("token-" + id));
        await().during(Duration.ofMillis(300)).until(() -> SFN.heartbeats.size() == beats);
    }

    @Test
    void aQueueMessageIsProcessedOnceHoweverOftenItIsDelivered() {
        String id = id();
        String message = "{\"TaskToken\":\"token-" + id + "\",\"Input\":{\"id\":\"" + id + "\"}}";
        template("direct:echo-queue", message);
        template("direct:echo-queue", message);

        assertThat(SFN.successes).hasSize(1);
        assertThat(SFN.successes.get(0).output()).isEqualTo("{\"echo\":{\"id\":\"" + id + "\"},\"source\":\"sqs\"}");
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(1);
    }

    @Test
    void theTokenMayStandBesideTheEventsFields() {
        String id = id();
        template("direct:echo-queue", "{\"TaskToken\":\"token-" + id + "\",\"id\":\"" + id + "\",\"n\":3}");

        assertThat(SFN.successes).hasSize(1);
        assertThat(SFN.successes.get(0).output()).isEqualTo("{\"echo\":{\"id\":\"" + id + "\",\"n\":3},\"source\":\"sqs\"}");
    }

    @Test
    void aQueueMessageWithoutATokenIsDeadLetteredNotFailed() {
        template("direct:echo-queue", "{\"id\":\"x\"}");

        assertThat(SFN.failures).isEmpty();
        assertThat(SQS.sent).hasSize(1);
        assertThat(SQS.sent.get(0).queueUrl()).endsWith("/echo-tasks-dead-letters");
        assertThat(SQS.sent.get(0).messageAttributes().get(DeadLetters.REASON).stringValue())
                .isEqualTo("A task message has no TaskToken (a string): fields id");
    }

    @Test
    void pollersWorkConcurrently() {
        String first = id();
        String second = id();
        SFN.addTask(HEARTBEAT_ACTIVITY, "token-" + first, "{\"id\":\"" + first + "\",\"action\":\"sleep\",\"millis\":1500}");
        SFN.addTask(HEARTBEAT_ACTIVITY, "token-" + second, "{\"id\":\"" + second + "\",\"action\":\"sleep\",\"millis\":1500}");

        // both tasks are in the processor at once: two pollers
        await().atMost(Duration.ofSeconds(1)).until(() -> EchoTaskProcessor.calls(first) == 1 && EchoTaskProcessor.calls(second) == 1
                && SFN.successes.isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> SFN.successes.size() == 2);
    }

    @Test
    void stoppingLetsTheTaskInHandFinishAndPollsNoMore() throws Exception {
        String running = id();
        SFN.addTask(ACTIVITY, "token-" + running, "{\"id\":\"" + running + "\",\"action\":\"sleep\",\"millis\":700}");
        await().atMost(Duration.ofSeconds(5)).until(() -> EchoTaskProcessor.calls(running) == 1);

        context.getRouteController().stopRoute("echo-activity");

        assertThat(SFN.successes).extracting(r -> r.taskToken()).containsExactly("token-" + running);
        SFN.addTask(ACTIVITY, "token-late", "{\"id\":\"late\"}");
        await().during(Duration.ofMillis(300)).until(() -> SFN.tasks.get(ACTIVITY).size() == 1);
        assertThat(EchoTaskProcessor.calls("late")).isZero();
    }

    @Test
    void withoutATokenTheFailureGoesBackToTheCaller() {
        // a processor called over HTTP (taskSource=http, no token): nothing to complete, the caller answers
        assertThatThrownBy(() -> context.createProducerTemplate().requestBodyAndHeader("direct:echo-task",
                "{\"id\":\"h\",\"action\":\"fail\",\"error\":\"UnknownType\",\"cause\":\"type 'x'\"}", "ignored", "x"))
                .hasRootCauseInstanceOf(TaskFailure.class).hasRootCauseMessage("type 'x'");
        assertThat(SFN.failures).isEmpty();
        assertThat(SFN.successes).isEmpty();
    }

    private void template(String uri, String body) {
        context.createProducerTemplate().sendBody(uri, body);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
