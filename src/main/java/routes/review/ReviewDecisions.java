package routes.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.TaskCallbacks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides review requests and completes their task exactly once. The deciding transition is the conditional
 * PENDING -> SUCCEEDED/FAILED/EXPIRED write on the request: of concurrent answers (or replicas, or the sweeper) one
 * wins it and only that one calls Step Functions (and {@link TaskCallbacks} completes a token once in any case).
 * Then the other reviewers' unanswered records are closed. A request stays in the pending set until its callback
 * is recorded, so a crash in between is repaired by the next sweep.
 */
public class ReviewDecisions {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewDecisions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The seed's strings (SendTaskSuccess output, SendTaskFailure error and cause). */
    static final String SIGNED_OFF = "signed off";
    static final String NOT_SIGNING_OFF = "Not signing off";
    static final String NOT_SIGNING_OFF_CAUSE = "After reviewing, the decision was made to not sign off";
    static final String EXPIRED_ERROR = "Review expired";
    private static final java.time.Duration FINISH_GRACE = java.time.Duration.ofSeconds(30);

    private ReviewTable table;
    private TaskCallbacks callbacks;
    private boolean rejectFailsAtOnce = true;
    private Clock clock = Clock.systemUTC();

    public void setTable(ReviewTable table) {
        this.table = table;
    }

