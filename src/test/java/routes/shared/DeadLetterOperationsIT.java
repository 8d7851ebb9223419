package routes.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 #5 and issue 9 #13 through the operator endpoints on real SQS, S3 and DynamoDB: a replay reports each
 * message's real outcome (a message that fails again says so, not "failedAgain": false), and an operator can list
 * dead letters with their reasons and discard or archive one by id, logged with their name.
 */
@ExtendWith(LocalAwsExtension.class)
class DeadLetterOperationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void replayReportsEachOutcomeAndOperatorsListDiscardAndArchive(LocalAws aws) throws Exception {
        aws.createResources(List.of(Path.of("src/test/resources/test-routes/dead-letter-demo-resources.yaml")));
        DeadLetterReplayIT.DemoStep.broken = true;
        try (LocalAws.RunningApplication app = aws.startApplication(Map.of(
                "pipelines.enabled", "transforms",
                "pipelines.transforms.routes", "", // only the stand-in route below
                "pipelines.shared-routes", "classpath:routes/shared-beans.yaml,classpath:routes/error-handling.yaml,classpath:routes/operations.yaml,"
                        + "classpath:test-routes/dead-letter-demo.yaml",
                "camel.beans.demoStep", "#class:" + DeadLetterReplayIT.DemoStep.class.getName(),
                "transforms.queue.demo", "transforms-demo",
                "transforms.queue.demo-done", "transforms-demo-done",
                "transforms.queue.dead-letter", "transforms-demo-dead-letters",
                "admin.token", "it-token"))) {
            String base = app.url() + "/admin/dead-letters/transforms";
            for (String body : List.of("first", "second", "third")) {
                aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("transforms-demo")).messageBody(body));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> list(base).path("count").asInt() == 3);

            JsonNode listed = list(base);
            assertThat(listed.path("messages")).allSatisfy(m -> {
                assertThat(m.path("reason").asText()).startsWith("Demo input rejected: ");
                assertThat(m.path("attributes").path("routeId").asText()).isEqualTo("dead-letter-demo");
                assertThat(m.path("id").asText()).isNotBlank();
            });

            // a replay while still broken: every message is reported dead-lettered again, with its reason
            JsonNode replay = JSON.readTree(post(base + "/replay?wait=30", null).body());
            assertThat(replay.path("replayed").asInt()).isEqualTo(3);
            assertThat(replay.path("failedAgain").asBoolean()).isTrue();
            assertThat(replay.path("deadLetteredAgain").asInt()).isEqualTo(3);
            assertThat(replay.path("messages")).allSatisfy(m ->
                    assertThat(m.path("outcome").asText()).startsWith("dead-lettered again: Demo input rejected"));
            JsonNode later = get(base + "/replays/" + replay.path("replayId").asText());
            assertThat(later.path("deadLetteredAgain").asInt()).isEqualTo(3);

            // discard one, archive one: the operator must say who they are
            await().atMost(Duration.ofSeconds(30)).until(() -> list(base).path("count").asInt() == 3);
            List<String> ids = list(base).path("messages").findValuesAsText("id");
            assertThat(post(base + "/messages/" + ids.get(0) + "/discard", null).statusCode()).isEqualTo(400);
            assertThat(post(base + "/messages/" + ids.get(0) + "/discard", "Ada").statusCode()).isEqualTo(200);
            HttpResponse<String> archived = post(base + "/messages/" + ids.get(1) + "/archive", "Ada");
            assertThat(archived.statusCode()).as(archived.body()).isEqualTo(200);
            String archive = JSON.readTree(archived.body()).path("archive").asText();
            String bucket = aws.properties().apply("admin.dead-letter-archive.bucket");
            assertThat(archive).startsWith("s3://" + bucket + "/transforms/");
            String key = archive.substring(("s3://" + bucket + "/").length());
            JsonNode document = JSON.readTree(aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            assertThat(document.path("attributes").path("reason").asText()).startsWith("Demo input rejected: ");
            assertThat(document.path("archivedBy").asText()).isEqualTo("Ada");
            assertThat(document.path("body").asText()).isIn("first", "second", "third");
            assertThat(list(base).path("messages").findValuesAsText("id")).containsExactly(ids.get(2));
            assertThat(post(base + "/messages/no-such-id/discard", "Ada").statusCode()).isEqualTo(400);

            // fixed: the replay of the last one reports it succeeded
            DeadLetterReplayIT.DemoStep.broken = false;
            JsonNode fixed = JSON.readTree(post(base + "/replay?wait=30", null).body());
            assertThat(fixed.path("succeeded").asInt()).isEqualTo(1);
            assertThat(fixed.path("failedAgain").asBoolean()).isFalse();
            assertThat(fixed.path("pending").asInt()).isZero();
        }
    }

    private static JsonNode list(String base) throws Exception {
        return get(base + "/messages");
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer it-token")
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpResponse<String> post(String url, String operator) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer it-token")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (operator != null) {
            request.header("X-Operator", operator);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
