package routes.shared;

import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through real SQS (ElasticMQ): a message that fails lands in the pipeline's dead-letter queue with its original body
 * and the reason; the replay endpoint sends it back, and once the fault is gone it is processed.
 */
@ExtendWith(LocalAwsExtension.class)
class DeadLetterReplayIT {
    /** Fails with wrong input while {@code broken} is set. */
    public static class DemoStep {
        public static volatile boolean broken = true;

        public String process(String body) {
            if (broken) {
                throw new PermanentFailure("Demo input rejected: " + body.length() + " characters");
            }
            return body;
        }
    }

    @Test
    void deadLettersCarryTheReasonAndReplayProcessesThem(LocalAws aws) throws Exception {
        aws.createResources(List.of(Path.of("src/test/resources/test-routes/dead-letter-demo-resources.yaml")));
        DemoStep.broken = true;
        try (LocalAws.RunningApplication app = aws.startApplication(Map.of(
                "pipelines.enabled", "transforms",
                "pipelines.transforms.routes", "", // only the stand-in route below
                "pipelines.shared-routes", "classpath:routes/shared-beans.yaml,classpath:routes/error-handling.yaml,classpath:routes/operations.yaml,"
                        + "classpath:test-routes/dead-letter-demo.yaml",
                "camel.beans.demoStep", "#class:" + DemoStep.class.getName(),
                "transforms.queue.demo", "transforms-demo",
                "transforms.queue.demo-done", "transforms-demo-done",
                "transforms.queue.dead-letter", "transforms-demo-dead-letters",
                "admin.token", "it-token"))) {
            String body = "{\"folder\":\"X01/2026-05-07/2026-04-01T10:00:00/\"}";
            String firstId = aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("transforms-demo")).messageBody(body)).messageId();

            Message dead = receiveOne(aws, "transforms-demo-dead-letters");
            assertThat(dead.messageAttributes().get("originalMessageId").stringValue()).isEqualTo(firstId);
            assertThat(dead.body()).isEqualTo(body);
            assertThat(dead.messageAttributes().get("reason").stringValue()).isEqualTo("Demo input rejected: 48 characters");
            assertThat(dead.messageAttributes().get("pipeline").stringValue()).isEqualTo("transforms");
            assertThat(dead.messageAttributes().get("routeId").stringValue()).isEqualTo("dead-letter-demo");
            assertThat(dead.messageAttributes().get("sourceQueue").stringValue()).isEqualTo("transforms-demo");
            // put it back for the replay (receiving it made it invisible)
            aws.sqs().changeMessageVisibility(b -> b.queueUrl(aws.queueUrl("transforms-demo-dead-letters"))
                    .receiptHandle(dead.receiptHandle()).visibilityTimeout(0));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/admin/dead-letters/transforms/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);

            // replayed while still broken: dead-lettered again, still known by its first message id
            HttpResponse<String> early = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/admin/dead-letters/transforms/replay"))
                    .header("Authorization", "Bearer it-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(early.body()).contains("\"replayed\":1");
            Message again = receiveOne(aws, "transforms-demo-dead-letters");
            assertThat(again.messageId()).isNotEqualTo(dead.messageId());
            assertThat(again.messageAttributes().get("originalMessageId").stringValue()).isEqualTo(firstId);
            aws.sqs().changeMessageVisibility(b -> b.queueUrl(aws.queueUrl("transforms-demo-dead-letters"))
                    .receiptHandle(again.receiptHandle()).visibilityTimeout(0));

            DemoStep.broken = false;
            HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/admin/dead-letters/transforms/replay"))
                    .header("Authorization", "Bearer it-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body()).contains("\"replayed\":1");

            Message done = receiveOne(aws, "transforms-demo-done");
            assertThat(done.body()).isEqualTo(body);
            HttpResponse<String> depth = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/admin/dead-letters/transforms"))
                    .header("Authorization", "Bearer it-token").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(depth.body()).contains("\"messages\":0");
        }
    }

    private static Message receiveOne(LocalAws aws, String queue) {
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < 30 && got.isEmpty(); i++) {
            got.addAll(aws.sqs().receiveMessage(b -> b.queueUrl(aws.queueUrl(queue)).waitTimeSeconds(1)
                    .maxNumberOfMessages(1).messageAttributeNames("All")).messages());
        }
        assertThat(got).as("a message on " + queue).hasSize(1);
        return got.get(0);
    }
}