    public void setCallbacks(TaskCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    public void setRejectFailsAtOnce(boolean rejectFailsAtOnce) {
        this.rejectFailsAtOnce = rejectFailsAtOnce;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The request's records under its policy (strongly consistent reads). */
    public ReviewDecision evaluate(String requestId) {
        ReviewState request = table.request(requestId).orElse(null);
        if (request == null) {
            return new ReviewDecision(requestId, CompletionPolicy.Decision.PENDING, true, List.of());
        }
        List<ReviewRecord> records = table.records(request.recordIds());
        int approvals = (int) records.stream().filter(r -> ReviewRecord.SUCCEED.equals(r.status())).count();
        int rejections = (int) records.stream().filter(r -> ReviewRecord.FAIL.equals(r.status())).count();
        CompletionPolicy.Decision outcome = request.completionPolicy().decide(approvals, rejections, rejectFailsAtOnce);
        return new ReviewDecision(requestId, outcome, !request.pending(), records);
    }

    /**
     * Makes the decision if it is still to be made: the conditional write, then the task callback, then the other
     * records closed. Returns the request's state afterwards ({@code SUCCEEDED}, {@code FAILED}, {@code EXPIRED} when
     * Step Functions no longer waited, or {@code PENDING} when there was nothing to decide) and whether this call's
     * write decided it: an answer that lost the write to a concurrent one sees the same state but decided nothing.
     */
    public ReviewCompletion complete(ReviewDecision decision) {
        if (!decision.decided()) {
            return ReviewCompletion.observed(decision.alreadyDecided()
                    ? table.request(decision.requestId()).map(ReviewState::state).orElse("PENDING") : "PENDING");
        }
        String at = clock.instant().toString();
        boolean approved = decision.outcome() == CompletionPolicy.Decision.APPROVED;
        String output = approved ? output(decision, at) : null;
        boolean won = approved
                ? table.decide(decision.requestId(), ReviewState.SUCCEEDED, at, output, null, null)
                : table.decide(decision.requestId(), ReviewState.FAILED, at, null, NOT_SIGNING_OFF, NOT_SIGNING_OFF_CAUSE);
        ReviewState request = table.request(decision.requestId()).orElseThrow();
        if (!won) {
            // another answer (or replica) decided and completes it; a sweep finishes it if that one crashed
            LOG.debug("Review request {}: decided by another answer", decision.requestId());
            return ReviewCompletion.observed(request.state());
        }
        return new ReviewCompletion(finish(request), true);
    }

    /**
     * Makes the callback of a decided request (once per token), records its outcome, closes the remaining records and
     * takes the request off the pending set. Returns the request's final state.
     */
    public String finish(ReviewState request) {
        if (request.pending()) {
            return ReviewState.PENDING;
        }
        String state = request.state();
        if (request.callback() == null) {
            TaskCallbacks.Outcome outcome = switch (state) {
                case ReviewState.SUCCEEDED -> callbacks.succeed("review", request.taskToken(), request.output());
                case ReviewState.FAILED -> callbacks.fail("review", request.taskToken(), request.error(), request.cause());
                default -> callbacks.fail("review", request.taskToken(), EXPIRED_ERROR, request.cause());
            };
            table.callbackMade(request.id(), outcome.name());
            if (outcome == TaskCallbacks.Outcome.TOKEN_GONE && !ReviewState.EXPIRED.equals(state)) {
                table.markExpired(request.id(), "Step Functions no longer waits for this review (the task timed out or was closed)");
                state = ReviewState.EXPIRED;
            }
            LOG.info("Review request {}: {} -> task callback {}", request.id(), request.state(), outcome);
        }
        List<ReviewRecord> records = table.records(request.recordIds());
        for (ReviewRecord record : records) {
            if (ReviewState.EXPIRED.equals(state)) {
                if (!ReviewRecord.EXPIRED.equals(record.status())) {
                    table.expire(record.id());
                }
            } else if (record.unanswered()) {
                table.close(record.id(), ReviewRecord.CLOSED);
            }
            table.answeredOrClosed(record.reviewer(), record.id());
        }
        table.finished(request.id());
        return state;
    }

    /**
     * The sweep of one pending request: past its deadline it expires (the task fails with {@value #EXPIRED_ERROR});
     * a decision left unmade or unfinished by a crash is made. Returns the request's state afterwards.
     */
    public String sweep(String requestId) {
        ReviewState request = table.request(requestId).orElse(null);
        if (request == null) {
            table.finished(requestId);
            return "GONE";
        }
        if (!request.pending()) {
            // decided: its decider finishes it within moments; after the grace period it has crashed
            boolean recent = request.decidedAt() != null
                    && Instant.parse(request.decidedAt()).plus(FINISH_GRACE).isAfter(clock.instant());
            return recent ? request.state() : finish(request);
        }
        if (Instant.parse(request.deadline()).isBefore(clock.instant())) {
            String cause = "No decision by the review deadline " + request.deadline();
            if (table.decide(requestId, ReviewState.EXPIRED, clock.instant().toString(), null, EXPIRED_ERROR, cause)) {
                LOG.info("Review request {}: expired (deadline {})", requestId, request.deadline());
            }
            return finish(table.request(requestId).orElseThrow());
        }
        return complete(evaluate(requestId)).state();
    }

    /** Tells Step Functions a pending request is alive; a task it no longer knows expires the request. */
    public String heartbeat(String requestId) {
        ReviewState request = table.request(requestId).orElse(null);
        if (request == null || !request.pending()) {
            return "SKIPPED";
        }
        if (callbacks.heartbeat(request.taskToken()) != TaskCallbacks.Outcome.TOKEN_GONE) {
            return "SENT";
        }
        String cause = "Step Functions no longer waits for this review (the task timed out or was closed)";
        if (table.decide(requestId, ReviewState.EXPIRED, clock.instant().toString(), null, EXPIRED_ERROR, cause)) {
            LOG.info("Review request {}: expired, Step Functions no longer knows its task (heartbeat)", requestId);
        }
        finish(table.request(requestId).orElseThrow());
        return "TOKEN_GONE";
    }

    public java.util.Set<String> pending() {
        return table.pendingRequests();
    }

    /** The seed's output plus who signed off and when. */
    static String output(ReviewDecision decision, String at) {
        ObjectNode output = JSON.createObjectNode();
        output.put("message", SIGNED_OFF);
        ArrayNode signedBy = output.putArray("signed_by");
        for (ReviewRecord record : decision.approvals()) {
            Map<String, String> signature = new LinkedHashMap<>();
            signature.put("reviewer", record.reviewer());
            signature.put("at", record.answeredAt());
            signedBy.add(JSON.valueToTree(signature));
        }
        output.put("signed_at", at);
        return output.toString();
    }
}
