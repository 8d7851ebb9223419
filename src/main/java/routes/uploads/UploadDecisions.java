package routes.uploads;

import org.apache.camel.Exchange;
import routes.shared.ExchangeClaim;
import routes.shared.IdempotencyLedger;
import routes.shared.RetryLater;

import java.time.Duration;

/**
 * The once-per-upload lock: a conditional write in the idempotency ledger keyed by the upload folder and its file
 * count ({@link Upload#decisionKey()}). The same upload notified twice, or by two replicas at once, is decided once;
 * a larger file set later (the second file of a pair) is a new decision, as WDIV's "more files wins". A claim that
 * does not complete (the decision failed and went to the dead-letter queue) is released so a replay can take it.
 */
public class UploadDecisions {
    public static final String PIPELINE = "uploads";

    private IdempotencyLedger ledger;
    private Duration lease;

    public UploadDecisions() {
    }

    public UploadDecisions(IdempotencyLedger ledger, String lease) {
        setLedger(ledger);
        setLease(lease);
    }

    public void setLedger(IdempotencyLedger ledger) {
        this.ledger = ledger;
    }

    /** ISO-8601: how long a worker holds an upload's decision before another may take it over. */
    public void setLease(String lease) {
        this.lease = Duration.parse(lease);
    }

    /**
     * Whether the upload (this file set) is already decided: a cheap check before the files are downloaded. An upload
     * another worker is deciding right now (its lock's lease running) is not downloaded and inspected again: a
     * {@link RetryLater}, so its message waits on the queue until the decision is done or the lock's holder died.
     */
    public boolean alreadyDecided(Upload upload) {
        IdempotencyLedger.Outcome state = ledger.peek(PIPELINE, upload.decisionKey());
        if (state == IdempotencyLedger.Outcome.HELD_BY_OTHER) {
            throw new RetryLater("Upload " + upload.folder() + " with " + upload.files().size()
                    + " file(s) is being decided by another worker");
        }
        return state == IdempotencyLedger.Outcome.ALREADY_DONE;
    }

    /**
     * Claims the decision ({@link ExchangeClaim#outcome()} for the route's choice). An acquired claim not completed
     * when the message is done (it failed and went to the dead-letter queue) is released, so a replay can take it.
     */
    public ExchangeClaim claim(Upload upload, Exchange exchange) {
        return ExchangeClaim.claim(ledger, PIPELINE, upload.decisionKey(), lease, exchange);
    }

    public void complete(Upload upload, ExchangeClaim decision) {
        if (decision != null) {
            decision.complete(upload.valid() ? "success" : "failure");
        }
    }
}
