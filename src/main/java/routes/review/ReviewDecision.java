package routes.review;

import java.util.List;

/**
 * What the records of a request add up to under its policy: {@code PENDING}, {@code APPROVED} or {@code REJECTED},
 * or {@code NONE} when the request was already decided (or gone). {@code signatures} are the approvals so far.
 */
public record ReviewDecision(String requestId, CompletionPolicy.Decision outcome, boolean alreadyDecided,
                             List<ReviewRecord> records) {
    public boolean decided() {
        return !alreadyDecided && outcome != CompletionPolicy.Decision.PENDING;
    }

    public List<ReviewRecord> approvals() {
        return records.stream().filter(r -> ReviewRecord.SUCCEED.equals(r.status()))
                .sorted(java.util.Comparator.comparing(ReviewRecord::answeredAt)).toList();
    }
}
