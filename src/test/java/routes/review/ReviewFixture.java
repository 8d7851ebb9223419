package routes.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import local.LocalAws;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The review pipeline on the local AWS for the tests: the application with only the review pipeline, the tests' own
 * activity (which the application does not poll) to take real task tokens from, the emails in the SES emulator, and
 * the HTTP API.
 */
public final class ReviewFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final Pattern LINK = Pattern.compile("(http://[^\\s\"<]+/reviews/page/#id=([0-9a-f]+)&secret=([A-Za-z0-9_-]+))");
    static final String TEST_ACTIVITY = "review-test";

    final LocalAws aws;
    private final LocalAws.RunningApplication app;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String activityArn;

    /** A reviewer's link as emailed. */
    public record Link(String url, String recordId, String secret) {
    }

    /** A task taken from the tests' activity: its execution and token. */
    public record Task(String executionArn, String token, String input) {
    }

    public ReviewFixture(LocalAws aws, Map<String, String> overrides) {
        this.aws = aws;
        aws.createResources(List.of(Path.of("src/test/resources/review/review-test-resources.yaml")));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("pipelines.enabled", "review");
        all.put("review.heartbeats", "false");
        all.putAll(overrides);
        this.app = aws.startApplication(all);
        this.activityArn = aws.sfn().listActivities(b -> b.maxResults(1000)).activities().stream()
                .filter(a -> a.name().equals(TEST_ACTIVITY)).findFirst().orElseThrow().activityArn();
    }

    public LocalAws.RunningApplication app() {
        return app;
    }

    public String stateMachineArn(String name) {
        return aws.sfn().listStateMachines(b -> b.maxResults(1000)).stateMachines().stream()
                .filter(m -> m.name().equals(name)).findFirst().orElseThrow().stateMachineArn();
    }

    /** Starts an execution of a state machine on the tests' activity and takes its task (a real token). */
    public Task startTask(String stateMachine, String input) {
        String executionArn = aws.sfn().startExecution(b -> b.stateMachineArn(stateMachineArn(stateMachine))
                .name("t-" + UUID.randomUUID()).input(input)).executionArn();
        AtomicReference<Task> task = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            var response = aws.sfn().getActivityTask(b -> b.activityArn(activityArn).workerName("review-tests"));
            if (response.taskToken() != null && !response.taskToken().isBlank()) {
                task.set(new Task(executionArn, response.taskToken(), response.input()));
                return true;
            }
            return false;
        });
        return task.get();
    }

    /** Hands a task to the pipeline's processor as the Step Functions templates do. */
    public Exchange submit(String token, String input, String source) {
        ProducerTemplate producer = app.camelContext().createProducerTemplate();
        return producer.send("direct:review-task", exchange -> {
            exchange.getMessage().setBody(input);
            exchange.setProperty("taskToken", token);
            exchange.setProperty("taskSource", source);
            exchange.setProperty("taskActivityArn", activityArn);
            exchange.setProperty("taskPipeline", "review");
        });
    }

    /** A request of the tests' own: started, taken, handed to the pipeline; returns the execution and each reviewer's link. */
    public Opened open(String stateMachine, Map<String, Object> input) {
        try {
            String json = JSON.writeValueAsString(input);
            Task task = startTask(stateMachine, json);
            Exchange done = submit(task.token(), json, "activity");
            if (done.getException() != null) {
                throw new IllegalStateException("The review task failed: " + done.getException(), done.getException());
            }
            @SuppressWarnings("unchecked")
            List<String> reviewers = (List<String>) input.get("reviewers");
            Map<String, Link> links = new LinkedHashMap<>();
            for (String reviewer : reviewers) {
                links.put(reviewer, linkFor(reviewer, (String) input.get("subject")));
            }
            return new Opened(task, links);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Opened(Task task, Map<String, Link> links) {
        public Link link(String reviewer) {
            return links.get(reviewer);
        }
    }

    /** The newest email to {@code reviewer} whose text names {@code subject}. */
    public Link linkFor(String reviewer, String subject) {
        AtomicReference<Link> link = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode email : emailsTo(reviewer)) {
                String text = email.path("body").path("text").asText();
                Matcher m = LINK.matcher(text);
                if (text.contains(subject) && m.find()) {
                    link.set(new Link(m.group(1), m.group(2), m.group(3)));
                }
            }
            return link.get() != null;
        });
        return link.get();
    }

    public List<JsonNode> emailsTo(String reviewer) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode email : aws.sesSentEmails()) {
            for (JsonNode to : email.path("destination").path("to")) {
                if (to.asText().equalsIgnoreCase(reviewer)) {
                    found.add(email);
                }
            }
        }
        return found;
    }

    public HttpResponse<String> post(String path, String secret, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(ReviewAnswers.SECRET_HEADER, secret);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> answer(Link link, String answer) {
        return post("/reviews/" + link.recordId() + "/answer", link.secret(), "{\"answer\":\"" + answer + "\"}");
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    public String executionStatus(String executionArn) {
        return aws.sfn().describeExecution(b -> b.executionArn(executionArn)).statusAsString();
    }

    public JsonNode executionOutput(String executionArn) {
        try {
            return JSON.readTree(aws.sfn().describeExecution(b -> b.executionArn(executionArn)).output());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<HistoryEvent> history(String executionArn) {
        return aws.sfn().getExecutionHistory(b -> b.executionArn(executionArn).maxResults(1000)).events();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
