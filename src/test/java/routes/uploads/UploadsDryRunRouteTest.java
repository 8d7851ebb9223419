package routes.uploads;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import harness.PipelineHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.uploads.UploadFixtures.*;

/**
 * Dry-run, as the original without keys (and the local profile): no GitHub token, no webhook key, no council lookup,
 * no error recipient. Nothing external is called; a valid upload still reaches the final bucket with its report.
 */
class UploadsDryRunRouteTest {
    static PipelineHarness uploads;
    CamelContext context;

    @BeforeAll
    static void start() {
        uploads = UploadsRouteTest.harness(Map.of("stage", "development", "uploads.github.token", "",
                "uploads.webhook.api-key", "", "uploads.council-lookup.url", "", "uploads.email.error-report", "")).start();
    }

    @AfterAll
    static void stop() {
        uploads.close();
    }

    String folder;

    @BeforeEach
    void reset() {
        context = uploads.context();
        UploadsRouteTest.HTTP.resetAll();
        UploadsRouteTest.SQS.sent.clear();
        folder = "X01000000/2019-12-12/2019-10-01T09:00:00." + UploadsRouteTest.UPLOAD_NUMBER.incrementAndGet();
    }

    private void upload(String name, byte[] body) {
        UploadsRouteTest.S3.put(UploadsRouteTest.UPLOADS, folder + "/" + name, body, "text/csv");
        String key = URLEncoder.encode(folder + "/" + name, StandardCharsets.UTF_8).replace("%2F", "/");
        context.createProducerTemplate().sendBody("direct:uploads-events", UploadsRouteTest.s3Event(UploadsRouteTest.UPLOADS, key));
    }

    /** GitHub, webhook and SES requests (the council lookup is configured by the shared test setup). */
    private static java.util.List<String> externalCalls() {
        return UploadsRouteTest.HTTP.getAllServeEvents().stream().map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
                .filter(call -> !call.startsWith("GET /api/beta/councils/")).toList();
    }

    @Test
    void validUploadReachesTheFinalBucketWithoutExternalCalls() throws Exception {
        upload("data.csv", idoxEros());

        assertThat(externalCalls()).isEmpty();
        var report = new ObjectMapper().readTree(UploadsRouteTest.S3.read(UploadsRouteTest.FINAL, folder + "/report.json"));
        assertThat(report.path("github_issue").asText()).isEmpty();
        assertThat(UploadsRouteTest.S3.exists(UploadsRouteTest.FINAL, folder + "/data.csv")).isTrue();
        assertThat(UploadsRouteTest.SQS.sent).isEmpty();
    }

    @Test
    void invalidUploadSendsNoEmailWithoutARecipient() {
        upload("data.csv", incompleteFile());

        assertThat(externalCalls()).as("no SES, no webhook").isEmpty();
        assertThat(UploadsRouteTest.S3.exists(UploadsRouteTest.FINAL, folder + "/report.json")).isFalse();
        assertThat(UploadsRouteTest.SQS.sent).isEmpty();
    }
}
