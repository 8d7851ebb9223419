package routes.review;

import com.fasterxml.jackson.databind.JsonNode;
import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.Test;
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
 * Expiry on the local Step Functions: a task whose HeartbeatSeconds pass without a heartbeat times out (SendTask*
 * answers TaskTimedOut) and the review expires; heartbeats keep a pending review alive; the review deadline expires
 * a request and fails its task with "Review expired".
 */
@ExtendWith(LocalAwsExtension.class)
class ReviewExpiryIT {
    private static String reviewer(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static ReviewFixture.Opened open(ReviewFixture review, String machine, String reviewer, String subject) {
        return review.open(machine, Map.of("subject", subject, "reviewers", List.of(reviewer)));
    }

    private static JsonNode view(ReviewFixture review, ReviewFixture.Link link) {
        HttpResponse<String> response = review.get("/reviews/" + link.recordId(), Map.of(ReviewAnswers.SECRET_HEADER, link.secret()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ReviewFixture.json(response.body());
    }

    @Test
    void aTaskThatTimedOutExpiresItsReview(LocalAws aws) {
        try (ReviewFixture review = new ReviewFixture(aws, Map.of("review.heartbeats", "false"))) {
            String reviewer = reviewer("late");
            ReviewFixture.Opened opened = open(review, "review-heartbeat-test", reviewer, "Timed out " + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(20)).until(() -> review.executionStatus(opened.task().executionArn()).equals("FAILED"));

            HttpResponse<String> answer = review.answer(opened.link(reviewer), "SUCCEED");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(410);
            JsonNode body = ReviewFixture.json(answer.body());
            assertThat(body.path("code").asInt()).isEqualTo(410);
            assertThat(body.path("message").asText()).contains("expired").contains("The review is closed.");
            JsonNode page = view(review, opened.link(reviewer));
            assertThat(page.path("data").path("status").asText()).isEqualTo("EXPIRED");
            assertThat(page.path("request").path("state").asText()).isEqualTo("EXPIRED");
            assertThat(page.path("answerable").asBoolean()).isFalse();
            assertThat(review.answer(opened.link(reviewer), "SUCCEED").statusCode()).isEqualTo(410);
        }
    }

    @Test
    void heartbeatsKeepAPendingReviewAlive(LocalAws aws) {
        try (ReviewFixture review = new ReviewFixture(aws, Map.of("review.heartbeats", "true", "review.heartbeat-interval", "1000"))) {
            String reviewer = reviewer("slow");
            ReviewFixture.Opened opened = open(review, "review-heartbeat-test", reviewer, "Heartbeats " + UUID.randomUUID());
            // twice the state's HeartbeatSeconds (3 s)
            await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);
            assertThat(review.executionStatus(opened.task().executionArn())).isEqualTo("RUNNING");
            HttpResponse<String> answer = review.answer(opened.link(reviewer), "SUCCEED");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> review.executionStatus(opened.task().executionArn()).equals("SUCCEEDED"));
        }
    }

    @Test
    void theDeadlineExpiresTheRequestAndFailsItsTask(LocalAws aws) {
        try (ReviewFixture review = new ReviewFixture(aws, Map.of("review.deadline", "PT2S", "review.sweep-interval", "500"))) {
            String reviewer = reviewer("never");
            ReviewFixture.Opened opened = open(review, "review-fail-test", reviewer, "Deadline " + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(20)).until(() -> review.executionStatus(opened.task().executionArn()).equals("FAILED"));
            HistoryEvent failed = review.history(opened.task().executionArn()).stream()
                    .filter(e -> e.activityFailedEventDetails() != null).findFirst().orElseThrow();
            assertThat(failed.activityFailedEventDetails().error()).isEqualTo("Review expired");
            assertThat(failed.activityFailedEventDetails().cause()).startsWith("No decision by the review deadline ");
            JsonNode page = view(review, opened.link(reviewer));
            assertThat(page.path("data").path("status").asText()).isEqualTo("EXPIRED");
            HttpResponse<String> answer = review.answer(opened.link(reviewer), "SUCCEED");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(410);
        }
    }
}
