package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import harness.PipelineHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.email.InMemoryS3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /transforms/{function} on the transforms pipeline as production wires it (harness.PipelineHarness), its
 * bucket an in-memory S3; the activity and queue consumers are replaced (no Step Functions, no SQS here).
 */
class TransformsHttpRouteTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BUCKET = "transforms-route-test";
    static final String FRA = "processed/green/flytting-fra-etter-alder/version=1/edition=1/";
    static final String TIL = "processed/green/flytting-til-etter-alder/version=1/edition=1/";
    static final String VGS = "processed/green/ikke-fullfort-vgs/version=1/edition=1/";
    static final InMemoryS3 S3 = new InMemoryS3();
    static PipelineHarness transforms;

    static PipelineHarness start(Map<String, String> properties) {
        return PipelineHarness.pipeline("transforms")
                .properties(Map.of("transforms.bucket", BUCKET, "transforms.activity", "arn:aws:states:us-east-1:000000000000:activity:route-test",
                        "transforms.queue.tasks", "route-test-tasks", "transforms.queue.dead-letter", "route-test-dead-letters"))
                .properties(properties)
                .bean("s3Client", S3)
                .replaceFrom("transforms-activity", "direct:transforms-route-test-activity")
                .replaceFrom("transforms-queue", "direct:transforms-route-test-queue")
                .start();
    }

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("transforms-route-");
        OsloData oslo = new OsloData(1);
        S3.store(BUCKET, FRA + "fra.csv", Files.readAllBytes(oslo.migration(dir, false)), Map.of());
        S3.store(BUCKET, TIL + "til.csv", Files.readAllBytes(oslo.migration(dir, true)), Map.of());
        S3.store(BUCKET, VGS + "vgs.csv", Files.readAllBytes(oslo.dataset("ikke-fullfort-vgs", dir)), Map.of());
        transforms = start(Map.of());
    }

    @AfterAll
    static void stop() {
        transforms.close();
    }

    static String event(String function, String type, String output, Map<String, String> inputs) {
        return TaskEvents.event(function, type, output, inputs);
    }

    static String outputPrefix(String output) {
        return TaskEvents.outputPrefix(output);
    }

    static HttpResponse<String> post(PipelineHarness app, String function, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "/transforms/" + function))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheNewStepDataAndWritesTheDistrictFiles() throws Exception {
        HttpResponse<String> response = post(transforms, "flyttehyppighet-totalt",
                event("flyttehyppighet-totalt", "status", "flytting-route", Map.of("flytting-fra-etter-alder", FRA, "flytting-til-etter-alder", TIL)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"s3_input_prefixes\":{\"flytting-route\":\""
                + outputPrefix("flytting-route") + "\"},\"status\":\"OK\",\"errors\":[]}"));
        List<String> keys = S3.in(BUCKET).stream().map(InMemoryS3.StoredObject::key).filter(k -> k.startsWith(outputPrefix("flytting-route"))).sorted().toList();
        assertThat(keys).hasSize(16).contains(outputPrefix("flytting-route") + "00.json", outputPrefix("flytting-route") + "15.json");
        JsonNode grunerlokka = JSON.readTree(S3.get(BUCKET, outputPrefix("flytting-route") + "02.json").text());
        assertThat(grunerlokka.get("data").get(0).get("values").get("year").asInt()).isEqualTo(OsloData.LAST_YEAR);
        // no request header comes back on the answer
        assertThat(response.headers().firstValue("function")).isEmpty();
    }

    @Test
    void anUnknownFunctionIs404WithTheKnownNames() throws Exception {
        HttpResponse<String> response = post(transforms, "no-such-function", event("no-such-function", "status", "x", Map.of()));
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("UnknownFunction");
        assertThat(body.get("cause").asText()).contains("flyttehyppighet-totalt", "landbakgrunn-innvandringsgrupper", "trangboddhet");
    }

    @Test
    void anUnknownTypeIs422NeverASilentOk() throws Exception {
        HttpResponse<String> response = post(transforms, "flyttehyppighet-totalt",
                event("flyttehyppighet-totalt", "alle_status", "x", Map.of("flytting-fra-etter-alder", FRA, "flytting-til-etter-alder", TIL)));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("UnknownType");
        assertThat(JSON.readTree(response.body()).get("cause").asText()).isEqualTo("flyttehyppighet-totalt does not know type 'alle_status'; it accepts [historisk, status]");
    }

    @Test
    void fixOriginalDefectsReachesTheFiles() throws Exception {
        String body = event("ikke-fullfort-vgs", "status", "vgs-route", Map.of("ikke-fullfort-vgs", VGS));
        assertThat(post(transforms, "ikke-fullfort-vgs", body).statusCode()).isEqualTo(200);
        assertThat(S3.get(BUCKET, outputPrefix("vgs-route") + "03.json").text()).contains("\"series\": [{\"Heading\": ");
        try (PipelineHarness fixing = start(Map.of("transforms.fix-original-defects", "true"))) {
            assertThat(post(fixing, "ikke-fullfort-vgs", body).statusCode()).isEqualTo(200);
            assertThat(S3.get(BUCKET, outputPrefix("vgs-route") + "03.json").text()).contains("\"series\": [{\"heading\": ").doesNotContain("Heading");
        }
    }

    @Test
    void aChangedInputObjectIsReadAgainNotTheEnginesHeldCopy() throws Exception {
        String vgs = "processed/green/ikke-fullfort-vgs/version=2/edition=1/";
        Path dir = Files.createTempDirectory("transforms-route-changed-");
        byte[] original = Files.readAllBytes(new OsloData(1).dataset("ikke-fullfort-vgs", dir));
        S3.store(BUCKET, vgs + "vgs.csv", original, Map.of());
        String body = event("ikke-fullfort-vgs", "status", "vgs-changed", Map.of("ikke-fullfort-vgs", vgs));
        assertThat(post(transforms, "ikke-fullfort-vgs", body).statusCode()).isEqualTo(200);
        assertThat(post(transforms, "ikke-fullfort-vgs", body).statusCode()).isEqualTo(200); // the held copy
        assertThat(year(outputPrefix("vgs-changed") + "03.json")).isEqualTo(OsloData.LAST_YEAR);
        // the same key rewritten without its last year: a new ETag, so the task reads the new object
        String withoutLastYear = new String(original, java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith(OsloData.LAST_YEAR + ";")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        S3.store(BUCKET, vgs + "vgs.csv", withoutLastYear.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
        assertThat(post(transforms, "ikke-fullfort-vgs", body).statusCode()).isEqualTo(200);
        assertThat(year(outputPrefix("vgs-changed") + "03.json")).isEqualTo(OsloData.LAST_YEAR - 1);
    }

    static int year(String key) throws IOException {
        JsonNode file = JSON.readTree(S3.get(BUCKET, key).text());
        return file.get("data").get(0).get("values").get(0).get("date").asInt();
    }
}
