package routes.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared Step Functions piece on the real emulator (stepfunctions-local): the activity template and the queue
 * template feeding a test pipeline's echo processor (test-routes/step-functions-echo.yaml), the task-error
 * configuration, heartbeats, deferral, redelivered and expired tokens.
 */
@ExtendWith(LocalAwsExtension.class)
class StepFunctionsIT {
    private static LocalAws aws;
    private static LocalAws.RunningApplication app;

    @BeforeAll
    static void start(LocalAws localAws) {
        aws = localAws;
        aws.createResources(List.of(Path.of("src/test/resources/test-routes/step-functions-echo-resources.yaml")));
        app = aws.startApplication(Map.ofEntries(
                Map.entry("pipelines.enabled", "transforms"),
                Map.entry("pipelines.transforms.routes", ""), // only the stand-in route below
                Map.entry("pipelines.shared-routes", "classpath:routes/shared-beans.yaml,classpath:routes/error-handling.yaml,classpath:routes/operations.yaml,"
                        + "classpath:routes/step-functions.yaml,classpath:test-routes/step-functions-echo.yaml"),
                Map.entry("camel.beans.echoProcessor", "#class:" + EchoTaskProcessor.class.getName()),
                Map.entry("echo.activity", activityArn("echo")),
                Map.entry("echo.heartbeat-activity", activityArn("echo-heartbeat")),
                Map.entry("echo.heartbeat-interval", "PT0.5S"),
                Map.entry("echo.queue", "echo-tasks"),
                Map.entry("transforms.queue.dead-letter", "echo-tasks-dead-letters"),
                Map.entry("sfn.activity.empty-poll-delay", "200"),
                Map.entry("errors.maximum-redeliveries", "2"),
                Map.entry("errors.redelivery-delay", "100"),
                Map.entry("errors.maximum-redelivery-delay", "200")));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anActivityTaskSucceedsWithTheProcessorsOutput() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-flow", "{\"id\":\"" + id + "\",\"n\":1}");

        DescribeExecutionResponse done = awaitEnd(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"echo\":{\"id\":\"" + id + "\",\"n\":1},\"source\":\"activity\"}");
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(1);
    }

    @Test
    void aTaskFailureFailsTheExecutionWithItsErrorAndCause() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-flow", "{\"id\":\"" + id + "\",\"action\":\"fail\",\"error\":\"UnknownType\","
                + "\"cause\":\"type 'x' of dataset 'boligpriser' is not one of A, B\"}");

        assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failure(execution)).containsExactly("UnknownType", "type 'x' of dataset 'boligpriser' is not one of A, B");
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(1);
    }

    @Test
    void transientFaultsAreRetriedThenTheTaskSucceeds() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-flow", "{\"id\":\"" + id + "\",\"action\":\"flaky\",\"times\":2}");

        assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(3);
    }

    @Test
    void transientFaultsOutlastingTheRetriesFailTheTaskNamingWhatFailed() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-flow", "{\"id\":\"" + id + "\",\"action\":\"flaky\",\"times\":99}");

        assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failure(execution)).containsExactly(TaskFailure.RETRIES_EXHAUSTED,
                "TransientFailure after 3 attempts: S3 answered 503 for " + id);
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(3);
    }

    @Test
    void heartbeatsKeepALongTaskAlivePastItsHeartbeatWindow() {
        String id = UUID.randomUUID().toString();
        // HeartbeatSeconds 2, the work takes 4.5 s, the template heartbeats every 0.5 s
        String execution = startExecution("echo-heartbeat-flow", "{\"id\":\"" + id + "\",\"action\":\"sleep\",\"millis\":4500}");

        DescribeExecutionResponse done = awaitEnd(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).contains("\"source\":\"activity\"");
    }

    @Test
    void aTokenInAnSqsMessageIsCompletedThroughTheQueueTemplate() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-relay-flow", "{}");
        String token = takeTask("echo-relay").taskToken();

        sendTaskMessage("{\"TaskToken\":\"" + token + "\",\"Input\":{\"id\":\"" + id + "\",\"n\":2}}");

        DescribeExecutionResponse done = awaitEnd(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"echo\":{\"id\":\"" + id + "\",\"n\":2},\"source\":\"sqs\"}");
    }

    @Test
    void theSameTaskMessageDeliveredTwiceCompletesTheTaskOnce() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-relay-flow", "{}");
        String token = takeTask("echo-relay").taskToken();
        double sentBefore = callbacks("success", "sent");
        double goneBefore = callbacks("success", "token_gone");

        // the token beside the event's fields (the other accepted form)
        String message = "{\"TaskToken\":\"" + token + "\",\"id\":\"" + id + "\",\"action\":\"sleep\",\"millis\":300}";
        sendTaskMessage(message);
        sendTaskMessage(message);

        assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        awaitQueueEmpty();
        assertThat(callbacks("success", "sent") - sentBefore).isEqualTo(1);
        assertThat(callbacks("success", "token_gone") - goneBefore).isZero();
        assertThat(taskCallbacks().completion("transforms", token)).isEqualTo("SUCCEEDED");
    }

    @Test
    void anExpiredTokenIsLoggedAndDroppedNotRetried() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-expiring-flow", "{}");
        String token = takeTask("echo-expiring").taskToken();
        // HeartbeatSeconds 1 and nobody heartbeats: the emulator times the task out, and the execution with it
        assertThat(awaitEnd(execution).status()).isNotEqualTo(ExecutionStatus.SUCCEEDED);
        double goneBefore = callbacks("success", "token_gone");

        sendTaskMessage("{\"TaskToken\":\"" + token + "\",\"Input\":{\"id\":\"" + id + "\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> callbacks("success", "token_gone") - goneBefore == 1);
        awaitQueueEmpty();
        assertThat(taskCallbacks().completion("transforms", token)).isEqualTo("TOKEN_GONE TaskTimedOut");
        assertThat(EchoTaskProcessor.calls(id)).isEqualTo(1);
    }

    @Test
    void aDeferredTaskGetsNoCallbackUntilThePipelineCompletesIt() {
        String id = UUID.randomUUID().toString();
        String execution = startExecution("echo-flow", "{\"id\":\"" + id + "\",\"action\":\"defer\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> EchoTaskProcessor.DEFERRED_TOKENS.containsKey(id));
        String token = EchoTaskProcessor.DEFERRED_TOKENS.get(id);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> aws.sfn().describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.RUNNING);
        assertThat(taskCallbacks().completion("transforms", token)).isNull();

        assertThat(taskCallbacks().succeed("transforms", token, "{\"message\":\"signed off\"}")).isEqualTo(TaskCallbacks.Outcome.SENT);
        assertThat(taskCallbacks().succeed("transforms", token, "{\"message\":\"signed off\"}")).isEqualTo(TaskCallbacks.Outcome.ALREADY_SENT);
        DescribeExecutionResponse done = awaitEnd(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"message\":\"signed off\"}");
    }

    @Test
    void aQueueMessageWithoutATokenIsDeadLetteredWithTheReason() {
        sendTaskMessage("{\"Input\":{\"id\":\"no-token\"}}");

        List<Message> dead = await().atMost(Duration.ofSeconds(20)).until(() -> aws.sqs().receiveMessage(b -> b
                .queueUrl(aws.queueUrl("echo-tasks-dead-letters")).waitTimeSeconds(1).messageAttributeNames("All")).messages(),
                m -> !m.isEmpty());
        assertThat(dead.get(0).body()).isEqualTo("{\"Input\":{\"id\":\"no-token\"}}");
        assertThat(dead.get(0).messageAttributes().get("reason").stringValue())
                .isEqualTo("A task message has no TaskToken (a string): fields Input");
    }

    @Test
    void thePollersAreInTheHealthReport() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.url() + "/observe/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("sfn-activity-echo-activity").contains("sfn-activity-echo-heartbeat-activity");
    }

    private static GetActivityTaskResponse takeTask(String activity) {
        String arn = activityArn(activity);
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> aws.sfn().getActivityTask(b -> b.activityArn(arn).workerName("test")), t -> t.taskToken() != null);
    }

    private static void sendTaskMessage(String body) {
        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("echo-tasks")).messageBody(body));
    }

    private static void awaitQueueEmpty() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<QueueAttributeName, String> a = aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl("echo-tasks"))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }

    private static TaskCallbacks taskCallbacks() {
        return app.camelContext().getRegistry().lookupByNameAndType("taskCallbacks", TaskCallbacks.class);
    }

    /** The error and cause of the execution's failed task, from its history. */
    private static List<String> failure(String executionArn) {
        for (HistoryEvent event : history(executionArn)) {
            if (event.activityFailedEventDetails() != null) {
                return List.of(event.activityFailedEventDetails().error(), event.activityFailedEventDetails().cause());
            }
        }
        for (HistoryEvent event : history(executionArn)) {
            if (event.executionFailedEventDetails() != null) {
                return List.of(event.executionFailedEventDetails().error(), event.executionFailedEventDetails().cause());
            }
        }
        throw new AssertionError("No failure in the history of " + executionArn + ": " + history(executionArn));
    }

    private static String activityArn(String name) {
        return aws.sfn().listActivities(b -> b.maxResults(1000)).activities().stream()
                .filter(a -> a.name().equals(name)).findFirst().orElseThrow().activityArn();
    }

    private static String stateMachineArn(String name) {
        return aws.sfn().listStateMachines(b -> b.maxResults(1000)).stateMachines().stream()
                .filter(m -> m.name().equals(name)).findFirst().orElseThrow().stateMachineArn();
    }

    static String startExecution(String machine, String input) {
        return aws.sfn().startExecution(b -> b.stateMachineArn(stateMachineArn(machine)).input(input)).executionArn();
    }

    static DescribeExecutionResponse awaitEnd(String executionArn) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> aws.sfn().describeExecution(b -> b.executionArn(executionArn)),
                        d -> d.status() != ExecutionStatus.RUNNING);
    }

    static List<HistoryEvent> history(String executionArn) {
        return aws.sfn().getExecutionHistory(b -> b.executionArn(executionArn)).events();
    }

    static double callbacks(String callback, String outcome) {
        MeterRegistry registry = app.camelContext().getRegistry().findSingleByType(MeterRegistry.class);
        Counter counter = registry.find("step_functions_callbacks").tag("pipeline", "transforms")
                .tag("callback", callback).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
