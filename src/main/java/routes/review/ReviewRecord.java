package routes.review;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reviewer's record of a review request. Status {@code UNANSWERED}, then {@code SUCCEED} or {@code FAIL} (the
 * reviewer's answer), {@code CLOSED} (the request was decided without this answer) or {@code EXPIRED} (the deadline
 * passed, or Step Functions stopped waiting).
 */
public record ReviewRecord(String id, String requestId, String reviewer, String subject, String stateMachineArn,
                           String executionArn, String activityArn, String status, String createdAt,
                           String answeredAt, String answeredBy, String secretHash) {
    public static final String UNANSWERED = "UNANSWERED";
    public static final String SUCCEED = "SUCCEED";
    public static final String FAIL = "FAIL";
    public static final String CLOSED = "CLOSED";
    public static final String EXPIRED = "EXPIRED";

    public boolean unanswered() {
        return UNANSWERED.equals(status);
    }

    /** What a page or an operator may see: everything but the secret's hash. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("request_id", requestId);
        view.put("reviewer", reviewer);
        view.put("subject", subject);
        view.put("status", status);
        view.put("stateMachineArn", stateMachineArn);
        view.put("executionArn", executionArn);
        view.put("activityArn", activityArn);
        view.put("created_at", createdAt);
        view.put("answered_at", answeredAt);
        view.put("answered_by", answeredBy);
        return view;
    }
}
