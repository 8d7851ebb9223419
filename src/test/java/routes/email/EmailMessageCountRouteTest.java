package routes.email;

import harness.PipelineHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.shared.RecordingSqsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pipeline_messages_total} counts each message once, at the pipeline's entry route, however many sub-routes
 * and split copies it passes (here: one notification naming two emails, each email's attachments split again).
 * Read from {@code /observe/metrics} as a dashboard would.
 */
class EmailMessageCountRouteTest {
    static final InMemoryS3 S3 = new InMemoryS3();
    static PipelineHarness email;

    @BeforeAll
    static void start() {
        // a seda consumer stands in for SQS: like it, it starts a new exchange per message at the entry route
        email = PipelineHarness.pipeline("email").bean("s3Client", S3).bean("sqsClient", new RecordingSqsClient())
                .replaceFrom("email-intake", "seda:inbox-events").start();
    }

    @AfterAll
    static void stop() {
        email.close();
    }

    @Test
    void eachMessageIsCountedOnceWhateverSubRoutesAndSplitsItPasses() throws Exception {
        int messages = 3;
        for (int i = 0; i < messages; i++) {
            S3.store(EmailRouteFixture.INBOX, "a-" + i, Fixtures.sheffieldEmail(), java.util.Map.of());
            S3.store(EmailRouteFixture.INBOX, "b-" + i, Fixtures.emailWithAttachments("sheffield@datafeeds.example.org",
                    "one.csv", "text/csv", Fixtures.cr(), "two.csv", "text/csv", Fixtures.cr()), java.util.Map.of());
            email.send("seda:inbox-events", "{\"Records\":[" + record("a-" + i) + "," + record("b-" + i) + "]}");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> count("succeeded") + count("failed") >= messages);
        assertThat(count("in")).isEqualTo(messages);
        assertThat(count("succeeded")).isEqualTo(messages);
        assertThat(count("failed")).isZero();
    }

    private static String record(String key) {
        return "{\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"" + EmailRouteFixture.TIME + "\",\"s3\":{\"bucket\":{\"name\":\""
                + EmailRouteFixture.INBOX + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":1024}}}";
    }

    /** {@code pipeline_messages_total{pipeline="email",outcome=...}} on the app's Prometheus endpoint (0 when absent). */
    private static double count(String outcome) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(email.url() + "/observe/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher line = Pattern.compile("(?m)^pipeline_messages_total\\{(?=[^}]*outcome=\"" + outcome + "\")(?=[^}]*pipeline=\"email\")[^}]*} (\\S+)$")
                .matcher(response.body());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
