package routes.review;

import org.junit.jupiter.api.Test;
import routes.shared.PermanentFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static routes.review.CompletionPolicy.Decision.APPROVED;
import static routes.review.CompletionPolicy.Decision.PENDING;
import static routes.review.CompletionPolicy.Decision.REJECTED;

class CompletionPolicyTest {
    @Test
    void allNeedsEveryReviewerAndOneRejectionFails() {
        CompletionPolicy all = CompletionPolicy.of(null, null, 3);
        assertThat(all.kind()).isEqualTo("all");
        assertThat(all.decide(2, 0, true)).isEqualTo(PENDING);
        assertThat(all.decide(3, 0, true)).isEqualTo(APPROVED);
        assertThat(all.decide(2, 1, true)).isEqualTo(REJECTED);
        assertThat(all.decide(0, 1, false)).as("all can no longer be met").isEqualTo(REJECTED);
    }

    @Test
    void anyNeedsOneApproval() {
        CompletionPolicy any = CompletionPolicy.of("any", null, 3);
        assertThat(any.decide(0, 0, true)).isEqualTo(PENDING);
        assertThat(any.decide(1, 0, true)).isEqualTo(APPROVED);
        assertThat(any.decide(0, 1, true)).isEqualTo(REJECTED);
        assertThat(any.decide(0, 2, false)).as("one reviewer may still approve").isEqualTo(PENDING);
        assertThat(any.decide(1, 2, false)).isEqualTo(APPROVED);
        assertThat(any.decide(0, 3, false)).isEqualTo(REJECTED);
    }

    @Test
    void quorumNeedsItsApprovals() {
        CompletionPolicy quorum = CompletionPolicy.of(null, 2, 4);
        assertThat(quorum.kind()).isEqualTo("quorum");
        assertThat(quorum.decide(1, 0, true)).isEqualTo(PENDING);
        assertThat(quorum.decide(2, 0, true)).isEqualTo(APPROVED);
        assertThat(quorum.decide(1, 2, false)).isEqualTo(PENDING);
        assertThat(quorum.decide(1, 3, false)).isEqualTo(REJECTED);
        assertThat(CompletionPolicy.of("quorum", 4, 4).decide(3, 0, true)).isEqualTo(PENDING);
    }

    @Test
    void wrongPoliciesNameTheField() {
        assertThatThrownBy(() -> CompletionPolicy.of("most", null, 2)).isInstanceOf(PermanentFailure.class)
                .hasMessage("policy: \"most\" is not one of all, any, quorum");
        assertThatThrownBy(() -> CompletionPolicy.of("quorum", null, 2)).hasMessage("required_approvals: required with policy \"quorum\"");
        assertThatThrownBy(() -> CompletionPolicy.of(null, 3, 2))
                .hasMessage("required_approvals: must be a whole number from 1 to 2 (the number of reviewers), not 3");
        assertThatThrownBy(() -> CompletionPolicy.of(null, 0, 2)).hasMessageStartingWith("required_approvals: must be");
    }
}
