package routes.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The review pipeline's API on the local AWS: real task tokens from the Step Functions emulator, records in dynalite,
 * emails in the SES emulator, every status code of the answer API in Kinto's error format, the completion policies,
 * exactly one task callback under concurrent answers (counted on the wire: the application talks to Step Functions
 * through a recording proxy), and no secret in any log line.
 */
@ExtendWith(LocalAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewApiIT {
    private LocalAws aws;
    private WireMockServer sfnProxy;
    private ReviewFixture review;
    private LogCapture logs;
    private final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void start(LocalAws aws) {
        this.aws = aws;
        logs = LogCapture.install();
        sfnProxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sfnProxy.start();
        sfnProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(aws.endpoints().get("sfn"))));
        review = new ReviewFixture(aws, Map.of("aws.endpoint.sfn", sfnProxy.baseUrl()));
    }

    @AfterAll
    void stop() {
        if (review != null) {
            review.close();
        }
        if (sfnProxy != null) {
            sfnProxy.stop();
        }
        try {
            List<String> lines = logs.lines();
            assertThat(lines).isNotEmpty();
            for (String secret : secrets) {
                assertThat(lines).as("log lines containing a link secret").noneMatch(line -> line.contains(secret));
            }
        } finally {
            logs.close();
        }
    }

    private ReviewFixture.Opened open(String subject, List<String> reviewers, Map<String, Object> extra) {
        return open("review-test", subject, reviewers, extra);
    }

    private ReviewFixture.Opened open(String machine, String subject, List<String> reviewers, Map<String, Object> extra) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("subject", subject);
        input.put("reviewers", reviewers);
        input.putAll(extra);
        ReviewFixture.Opened opened = review.open(machine, input);
        opened.links().values().forEach(l -> secrets.add(l.secret()));
        return opened;
    }

    private static String unique(String what) {
        return what + " " + UUID.randomUUID();
    }

    private static List<String> reviewers(String... names) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return java.util.Arrays.stream(names).map(n -> n + "-" + run + "@example.com").toList();
    }

    private int sendTaskCalls(String operation, String token) {
        return sfnProxy.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + operation))
                .withRequestBody(containing(token))).size();
    }

    private JsonNode adminListing(String status) {
        HttpResponse<String> response = review.get("/reviews?limit=1000" + (status == null ? "" : "&status=" + status),
                Map.of("Authorization", "Bearer local"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ReviewFixture.json(response.body());
    }

    private JsonNode requestOf(ReviewFixture.Opened opened) {
        String id = ReviewRequest.idOf(opened.task().token());
        for (JsonNode request : adminListing(null).path("requests")) {
            if (request.path("id").asText().equals(id)) {
                return request;
            }
        }
        throw new AssertionError("request " + id + " not listed");
    }

    @Test
    void twoReviewersApproveAndTheExecutionSucceedsWithTheExactOutput() {
        String subject = unique("Please review and sign-off (or not) on this addon");
        List<String> reviewers = reviewers("alice", "bob");
        ReviewFixture.Opened opened = open(subject, reviewers, Map.of("url", "https://example.com/addon.xpi", "checksum", "abc123"));

        // both emails, text and HTML, the seed's sender and subject, a personal link each
        for (String reviewer : reviewers) {
            List<JsonNode> emails = review.emailsTo(reviewer);
            assertThat(emails).hasSize(1);
            JsonNode email = emails.get(0);
            assertThat(email.path("from").asText()).isEqualTo("storage-team@dev.mozaws.net");
            assertThat(email.path("replyTo").get(0).asText()).isEqualTo("storage-team@dev.mozaws.net");
            assertThat(email.path("subject").asText()).isEqualTo("Your review needed for an add-on!");
            ReviewFixture.Link link = opened.link(reviewer);
            assertThat(email.path("body").path("text").asText())
                    .startsWith("Hi!\nCan you please review the add-on, and then head to\n" + link.url() + "\nto accept or reject? Thanks!")
                    .contains(subject);
            assertThat(email.path("body").path("html").asText())
                    .startsWith("Hi!<br />Can you please review the add-on, and then head to<br /><a href=\"")
                    .contains("to accept or reject? Thanks!");
            assertThat(link.url()).startsWith(review.app().url().replace("localhost", "127.0.0.1") + "/reviews/page/#id=");
            // at least 128 bits: 32 random bytes in base64url
            assertThat(link.secret()).hasSize(43);
        }
        assertThat(opened.link(reviewers.get(0)).secret()).isNotEqualTo(opened.link(reviewers.get(1)).secret());

        HttpResponse<String> first = review.answer(opened.link(reviewers.get(0)), "SUCCEED");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode firstBody = ReviewFixture.json(first.body());
        assertThat(firstBody.path("request_state").asText()).isEqualTo("PENDING");
        assertThat(firstBody.path("deciding_answer").asBoolean()).isFalse();
        assertThat(firstBody.path("data").path("status").asText()).isEqualTo("SUCCEED");
        assertThat(first.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(review.executionStatus(opened.task().executionArn())).isEqualTo("RUNNING");

        HttpResponse<String> second = review.answer(opened.link(reviewers.get(1)), "SUCCEED");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode secondBody = ReviewFixture.json(second.body());
        assertThat(secondBody.path("request_state").asText()).isEqualTo("SUCCEEDED");
        assertThat(secondBody.path("deciding_answer").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(opened.task().executionArn()).equals("SUCCEEDED"));
        JsonNode request = requestOf(opened);
        ObjectNode expected = ReviewFixture.JSON.createObjectNode();
        expected.put("subject", subject);
        expected.set("reviewers", ReviewFixture.JSON.valueToTree(reviewers));
        expected.put("url", "https://example.com/addon.xpi");
        expected.put("checksum", "abc123");
        ObjectNode output = expected.putObject("review");
        output.put("message", "signed off");
        var signedBy = output.putArray("signed_by");
        signedBy.addObject().put("reviewer", reviewers.get(0)).put("at", firstBody.path("data").path("answered_at").asText());
        signedBy.addObject().put("reviewer", reviewers.get(1)).put("at", secondBody.path("data").path("answered_at").asText());
        output.put("signed_at", request.path("decided_at").asText());
        assertThat(review.executionOutput(opened.task().executionArn())).isEqualTo(expected);
        assertThat(sendTaskCalls("SendTaskSuccess", opened.task().token())).isEqualTo(1);
        assertThat(request.path("callback").asText()).isEqualTo("SENT");
        assertThat(request.has("taskToken")).isFalse();
    }

    @Test
    void oneRejectionFailsTheExecutionWithTheSeedsErrorAndCause() {
        List<String> reviewers = reviewers("carol", "dave");
        ReviewFixture.Opened opened = open("review-fail-test", unique("Reject me"), reviewers, Map.of());
        assertThat(review.answer(opened.link(reviewers.get(1)), "FAIL").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(opened.task().executionArn()).equals("FAILED"));
        HistoryEvent failed = review.history(opened.task().executionArn()).stream()
                .filter(e -> e.activityFailedEventDetails() != null).findFirst().orElseThrow();
        assertThat(failed.activityFailedEventDetails().error()).isEqualTo("Not signing off");
        assertThat(failed.activityFailedEventDetails().cause()).isEqualTo("After reviewing, the decision was made to not sign off");
        assertThat(sendTaskCalls("SendTaskFailure", opened.task().token())).isEqualTo(1);
        assertThat(sendTaskCalls("SendTaskSuccess", opened.task().token())).isZero();

        // the other reviewer's record is closed, and says so
        HttpResponse<String> late = review.answer(opened.link(reviewers.get(0)), "SUCCEED");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(ReviewFixture.json(late.body()).path("message").asText()).contains("already decided (FAILED)");
        JsonNode view = ReviewFixture.json(review.get("/reviews/" + opened.link(reviewers.get(0)).recordId(),
                Map.of(ReviewAnswers.SECRET_HEADER, opened.link(reviewers.get(0)).secret())).body());
        assertThat(view.path("data").path("status").asText()).isEqualTo("CLOSED");
        assertThat(view.path("answerable").asBoolean()).isFalse();
    }

    @Test
    void twentyConcurrentAnswersOnTheLastRecordSendOneTaskSuccess() throws Exception {
        List<String> reviewers = reviewers("erin", "frank");
        ReviewFixture.Opened opened = open(unique("Race"), reviewers, Map.of());
        assertThat(review.answer(opened.link(reviewers.get(0)), "SUCCEED").statusCode()).isEqualTo(200);

        ReviewFixture.Link last = opened.link(reviewers.get(1));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return review.answer(last, "SUCCEED").statusCode();
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            codes.add(answer.get());
        }
        pool.shutdown();
        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        assertThat(codes).filteredOn(c -> c == 409).hasSize(19);
        await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(opened.task().executionArn()).equals("SUCCEEDED"));
        assertThat(sendTaskCalls("SendTaskSuccess", opened.task().token())).isEqualTo(1);
    }

    /**
     * All reviewers answering at once (bench/review.sh's load): several answers can see the request approved, so
     * several responses say SUCCEEDED (the bench counted those as deciding: 203 for 200 requests), but at most one
     * says it decided it, and the task is completed once.
     */
    @Test
    void allReviewersAtOnceOneDecidingAnswerAndOneTaskSuccess() throws Exception {
        for (int round = 0; round < 5; round++) {
            List<String> reviewers = reviewers("gina", "hal", "ida", "jon");
            ReviewFixture.Opened opened = open(unique("All at once"), reviewers, Map.of());
            ExecutorService pool = Executors.newFixedThreadPool(reviewers.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String reviewer : reviewers) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return review.answer(opened.link(reviewer), "SUCCEED");
                }));
            }
            go.countDown();
            List<JsonNode> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                bodies.add(ReviewFixture.json(response.body()));
            }
            pool.shutdown();
            // the last write's own evaluation sees every approval, so the request is decided by now; by one of these
            // answers, or by the sweep (every 30 s here) if it read the records between their writes and evaluations
            assertThat(bodies).as("round %d: %s", round, bodies).filteredOn(b -> b.path("request_state").asText().equals("SUCCEEDED"))
                    .isNotEmpty();
            assertThat(bodies).as("round %d: %s", round, bodies).filteredOn(b -> b.path("deciding_answer").asBoolean())
                    .hasSizeLessThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(opened.task().executionArn()).equals("SUCCEEDED"));
            assertThat(sendTaskCalls("SendTaskSuccess", opened.task().token())).isEqualTo(1);
        }
    }

    @Test
    void everyStatusCodeInKintosErrorFormat() {
        List<String> reviewers = reviewers("gina");
        ReviewFixture.Opened opened = open(unique("Status codes"), reviewers, Map.of());
        ReviewFixture.Link link = opened.link(reviewers.get(0));
        String path = "/reviews/" + link.recordId() + "/answer";

        HttpResponse<String> noSecret = review.post(path, null, "{\"answer\":\"SUCCEED\"}");
        assertThat(noSecret.statusCode()).isEqualTo(401);
        assertThat(ReviewFixture.json(noSecret.body())).isEqualTo(ReviewFixture.json(
                "{\"code\":401,\"errno\":104,\"error\":\"Unauthorized\",\"message\":\"Please authenticate yourself to use this endpoint.\"}"));

        HttpResponse<String> wrongSecret = review.post(path, "x" + link.secret().substring(1), "{\"answer\":\"SUCCEED\"}");
        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(ReviewFixture.json(wrongSecret.body())).isEqualTo(ReviewFixture.json(
                "{\"code\":403,\"errno\":121,\"error\":\"Forbidden\",\"message\":\"This user cannot access this resource.\"}"));

        HttpResponse<String> missing = review.post(path, link.secret(), "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(ReviewFixture.json(missing.body())).isEqualTo(ReviewFixture.json(
                "{\"code\":400,\"errno\":107,\"error\":\"Invalid parameters\",\"message\":\"answer in body: Required\","
                        + "\"details\":[{\"location\":\"body\",\"name\":\"answer\",\"description\":\"Required\"}]}"));

        HttpResponse<String> wrong = review.post(path, link.secret(), "{\"answer\":\"MAYBE\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(ReviewFixture.json(wrong.body()).path("message").asText())
                .isEqualTo("answer in body: \"MAYBE\" is not one of FAIL, SUCCEED");
        assertThat(review.post(path, link.secret(), "{\"answer\":\"succeed\"}").statusCode()).as("case-sensitive").isEqualTo(400);
        assertThat(review.post(path, link.secret(), "not json").statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = review.post("/reviews/0123456789abcdef0123456789abcdef/answer", link.secret(), "{\"answer\":\"SUCCEED\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ReviewFixture.json(unknown.body())).isEqualTo(ReviewFixture.json(
                "{\"code\":404,\"errno\":110,\"error\":\"Not Found\",\"message\":\"The resource you are looking for could not be found.\","
                        + "\"details\":{\"id\":\"0123456789abcdef0123456789abcdef\",\"resource_name\":\"record\"}}"));

        // the Kinto-compatible path, same rules; other keys ignored
        String kinto = "/v1/buckets/stepfunction/collections/manual_steps/records/" + link.recordId() + "/stepfunction";
        assertThat(review.post(kinto, null, "{\"answer\":\"SUCCEED\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = review.post(kinto, link.secret(), "{\"answer\":\"SUCCEED\",\"comment\":\"fine\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

        HttpResponse<String> again = review.post(path, link.secret(), "{\"answer\":\"FAIL\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode conflict = ReviewFixture.json(again.body());
        assertThat(conflict.path("errno").asInt()).isEqualTo(122);
        assertThat(conflict.path("message").asText()).startsWith("This review was already answered: SUCCEED at ");
        await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(opened.task().executionArn()).equals("SUCCEEDED"));
    }

    @Test
    void anyAndQuorumPolicies() {
        List<String> three = reviewers("hugo", "ines", "jack");
        ReviewFixture.Opened quorum = open(unique("Quorum"), three, Map.of("required_approvals", 2));
        assertThat(ReviewFixture.json(review.answer(quorum.link(three.get(0)), "SUCCEED").body()).path("request_state").asText()).isEqualTo("PENDING");
        assertThat(ReviewFixture.json(review.answer(quorum.link(three.get(2)), "SUCCEED").body()).path("request_state").asText()).isEqualTo("SUCCEEDED");
        assertThat(review.answer(quorum.link(three.get(1)), "FAIL").statusCode()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(quorum.task().executionArn()).equals("SUCCEEDED"));

        List<String> two = reviewers("kim", "lou");
        ReviewFixture.Opened any = open(unique("Any"), two, Map.of("policy", "any"));
        assertThat(ReviewFixture.json(review.answer(any.link(two.get(1)), "SUCCEED").body()).path("request_state").asText()).isEqualTo("SUCCEEDED");
        await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(any.task().executionArn()).equals("SUCCEEDED"));
        JsonNode output = review.executionOutput(any.task().executionArn()).path("review");
        assertThat(output.path("signed_by")).hasSize(1);
        assertThat(output.path("signed_by").get(0).path("reviewer").asText()).isEqualTo(two.get(1));
    }

    @Test
    void aRedeliveredRequestCreatesNothingTwice() {
        List<String> reviewers = reviewers("mia", "noah");
        String subject = unique("Redelivered");
        String input = "{\"subject\":\"" + subject + "\",\"reviewers\":[\"" + reviewers.get(0) + "\",\"" + reviewers.get(1) + "\"]}";
        ReviewFixture.Task task = review.startTask("review-test", input);
        review.submit(task.token(), input, "sqs");
        review.submit(task.token(), input, "sqs");
        ReviewFixture.Link link = review.linkFor(reviewers.get(0), subject);
        secrets.add(link.secret());
        assertThat(review.emailsTo(reviewers.get(0))).hasSize(1);
        assertThat(review.emailsTo(reviewers.get(1))).hasSize(1);
        String requestId = ReviewRequest.idOf(task.token());
        JsonNode listing = adminListing(null);
        assertThat(listing.path("requests").findValuesAsText("id")).containsOnlyOnce(requestId);
        assertThat(listing.path("records").findParents("request_id").stream()
                .filter(r -> r.path("request_id").asText().equals(requestId))).hasSize(2);
    }

    @Test
    void aWrongRequestFailsTheTaskWithAClearCause() {
        String input = "{\"subject\":\"No reviewers\",\"reviewers\":[\"not-an-email\"]}";
        ReviewFixture.Task task = review.startTask("review-fail-test", input);
        review.submit(task.token(), input, "activity");
        await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(task.executionArn()).equals("FAILED"));
        HistoryEvent failed = review.history(task.executionArn()).stream()
                .filter(e -> e.activityFailedEventDetails() != null).findFirst().orElseThrow();
        assertThat(failed.activityFailedEventDetails().error()).isEqualTo("ReviewRequestInvalid");
        assertThat(failed.activityFailedEventDetails().cause()).isEqualTo("reviewers[0]: \"not-an-email\" is not an email address");
    }

    @Test
    void theOperatorListingNeedsTheAdminToken() {
        assertThat(review.get("/reviews", Map.of()).statusCode()).isEqualTo(401);
        assertThat(review.get("/reviews", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
        List<String> reviewers = reviewers("olga");
        open(unique("Listed"), reviewers, Map.of());
        JsonNode unanswered = adminListing("UNANSWERED");
        assertThat(unanswered.path("records").findValuesAsText("reviewer")).contains(reviewers.get(0));
        assertThat(unanswered.path("records").findValuesAsText("status")).containsOnly("UNANSWERED");
        assertThat(unanswered.toString()).doesNotContain("secretHash").doesNotContain("taskToken");
        assertThat(review.get("/reviews?limit=x", Map.of("Authorization", "Bearer local")).statusCode()).isEqualTo(400);
    }

    @Test
    void thePageServesItsOwnFilesAndNothingElse() {
        HttpResponse<String> page = review.get("/reviews/page/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(page.body()).contains("<button type=\"button\" id=\"accept\"");
        assertThat(review.get("/reviews/page/review.js", Map.of()).statusCode()).isEqualTo(200);
        assertThat(review.get("/reviews/page/review.css", Map.of()).headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        for (String path : List.of("/reviews/page/../../application.properties", "/reviews/page/%2e%2e/%2e%2e/application.properties",
                "/reviews/page/%2e%2e%2fapplication.properties", "/application.properties", "/reviews/page/application.properties",
                "/reviews/page/../../pom.xml", "/reviews/page/routes/manual-review.yaml", "/reviews/page/review-page/index.html",
                "/pom.xml", "/routes/manual-review.yaml", "/review-page/index.html")) {
            HttpResponse<String> response = review.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(review.app().url() + path)).GET().build());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("review.table").doesNotContain("camel");
        }
    }
}
