package routes.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on the local AWS as in production: the shipped state machine (local-aws/state-machines/manual-review.asl.json) on
 * the Step Functions emulator, the application's own activity worker, the emails in the SES emulator, the answers
 * over HTTP; and the SQS .waitForTaskToken path, with a real activity token put into the message by the test (the
 * emulator cannot send SQS messages itself).
 */
@ExtendWith(LocalAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewStateMachineIT {
    private String queue;
    private ReviewFixture review;
    private LocalAws aws;

    @BeforeAll
    void start(LocalAws aws) {
        this.aws = aws;
        review = new ReviewFixture(aws, Map.of());
        queue = aws.properties().apply("review.queue");
    }

    @AfterAll
    void stop() {
        if (review != null) {
            review.close();
        }
    }

    private String startReview(String subject, List<String> reviewers) {
        return startReview("manual-review", subject, reviewers);
    }

    private String startReview(String machine, String subject, List<String> reviewers) {
        String input = "{\"subject\":\"" + subject + "\",\"reviewers\":[\"" + String.join("\",\"", reviewers)
                + "\"],\"url\":\"https://example.com/addon.xpi\",\"checksum\":\"abc\"}";
        return aws.sfn().startExecution(b -> b.stateMachineArn(review.stateMachineArn(machine))
                .name("review-" + UUID.randomUUID()).input(input)).executionArn();
    }

    private static List<String> reviewers(String... names) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return java.util.Arrays.stream(names).map(n -> n + "-" + run + "@example.com").toList();
    }

    @Test
    void twoReviewersApproveAndTheExecutionSucceeds() {
        String subject = "Add-on " + UUID.randomUUID();
        List<String> reviewers = reviewers("ana", "ben");
        String execution = startReview(subject, reviewers);
        ReviewFixture.Link first = review.linkFor(reviewers.get(0), subject);
        ReviewFixture.Link second = review.linkFor(reviewers.get(1), subject);

        HttpResponse<String> a = review.answer(first, "SUCCEED");
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        HttpResponse<String> b = review.answer(second, "SUCCEED");
        assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
        assertThat(ReviewFixture.json(b.body()).path("request_state").asText()).isEqualTo("SUCCEEDED");
        await().atMost(Duration.ofSeconds(15)).until(() -> review.executionStatus(execution).equals("SUCCEEDED"));

        JsonNode output = review.executionOutput(execution);
        ObjectNode input = ReviewFixture.JSON.createObjectNode();
        input.put("subject", subject);
        input.set("reviewers", ReviewFixture.JSON.valueToTree(reviewers));
        input.put("url", "https://example.com/addon.xpi");
        input.put("checksum", "abc");
        // on AWS the output also keeps $.review_request; stepfunctions-local applies a task's ResultPath to its
        // InputPath-selected input, so here the output is that input (= the execution input) plus the results
        ObjectNode expected = input.deepCopy();
        ObjectNode result = expected.putObject("review");
        result.put("message", "signed off");
        var signedBy = result.putArray("signed_by");
        signedBy.addObject().put("reviewer", reviewers.get(0)).put("at", ReviewFixture.json(a.body()).path("data").path("answered_at").asText());
        signedBy.addObject().put("reviewer", reviewers.get(1)).put("at", ReviewFixture.json(b.body()).path("data").path("answered_at").asText());
        result.put("signed_at", output.path("review").path("signed_at").asText());
        expected.put("signed", true);
        assertThat(output).isEqualTo(expected);
        assertThat(output.path("review").path("signed_at").asText()).isNotEmpty();
    }

    @Test
    void oneRejectionFailsTheExecution() {
        String subject = "Add-on " + UUID.randomUUID();
        List<String> reviewers = reviewers("cid", "dan");
        String execution = startReview("manual-review-reject-test", subject, reviewers);
        ReviewFixture.Link link = review.linkFor(reviewers.get(0), subject);
        review.linkFor(reviewers.get(1), subject);
        assertThat(review.answer(link, "FAIL").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> review.executionStatus(execution).equals("FAILED"));
        HistoryEvent failed = review.history(execution).stream()
                .filter(e -> e.activityFailedEventDetails() != null).findFirst().orElseThrow();
        assertThat(failed.activityFailedEventDetails().error()).isEqualTo("Not signing off");
        assertThat(failed.activityFailedEventDetails().cause()).isEqualTo("After reviewing, the decision was made to not sign off");
    }

    @Test
    void theSqsWaitForTaskTokenPath() {
        String subject = "Queued " + UUID.randomUUID();
        List<String> reviewers = reviewers("eve");
        String input = "{\"subject\":\"" + subject + "\",\"reviewers\":[\"" + reviewers.get(0) + "\"]}";
        // the emulator cannot run sqs:sendMessage.waitForTaskToken: take a real token from an activity task instead
        ReviewFixture.Task task = review.startTask("review-test", input);
        String message = "{\"TaskToken\":" + ReviewFixture.JSON.valueToTree(task.token()) + ",\"Input\":" + input + "}";
        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl(queue)).messageBody(message));

        ReviewFixture.Link link = review.linkFor(reviewers.get(0), subject);
        HttpResponse<String> answer = review.answer(link, "SUCCEED");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> review.executionStatus(task.executionArn()).equals("SUCCEEDED"));
        assertThat(review.executionOutput(task.executionArn()).path("review").path("message").asText()).isEqualTo("signed off");
        JsonNode view = ReviewFixture.json(review.get("/reviews/" + link.recordId(), Map.of(ReviewAnswers.SECRET_HEADER, link.secret())).body());
        assertThat(view.path("request").path("source").asText()).isEqualTo("sqs");
        // the message was deleted once the task was taken on
        await().atMost(Duration.ofSeconds(15)).until(() -> "0".equals(aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl(queue))
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().values().stream().mapToInt(Integer::parseInt).sum() + ""));
    }
}
