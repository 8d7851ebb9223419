package routes.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer API's checks, in order: a secret at all (401), the body (400, Kinto's wording), the record (404), the
 * secret against its stored hash (403; the message never says more), the record still unanswered (409) and its
 * request still waiting (410). The answer itself is the conditional UNANSWERED -> SUCCEED/FAIL write, so of
 * concurrent answers to one record exactly one counts and the others get 409.
 */
public class ReviewAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewAnswers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The header the page sends the link's secret in (the secret is in the URL fragment, never in a URL sent). */
    public static final String SECRET_HEADER = "X-Review-Secret";

    private ReviewTable table;
    private Clock clock = Clock.systemUTC();

    public void setTable(ReviewTable table) {
        this.table = table;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The hash of the presented secret (the route drops the header itself right after). */
    public String secretHash(String presented) {
        return LinkSecrets.hash(presented);
    }

    public void requireSecret(String presentedHash) {
        if (presentedHash == null) {
            throw KintoError.unauthenticated();
        }
    }

    /** {@code {"answer": "SUCCEED" | "FAIL"}}; other keys are ignored, as the seed's validator did. */
    public String parseAnswer(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw KintoError.invalidBody("Invalid JSON");
        }
        if (root == null || !root.isObject()) {
            throw KintoError.invalidBody("Should be a JSON object");
        }
        JsonNode answer = root.get("answer");
        if (answer == null || answer.isNull()) {
            throw KintoError.invalidAnswer("Required");
        }
        String text = answer.isTextual() ? answer.asText() : answer.toString();
        if (!ReviewRecord.SUCCEED.equals(text) && !ReviewRecord.FAIL.equals(text)) {
            throw KintoError.invalidAnswer("\"" + text + "\" is not one of FAIL, SUCCEED");
        }
        return text;
    }

    /** The record, if the presented secret is its link's. */
    public ReviewRecord authorize(String recordId, String presentedHash) {
        requireSecret(presentedHash);
        ReviewRecord record = table.record(recordId).orElseThrow(() -> KintoError.notFound(recordId));
        if (!LinkSecrets.matches(presentedHash, record.secretHash())) {
            LOG.warn("Review record {}: an answer or view with a wrong link secret was refused", recordId);
            throw KintoError.forbidden();
        }
        return record;
    }

    /** Records the reviewer's answer (the conditional write); returns the record as answered. */
    public ReviewRecord answer(ReviewRecord record, String answer) {
        ReviewState request = table.request(record.requestId()).orElseThrow(() -> KintoError.notFound(record.id()));
        refuseIfClosed(record, request);
        if (Instant.parse(request.deadline()).isBefore(clock.instant())) {
            throw KintoError.gone("This review has expired: no decision was made by its deadline " + request.deadline()
                    + ". The review is closed.");
        }
        String at = clock.instant().toString();
        if (!table.answer(record.id(), answer, at, record.reviewer())) {
            ReviewRecord now = table.record(record.id()).orElseThrow();
            refuseIfClosed(now, table.request(record.requestId()).orElseThrow());
            throw KintoError.conflict("This review was already answered.");
        }
        LOG.info("Review request {}: reviewer {} answered {} (record {})", record.requestId(), record.reviewer(), answer, record.id());
        return new ReviewRecord(record.id(), record.requestId(), record.reviewer(), record.subject(), record.stateMachineArn(),
                record.executionArn(), record.activityArn(), answer, record.createdAt(), at, record.reviewer(), record.secretHash());
    }

    private static void refuseIfClosed(ReviewRecord record, ReviewState request) {
        if (ReviewRecord.EXPIRED.equals(record.status()) || ReviewState.EXPIRED.equals(request.state())) {
            throw KintoError.gone("This review has expired: Step Functions no longer waits for it. The review is closed.");
        }
        if (ReviewRecord.SUCCEED.equals(record.status()) || ReviewRecord.FAIL.equals(record.status())) {
            throw KintoError.conflict("This review was already answered: " + record.status() + " at " + record.answeredAt() + ".");
        }
        if (ReviewRecord.CLOSED.equals(record.status()) || !request.pending()) {
            throw KintoError.conflict("This review was already decided (" + request.state() + ") without this answer. The review is closed.");
        }
    }

    /**
     * The answer's response: the record, the request's state, and whether this answer decided it
     * ({@code deciding_answer}: exactly one answer per request). A task that Step Functions no longer waited for
     * when the decision was sent is a 410.
     */
    public String response(ReviewRecord record, ReviewCompletion completion) {
        String requestState = completion == null ? null : completion.state();
        if (ReviewState.EXPIRED.equals(requestState)) {
            throw KintoError.gone("This review has expired: Step Functions no longer waits for it (the task timed out). "
                    + "The review is closed.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", record.view());
        body.put("request_state", requestState == null ? ReviewState.PENDING : requestState);
        body.put("deciding_answer", completion != null && completion.decidedByThisAnswer());
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
