package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The transforms pipeline end to end on the local AWS: the HTTP way in, a state machine on the Step Functions
 * emulator whose task is our activity, and the SQS .waitForTaskToken way in with a real token taken from an activity
 * task (the emulator cannot send SQS task messages itself).
 */
@ExtendWith(LocalAwsExtension.class)
class TransformsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BUCKET = "bydelsfakta-data";
    static final String PREFIX = "processed/yellow/boligpriser-blokkleiligheter/version=1/edition=20200101T000000/";
    static LocalAws aws;
    static LocalAws.RunningApplication app;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(LocalAws localAws) throws Exception {
        aws = localAws;
        aws.createResources(List.of(Path.of("src/test/resources/transforms/transforms-it-resources.yaml")));
        Path csv = new OsloData(1).boligpriser(dir);
        aws.s3().putObject(b -> b.bucket(BUCKET).key(PREFIX + "boligpriser.csv"), RequestBody.fromFile(csv));
        app = aws.startApplication(Map.of(
                "pipelines.enabled", "transforms",
                "sfn.activity.empty-poll-delay", "200",
                "errors.maximum-redeliveries", "1",
                "errors.redelivery-delay", "100"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static String event(String function, String type, String output, Map<String, String> inputs) {
        return TaskEvents.event(function, type, output, inputs);
    }

    static String outputPrefix(String output) {
        return TaskEvents.outputPrefix(output);
    }

    static List<String> keys(String prefix) {
        return aws.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(o -> o.key()).sorted().toList();
    }

    HttpResponse<String> post(String function, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "/transforms/" + function))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpAnswersTheNewStepDataAndWritesTheDistrictFiles() throws Exception {
        String output = "boligpriser-http-" + UUID.randomUUID();
        HttpResponse<String> response = post("boligpriser", event("boligpriser", "status", output, Map.of("boligpriser-blokkleiligheter", PREFIX)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"s3_input_prefixes\":{\"" + output + "\":\"" + outputPrefix(output) + "\"},\"status\":\"OK\",\"errors\":[]}"));
        List<String> keys = keys(outputPrefix(output));
        assertThat(keys).hasSize(16).contains(outputPrefix(output) + "00.json", outputPrefix(output) + "15.json");
        String sagene = aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(outputPrefix(output) + "03.json")).asUtf8String();
        assertThat(sagene).startsWith("{\"district\": \"Bydel Sagene\", \"id\": \"03\", \"data\": [{\"id\": \"0301\"");
    }

    @Test
    void httpNamesTheFaultyInput() throws Exception {
        HttpResponse<String> missing = post("boligpriser", event("boligpriser", "status", "x", Map.of("boligpriser-blokkleiligheter", "processed/nothing/")));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("EmptyPrefixError");
        assertThat(JSON.readTree(missing.body()).get("cause").asText()).contains("boligpriser-blokkleiligheter").contains("processed/nothing/");
        HttpResponse<String> unknown = post("nope", event("nope", "status", "x", Map.of()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("UnknownFunction");
    }

    @Test
    void aStateMachineTaskOnTheActivitySucceedsWithTheStepData() throws Exception {
        String output = "boligpriser-sfn-" + UUID.randomUUID();
        String execution = startExecution(event("boligpriser", "historisk", output, Map.of("boligpriser-blokkleiligheter", PREFIX)));
        DescribeExecutionResponse done = awaitEnd(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(done.output())).isEqualTo(JSON.readTree(
                "{\"s3_input_prefixes\":{\"" + output + "\":\"" + outputPrefix(output) + "\"},\"status\":\"OK\",\"errors\":[]}"));
        assertThat(keys(outputPrefix(output))).hasSize(16);
    }

    @Test
    void aWrongInputFailsTheExecutionWithOurErrorAndCause() {
        String execution = startExecution(event("boligpriser", "alle_status", "x", Map.of("boligpriser-blokkleiligheter", PREFIX)));
        assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.FAILED);
        HistoryEvent failed = aws.sfn().getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .filter(e -> e.activityFailedEventDetails() != null).findFirst().orElseThrow();
        assertThat(failed.activityFailedEventDetails().error()).isEqualTo("UnknownType");
        assertThat(failed.activityFailedEventDetails().cause()).isEqualTo("boligpriser does not know type 'alle_status'; it accepts [status, historisk]");
    }

    @Test
    void anSqsTaskMessageWithARealTokenCompletesTheTask() throws Exception {
        String output = "boligpriser-sqs-" + UUID.randomUUID();
        String execution = startMachine("transforms-it-relay", event("boligpriser", "status", output, Map.of("boligpriser-blokkleiligheter", PREFIX)));
        GetActivityTaskResponse task = relayTask();
        String message = JSON.createObjectNode().put("TaskToken", task.taskToken()).set("Input", JSON.readTree(task.input())).toString();
        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("bydelsfakta-transform-tasks")).messageBody(message));
        DescribeExecutionResponse done = awaitEnd(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(done.output()).get("s3_input_prefixes").get(output).asText()).isEqualTo(outputPrefix(output));
        assertThat(keys(outputPrefix(output))).hasSize(16);
    }

    @Test
    void anExpiredTokenIsRecordedAndDroppedNotRetried() throws Exception {
        // HeartbeatSeconds 1 on the relay-expiring machine: the token is gone before the message is sent
        String execution = startMachine("transforms-it-expiring", event("boligpriser", "status", "late", Map.of("boligpriser-blokkleiligheter", PREFIX)));
        GetActivityTaskResponse task = relayTask();
        await().atMost(Duration.ofSeconds(20)).until(() -> awaitEnd(execution).status() != ExecutionStatus.RUNNING);
        assertThatThrownBy(() -> aws.sfn().sendTaskHeartbeat(b -> b.taskToken(task.taskToken()))).isInstanceOf(TaskTimedOutException.class);
        String message = JSON.createObjectNode().put("TaskToken", task.taskToken()).set("Input", JSON.readTree(task.input())).toString();
        String queue = aws.queueUrl("bydelsfakta-transform-tasks");
        aws.sqs().sendMessage(b -> b.queueUrl(queue).messageBody(message));
        // the task ran, SendTaskSuccess answered TaskTimedOut: recorded, the message deleted, nothing retried
        await().atMost(Duration.ofSeconds(30)).until(() -> !keys(outputPrefix("late")).isEmpty()
                && "0".equals(aws.sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().entrySet().stream().map(e -> e.getValue()).reduce("0", (a, c) -> "0".equals(a) && "0".equals(c) ? "0" : "1")));
        assertThat(aws.dynamoDb().scan(b -> b.tableName("camel-pipelines-ledger")).items().stream()
                .map(Object::toString).filter(s -> s.contains("TOKEN_GONE")).toList()).isNotEmpty();
    }

    static GetActivityTaskResponse relayTask() {
        String arn = activityArn("transforms-it-relay");
        GetActivityTaskResponse[] found = new GetActivityTaskResponse[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            GetActivityTaskResponse r = aws.sfn().getActivityTask(b -> b.activityArn(arn).workerName("it-relay"));
            found[0] = r;
            return r.taskToken() != null && !r.taskToken().isEmpty();
        });
        return found[0];
    }

    static String activityArn(String name) {
        return aws.sfn().listActivities(b -> b.maxResults(1000)).activities().stream()
                .filter(a -> a.name().equals(name)).findFirst().orElseThrow().activityArn();
    }

    static String startExecution(String input) {
        return startMachine("befolkningsutvikling-og-forventet-utvikling", input);
    }

    static String startMachine(String machine, String input) {
        String arn = aws.sfn().listStateMachines(b -> b.maxResults(1000)).stateMachines().stream()
                .filter(m -> m.name().equals(machine)).findFirst().orElseThrow().stateMachineArn();
        return aws.sfn().startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
    }

    static DescribeExecutionResponse awaitEnd(String execution) {
        DescribeExecutionResponse[] last = new DescribeExecutionResponse[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = aws.sfn().describeExecution(b -> b.executionArn(execution));
            return last[0].status() != ExecutionStatus.RUNNING;
        });
        return last[0];
    }
}
