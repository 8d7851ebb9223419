package routes.review;

import org.junit.jupiter.api.Test;
import routes.shared.TaskFailure;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewRequestTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static ReviewRequest parse(String input) {
        return ReviewRequest.parse(input, "token-1", "activity", "arn:activity", NOW, Duration.ofHours(1));
    }

    @Test
    void keepsEverythingElseAsContext() {
        ReviewRequest request = parse("{\"subject\":\"Sign it\",\"reviewers\":[\"A@Example.com\",\"b@example.com\",\"a@example.com\"],"
                + "\"url\":\"https://x/addon.xpi\",\"checksum\":\"abc\",\"executionArn\":\"arn:exec\"}");
        assertThat(request.reviewers()).containsExactly("a@example.com", "b@example.com");
        assertThat(request.policy()).isEqualTo(new CompletionPolicy("all", 2, 2));
        assertThat(request.contextJson()).isEqualTo("{\"url\":\"https://x/addon.xpi\",\"checksum\":\"abc\"}");
        assertThat(request.executionArn()).isEqualTo("arn:exec");
        assertThat(request.deadline()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(request.id()).isEqualTo(ReviewRequest.idOf("token-1")).hasSize(32);
        assertThat(request.recordIds()).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSize(32));
    }

    @Test
    void acceptsTheShippedStateMachinesWrapper() {
        ReviewRequest request = parse("{\"request\":{\"subject\":\"S\",\"reviewers\":[\"a@example.com\"],\"policy\":\"any\"},"
                + "\"executionArn\":\"arn:aws:states:eu-west-1:1:execution:m:e\",\"stateMachineArn\":\"arn:aws:states:eu-west-1:1:stateMachine:m\"}");
        assertThat(request.subject()).isEqualTo("S");
        assertThat(request.policy().kind()).isEqualTo("any");
        assertThat(request.executionArn()).isEqualTo("arn:aws:states:eu-west-1:1:execution:m:e");
        assertThat(request.stateMachineArn()).isEqualTo("arn:aws:states:eu-west-1:1:stateMachine:m");
        assertThat(request.contextJson()).isEqualTo("{}");
    }

    @Test
    void wrongRequestsFailTheTaskNamingTheField() {
        assertThatThrownBy(() -> parse("[]")).isInstanceOf(TaskFailure.class).hasMessage("the task input is not a JSON object");
        assertThatThrownBy(() -> parse("{\"reviewers\":[\"a@example.com\"]}"))
                .hasMessage("subject: required (a short text naming what is to be reviewed)");
        assertThatThrownBy(() -> parse("{\"subject\":\"S\",\"reviewers\":[]}"))
                .hasMessage("reviewers: at least one email address is required (a JSON array of strings)");
        assertThatThrownBy(() -> parse("{\"subject\":\"S\",\"reviewers\":[\"a@example.com\", 3]}"))
                .hasMessage("reviewers[1]: 3 is not an email address");
        assertThatThrownBy(() -> parse("{\"subject\":\"S\",\"reviewers\":[\"a@example.com\"],\"required_approvals\":1.5}"))
                .hasMessage("required_approvals: must be a whole number, not 1.5");
        assertThatThrownBy(() -> ReviewRequest.parse("{}", null, "sqs", null, NOW, Duration.ofHours(1)))
                .hasMessageStartingWith("no task token");
        assertThat(((TaskFailure) org.assertj.core.api.Assertions.catchThrowable(() -> parse("{}")))).isNotNull();
    }
}
