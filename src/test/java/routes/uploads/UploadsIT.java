package routes.uploads;

import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import org.awaitility.Awaitility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.concurrent.Callable;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static routes.uploads.UploadFixtures.*;

/**
 * The whole application (local profile) against the local AWS: files put in the uploads bucket are announced by the
 * local S3 notifier on the events queue (real SQS), decisions are locked in the real ledger table (DynamoDB), the
 * error email goes to the SES emulator; GitHub, the council lookup and the WDIV webhook are HTTP stubs.
 */
@ExtendWith(LocalAwsExtension.class)
class UploadsIT {
    static final String UPLOADS = "uploads-temp";
    static final String FINAL = "uploads-final";
    static final String REPO = "/api/v3/repos/chris48s/does-not-exist";
    static final ObjectMapper JSON = new ObjectMapper();
    static final WireMockServer HTTP = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    static final AtomicInteger N = new AtomicInteger();
    static LocalAws aws;
    static LocalAws.RunningApplication app;

    String folder;

    @BeforeAll
    static void start(LocalAws localAws) {
        aws = localAws;
        HTTP.start();
        app = aws.startApplication(Map.ofEntries(
                Map.entry("pipelines.enabled", "uploads"),
                Map.entry("stage", "production"),
                Map.entry("uploads.github.url", HTTP.baseUrl()),
                Map.entry("uploads.github.repo", "chris48s/does-not-exist"),
                Map.entry("uploads.github.token", "testing"),
                Map.entry("uploads.webhook.url", HTTP.baseUrl() + "/api/beta/uploads/"),
                Map.entry("uploads.webhook.api-key", "testing"),
                Map.entry("uploads.council-lookup.url", HTTP.baseUrl() + "/api/beta/councils"),
                Map.entry("uploads.email.error-report", "fred@example.com"),
                Map.entry("uploads.quiet-period", "PT4S"),
                Map.entry("errors.maximum-redeliveries", "2"),
                Map.entry("errors.redelivery-delay", "50"),
                Map.entry("errors.retry-later.initial-delay", "PT1S"),
                Map.entry("errors.retry-later.maximum-delay", "PT2S")));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        HTTP.stop();
    }

    @BeforeEach
    void stubs() {
        HTTP.resetAll();
        folder = "X01000000/2019-12-12/2019-09-30T17:00:02.9" + String.format("%05d", N.incrementAndGet());
        HTTP.stubFor(get("/api/beta/councils/X01000000.json").willReturn(okJson("{\"name\": \"Piddleton Parish Council\"}")));
        HTTP.stubFor(get(urlPathEqualTo(REPO + "/issues")).willReturn(okJson("[]")));
        HTTP.stubFor(post(REPO + "/issues").willReturn(jsonResponse(
                "{\"number\": 1, \"html_url\": \"https://github.com/chris48s/does-not-exist/issues/1\"}", 201)));
        HTTP.stubFor(post("/api/beta/uploads/").willReturn(okJson("{}")));
    }

