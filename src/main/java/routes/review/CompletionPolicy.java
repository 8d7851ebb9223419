package routes.review;

import routes.shared.PermanentFailure;

/**
 * When a review request is decided. {@code all}: every reviewer must approve (the seed's behaviour: N approvals in a
 * row); {@code any}: one approval is enough; {@code quorum}: {@code required} approvals. A rejection fails the request
 * at once when {@code rejectFailsAtOnce} (the seed's behaviour, the default); otherwise only when so many reviewers
 * rejected that the approvals can no longer be reached.
 */
public record CompletionPolicy(String kind, int required, int reviewers) {
    public enum Decision { PENDING, APPROVED, REJECTED }

    public static final String ALL = "all";
    public static final String ANY = "any";
    public static final String QUORUM = "quorum";

    /**
     * From a request's optional {@code policy} and {@code required_approvals}: none = all; a number alone = quorum.
     * Wrong values are the requester's mistake ({@link PermanentFailure} naming the field).
     */
    public static CompletionPolicy of(String policy, Integer requiredApprovals, int reviewers) {
        String kind = policy == null || policy.isBlank() ? (requiredApprovals == null ? ALL : QUORUM) : policy.trim();
        switch (kind) {
            case ALL:
                return new CompletionPolicy(ALL, reviewers, reviewers);
            case ANY:
                return new CompletionPolicy(ANY, 1, reviewers);
            case QUORUM:
                if (requiredApprovals == null) {
                    throw new PermanentFailure("required_approvals: required with policy \"quorum\"");
                }
                if (requiredApprovals < 1 || requiredApprovals > reviewers) {
                    throw new PermanentFailure("required_approvals: must be a whole number from 1 to " + reviewers
                            + " (the number of reviewers), not " + requiredApprovals);
                }
                return new CompletionPolicy(QUORUM, requiredApprovals, reviewers);
            default:
                throw new PermanentFailure("policy: \"" + kind + "\" is not one of all, any, quorum");
        }
    }

    public Decision decide(int approvals, int rejections, boolean rejectFailsAtOnce) {
        if (rejections > 0 && rejectFailsAtOnce) {
            return Decision.REJECTED;
        }
        if (approvals >= required) {
            return Decision.APPROVED;
        }
        if (reviewers - rejections < required) {
            return Decision.REJECTED;
        }
        return Decision.PENDING;
    }
}
