package routes.review;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A review request as stored: its task token (needed to complete the task later; never shown), policy, records and
 * state {@code PENDING}, then {@code SUCCEEDED}, {@code FAILED} or {@code EXPIRED} (one conditional transition) and
 * the outcome of the task callback once it is made.
 */
public record ReviewState(String id, String taskToken, String source, String subject, String contextJson,
                          List<String> reviewers, List<String> recordIds, String policy, int required,
                          String state, String createdAt, String deadline, String decidedAt, String output,
                          String error, String cause, String callback, String executionArn, String stateMachineArn,
                          String activityArn) {
    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String EXPIRED = "EXPIRED";
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean pending() {
        return PENDING.equals(state);
    }

    public CompletionPolicy completionPolicy() {
        return new CompletionPolicy(policy, required, reviewers.size());
    }

    /** Everything but the task token. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("subject", subject);
        try {
            view.put("context", JSON.readTree(contextJson == null ? "{}" : contextJson));
        } catch (Exception e) {
            view.put("context", Map.of());
        }
        view.put("reviewers", reviewers);
        view.put("policy", policy);
        view.put("required_approvals", required);
        view.put("state", state);
        view.put("source", source);
        view.put("stateMachineArn", stateMachineArn);
        view.put("executionArn", executionArn);
        view.put("activityArn", activityArn);
        view.put("created_at", createdAt);
        view.put("deadline", deadline);
        view.put("decided_at", decidedAt);
        view.put("error", error);
        view.put("cause", cause);
        view.put("callback", callback);
        return view;
    }
}
