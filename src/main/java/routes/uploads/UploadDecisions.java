package routes.uploads;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(UploadDecisions.class);

    /**
     * The route's hold on one upload's decision (an exchange property until {@link #complete}): the claim's outcome
     * ({@link IdempotencyLedger.Outcome} name) for the route to branch on.
     */
    public static final class Decision {
        private final IdempotencyLedger.Claim claim;
        private volatile boolean completed;

        Decision(IdempotencyLedger.Claim claim) {
            this.claim = claim;
        }

        public String outcome() {
            return claim.outcome().name();
        }

        @Override
        public String toString() {
            return outcome();
        }
    }

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
     * Claims the decision. The exchange is needed only to release an acquired claim that is not completed when the
     * message is done (it failed and went to the dead-letter queue), so a replay can take it.
     */
    public Decision claim(Upload upload, Exchange exchange) {
        Decision decision = new Decision(ledger.claim(PIPELINE, upload.decisionKey(), lease));
        if (decision.claim.acquired()) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (!decision.completed) {
                        LOG.info("Releasing the unfinished decision on {}", upload);
                        ledger.release(decision.claim);
                    }
                }
            });
        }
        return decision;
    }

    public void complete(Upload upload, Decision decision) {
        if (decision != null && decision.claim.acquired() && !decision.completed) {
            ledger.complete(decision.claim, upload.valid() ? "success" : "failure");
            decision.completed = true;
        }
    }
}
