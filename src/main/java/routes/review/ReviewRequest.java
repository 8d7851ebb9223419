package routes.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import routes.shared.Sha256;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One review request = one Step Functions task token. Task input: {@code subject}, {@code reviewers} (emails),
 * optional {@code policy} (all / any / quorum) and {@code required_approvals}, optional {@code executionArn} and
 * {@code stateMachineArn} (the shipped state machine passes them from the context object); everything else is context
 * shown to the reviewers. The same fields may be wrapped as {@code {"request": {...}, "executionArn": ...}}.
 * Its id is derived from the token, so a redelivered task maps to the same request and creates nothing twice.
 */
public record ReviewRequest(String id, String taskToken, String source, String activityArn, String subject,
                            List<String> reviewers, CompletionPolicy policy, String contextJson, String executionArn,
                            String stateMachineArn, Instant createdAt, Instant deadline) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\".]+$");
    private static final Set<String> OWN_FIELDS = Set.of("subject", "reviewers", "policy", "required_approvals",
            "executionArn", "stateMachineArn");

    /** A wrong request: the task fails with this error name and the message as its cause. */
    public static final String INVALID = "ReviewRequestInvalid";

    /** The request id of a task token (what the records and the ledger are keyed by). */
    public static String idOf(String taskToken) {
        return Sha256.hex(taskToken).substring(0, 32);
    }

    /** The record id of one reviewer of a request: stable for the request, so a redelivery finds it again. */
    public static String recordIdOf(String requestId, String reviewer) {
        return Sha256.hex(requestId + "\n" + reviewer).substring(0, 32);
    }

    /**
     * Parses and validates the task input; {@link routes.shared.PermanentFailure} with a message naming the field
     * for wrong input.
     */
    public static ReviewRequest parse(String input, String taskToken, String source, String activityArn,
                                      Instant now, java.time.Duration deadlineAfter) {
        if (taskToken == null || taskToken.isBlank()) {
            throw invalid("no task token: a review request comes from a Step Functions task (activity or .waitForTaskToken)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(input == null ? "" : input);
        } catch (JsonProcessingException e) {
            throw invalid("the task input is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the task input is not a JSON object");
        }
        String executionArn = text(root, "executionArn");
        String stateMachineArn = text(root, "stateMachineArn");
        if (root.path("request").isObject()) {
            root = root.get("request");
            executionArn = executionArn != null ? executionArn : text(root, "executionArn");
            stateMachineArn = stateMachineArn != null ? stateMachineArn : text(root, "stateMachineArn");
        }
        String subject = text(root, "subject");
        if (subject == null) {
            throw invalid("subject: required (a short text naming what is to be reviewed)");
        }
        JsonNode reviewerNodes = root.path("reviewers");
        if (!reviewerNodes.isArray() || reviewerNodes.isEmpty()) {
            throw invalid("reviewers: at least one email address is required (a JSON array of strings)");
        }
        Set<String> reviewers = new LinkedHashSet<>();
        for (int i = 0; i < reviewerNodes.size(); i++) {
            JsonNode node = reviewerNodes.get(i);
            String email = node.isTextual() ? node.asText().trim() : "";
            if (!EMAIL.matcher(email).matches()) {
                throw invalid("reviewers[" + i + "]: " + node + " is not an email address");
            }
            reviewers.add(email.toLowerCase(Locale.ROOT));
        }
        JsonNode required = root.path("required_approvals");
        Integer requiredApprovals = null;
        if (!required.isMissingNode() && !required.isNull()) {
            if (!required.canConvertToInt() || !required.isIntegralNumber()) {
                throw invalid("required_approvals: must be a whole number, not " + required);
            }
            requiredApprovals = required.asInt();
        }
        CompletionPolicy policy;
        try {
            policy = CompletionPolicy.of(text(root, "policy"), requiredApprovals, reviewers.size());
        } catch (routes.shared.PermanentFailure e) {
            throw invalid(e.getMessage());
        }
        ObjectNode context = JSON.createObjectNode();
        root.fields().forEachRemaining(f -> {
            if (!OWN_FIELDS.contains(f.getKey())) {
                context.set(f.getKey(), f.getValue());
            }
        });
        String id = idOf(taskToken);
        return new ReviewRequest(id, taskToken, source == null ? "activity" : source, activityArn, subject,
                List.copyOf(new ArrayList<>(reviewers)), policy, context.toString(), executionArn, stateMachineArn,
                now, now.plus(deadlineAfter));
    }

    public String recordId(String reviewer) {
        return recordIdOf(id, reviewer);
    }

    public List<String> recordIds() {
        return reviewers.stream().map(this::recordId).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static routes.shared.TaskFailure invalid(String cause) {
        return new routes.shared.TaskFailure(INVALID, cause);
    }
}