    @Test
    void validOneFile() throws Exception {
        put("data.csv", idoxEros());
        JsonNode report = awaitWebhook(1);

        assertThat(report.path("github_issue").asText()).isEqualTo("https://github.com/chris48s/does-not-exist/issues/1");
        assertThat(report.path("council_name").asText()).isEqualTo("Piddleton Parish Council");
        assertThat(report.path("file_set").get(0).path("ems").asText()).isEqualTo(Ems.IDOX_EROS);
        String stored = aws.s3().getObjectAsBytes(b -> b.bucket(FINAL).key(folder + "/report.json")).asUtf8String();
        assertThat(JSON.readTree(stored)).isEqualTo(report);
        assertThat(aws.s3().headObject(b -> b.bucket(FINAL).key(folder + "/data.csv")).contentLength()).isEqualTo(idoxEros().length);
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo(REPO + "/issues")))).hasSize(1);
    }

    @Test
    void validDemocracyCountsPairUploadedTogetherIsDecidedOnce() throws Exception {
        put("ems-dcounts-stations.csv", dcStations());
        put("ems-dcounts-districts.csv", dcDistricts());
        JsonNode report = awaitWebhook(1);

        assertThat(report.path("file_set")).hasSize(2);
        assertThat(report.path("file_set").get(0).path("key").asText()).endsWith("ems-dcounts-districts.csv");
        assertThat(report.path("file_set").get(0).path("csv_valid").asBoolean()).isTrue();
        settle();
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/")))).hasSize(1);
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo(REPO + "/issues")))).hasSize(1);
    }

    @Test
    void democracyCountsSingleFileWaitsForTheQuietPeriodThenFailsWithoutEmail() throws Exception {
        int emailsBefore = aws.sesSentEmails().size();
        put("ems-dcounts-stations.csv", dcStations());
        JsonNode report = awaitWebhook(1);

        assertThat(report.path("file_set").get(0).path("errors").asText()).isEqualTo("Expected 2 files, found 1");
        assertThat(aws.sesSentEmails().size()).isEqualTo(emailsBefore);
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo(REPO + "/issues")))).isEmpty();
    }

    @Test
    void invalidFileSendsTheErrorEmailToTheSesEmulator() throws Exception {
        put("data.csv", incompleteFile());
        JsonNode report = awaitWebhook(1);

        assertThat(report.path("file_set").get(0).path("errors").asText()).isEqualTo("Incomplete file: Expected 38 columns on row 10 found 7");
        await(() -> emailsWithSubject("Error with data for council X01000000-Piddleton Parish Council", folder) == 1);
        assertThat(aws.s3().listObjectsV2(b -> b.bucket(FINAL).prefix(folder + "/")).contents()).isEmpty();
        // the marker header reaches SES (the emulator keeps a v2 email's headers): the webhook's key of this decision
        String key = HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/"))).stream()
                .filter(r -> r.getBodyAsString().contains(folder)).findFirst().orElseThrow().getHeader("Idempotency-Key");
        JsonNode mail = null;
        for (JsonNode m : aws.sesSentEmails()) {
            if (m.toString().contains(folder)) {
                mail = m;
            }
        }
        assertThat(mail.path("headers").toString())
                .isEqualTo("[{\"name\":\"" + ErrorEmail.IDEMPOTENCY_HEADER + "\",\"value\":\"" + key + "\"}]");
    }

    @Test
    void jsonSnapshots() throws Exception {
        put("snapshot.json", fcsJson());
        JsonNode report = awaitWebhook(1);
        assertThat(report.path("file_set").get(0).path("ems").asText()).isEqualTo(Ems.FCS);
        assertThat(report.path("file_set").get(0).path("csv_rows").asInt()).isEqualTo(6);

        HTTP.resetRequests();
        folder = folder + "1";
        put("snapshot.json", invalidJson());
        JsonNode invalid = awaitWebhook(1);
        assertThat(invalid.path("file_set").get(0).path("errors").asText()).isEqualTo("Expecting value: line 1 column 1 (char 0)");
    }

    @Test
    void duplicateNotificationsMakeOneDecision() throws Exception {
        put("data.csv", idoxEros());
        awaitWebhook(1);
        String event = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\""
                + UPLOADS + "\"},\"object\":{\"key\":\"" + URLEncoder.encode(folder + "/data.csv", StandardCharsets.UTF_8).replace("%2F", "/") + "\"}}}]}";
        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("uploads-events")).messageBody(event));
        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("uploads-events")).messageBody(event));
        settle();

        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/")))).hasSize(1);
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo(REPO + "/issues")))).hasSize(1);
    }

    @Test
    void webhookFailingThenRecovering() throws Exception {
        HTTP.stubFor(post("/api/beta/uploads/").inScenario("wdiv").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        HTTP.stubFor(post("/api/beta/uploads/").inScenario("wdiv").whenScenarioStateIs("up").willReturn(okJson("{}")));
        put("data.csv", idoxEros());
        awaitWebhook(2);
        settle();

        List<LoggedRequest> posts = HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/")));
        assertThat(posts).hasSize(2);
        // issue 14 #2: the retry carries the same key, so the receiver can apply the report once
        assertThat(posts).extracting(r -> r.getHeader(WdivWebhook.IDEMPOTENCY_KEY)).doesNotContainNull()
                .containsOnly(posts.get(0).getHeader(WdivWebhook.IDEMPOTENCY_KEY)).hasSize(2);
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo(REPO + "/issues")))).hasSize(1);
    }

    // issue 14 #3: an outage of a dependency waits on the queue (no dead letter, no operator) and recovers by itself
    @Test
    void githubDownWaitsOnTheQueueAndRecoversByItself() throws Exception {
        HTTP.stubFor(post(REPO + "/issues").willReturn(aResponse().withStatus(503)));
        put("data.csv", idoxEros());
        // at least three receives of 3 attempts each (2 quick in-app redeliveries): 30 s of in-app retries before
        await(() -> HTTP.findAll(postRequestedFor(urlEqualTo(REPO + "/issues"))).size() >= 9);
        assertThat(deadLettersOf(folder)).isEmpty();
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/")))).isEmpty();

        HTTP.stubFor(post(REPO + "/issues").willReturn(jsonResponse(
                "{\"number\": 1, \"html_url\": \"https://github.com/chris48s/does-not-exist/issues/1\"}", 201)));
        awaitWebhook(1);
        settle();
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/")))).hasSize(1);
        assertThat(deadLettersOf(folder)).isEmpty();
    }

    private List<Message> deadLettersOf(String folder) {
        List<Message> dead = new ArrayList<>();
        for (Message m : aws.sqs().receiveMessage(b -> b.queueUrl(aws.queueUrl("uploads-dead-letters")).waitTimeSeconds(1)
                .maxNumberOfMessages(10).messageAttributeNames("All")).messages()) {
            if (m.body().contains(folder.replace(":", "%3A"))) {
                dead.add(m);
            }
        }
        return dead;
    }

    // ---- helpers ----

    private void put(String name, byte[] body) {
        aws.s3().putObject(b -> b.bucket(UPLOADS).key(folder + "/" + name).contentType("text/csv"), RequestBody.fromBytes(body));
    }

    private JsonNode awaitWebhook(int posts) throws Exception {
        await(() -> HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/"))).stream()
                .filter(r -> r.getBodyAsString().contains(folder)).count() >= posts);
        List<LoggedRequest> all = HTTP.findAll(postRequestedFor(urlEqualTo("/api/beta/uploads/")));
        return JSON.readTree(all.get(all.size() - 1).getBodyAsString());
    }

    private int emailsWithSubject(String subject, String mentioning) {
        int n = 0;
        for (JsonNode mail : aws.sesSentEmails()) {
            if (mail.toString().contains(subject) && mail.toString().contains(mentioning)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Lets in-flight duplicates and rechecks run: the events queue holds nothing (waiting, in flight or delayed) and
     * stays so for 3 s (the notifier polls every 500 ms, SQS waits up to 1 s).
     */
    private static void settle() {
        String url = aws.queueUrl("uploads-events");
        Awaitility.await("the uploads queue quiet for 3 s").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60))
                .until(() -> aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributes().entrySet().stream()
                        .filter(e -> e.getKey().toString().startsWith("ApproximateNumberOfMessages"))
                        .allMatch(e -> "0".equals(e.getValue())));
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(condition);
    }
}
