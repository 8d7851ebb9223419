package routes.review;

import harness.PipelineHarness;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review pipeline's routes start as in production ({@link PipelineHarness}: only the review pipeline, no AWS reachable), and the checks
 * that need no AWS answer at once: the page and its 404s, 401 without a secret, 400 in Kinto's format, the admin token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewRoutesTest {
    private PipelineHarness review;
    private org.elasticmq.rest.sqs.SQSRestServer sqs;
    private String url;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        // the queue consumer resolves its queue URL when the routes are created: a real SQS, and no other AWS
        sqs = org.elasticmq.rest.sqs.SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("us-east-1").start();
        int sqsPort = sqs.waitUntilStarted().localAddress().getPort();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String service : List.of("s3", "sqs", "dynamodb", "sns", "ses", "sfn")) {
            overrides.put("aws.endpoint." + service, "http://127.0.0.1:9");
        }
        overrides.put("aws.endpoint.sqs", "http://127.0.0.1:" + sqsPort);
        overrides.put("camel.component.aws2-sqs.auto-create-queue", "true");
        overrides.put("review.activity-arn", "arn:aws:states:us-east-1:000000000000:activity:review-routes-test");
        overrides.put("review.public-url", "http://127.0.0.1");
        overrides.put("admin.token", "local");
        overrides.put("review.heartbeats", "false");
        overrides.put("review.sweep-interval", "3600000");
        // no Step Functions here: the task sources (activity poller, queue consumer) stay stopped
        overrides.put("camel.main.auto-startup-exclude-pattern", "review-activity,review-task-queue");
        review = PipelineHarness.pipeline("review").properties(overrides).start();
        url = review.url();
    }

    @AfterAll
    void stop() {
        review.close();
        sqs.stopAndWait();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRoutesOfThePipeline() {
        CamelContext context = review.context();
        assertThat(context.getRoute("review-task").getGroup()).isEqualTo("review");
        assertThat(context.getRoute("review-answer").getGroup()).isEqualTo("review");
        assertThat(context.getRoute("review-sweep")).isNotNull();
    }

    @Test
    void thePageAndNothingElse() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url + "/reviews/page/")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("id=\"accept\"");
        for (String path : List.of("/reviews/page/../../application.properties", "/reviews/page/%2e%2e/%2e%2e/application.properties",
                "/reviews/page/%2e%2e%2fapplication.properties", "/application.properties", "/reviews/page/application.properties",
                "/reviews/page/../../pom.xml", "/pom.xml", "/review-page/index.html", "/reviews/page/index.htm")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + path)));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("camel.");
        }
    }

    @Test
    void checksThatNeedNoAws() throws Exception {
        HttpResponse<String> noSecret = send(HttpRequest.newBuilder(URI.create(url + "/reviews/abc/answer"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"answer\":\"SUCCEED\"}")));
        assertThat(noSecret.statusCode()).isEqualTo(401);
        assertThat(noSecret.body()).isEqualTo("{\"code\":401,\"errno\":104,\"error\":\"Unauthorized\",\"message\":\"Please authenticate yourself to use this endpoint.\"}");
        HttpResponse<String> badBody = send(HttpRequest.newBuilder(URI.create(url + "/v1/buckets/b/collections/c/records/abc/stepfunction"))
                .header("X-Review-Secret", "s").POST(HttpRequest.BodyPublishers.ofString("{\"answer\":\"X\"}")));
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.body()).contains("\"message\":\"answer in body: \\\"X\\\" is not one of FAIL, SUCCEED\"");
        assertThat(send(HttpRequest.newBuilder(URI.create(url + "/reviews"))).statusCode()).isEqualTo(401);
        HttpResponse<String> unavailable = send(HttpRequest.newBuilder(URI.create(url + "/reviews/abc/answer"))
                .header("X-Review-Secret", "s").POST(HttpRequest.BodyPublishers.ofString("{\"answer\":\"FAIL\"}")));
        assertThat(unavailable.statusCode()).as("DynamoDB unreachable").isEqualTo(503);
        assertThat(unavailable.body()).contains("\"errno\":201");
    }
}
