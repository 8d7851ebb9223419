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
public class UploadDecisions extends SharedBeanUser {
    public static final String PIPELINE = "uploads";
    /** Header: the claim's outcome, one of {@link IdempotencyLedger.Outcome}. */
    public static final String DECISION = "UploadDecision";
    public static final String ALREADY_DECIDED = "UploadAlreadyDecided";
    private static final String CLAIM = "uploadDecisionClaim";
    private static final Logger LOG = LoggerFactory.getLogger(UploadDecisions.class);

    private final String ledgerBean;
    private final Duration lease;

    /** {@code ledger}: the registry name of the {@link IdempotencyLedger}. */
    public UploadDecisions(String ledger, String lease) {
        this.ledgerBean = ledger;
        this.lease = Duration.parse(lease);
    }

    /**
     * Sets {@link #ALREADY_DECIDED}: a cheap check before the files are downloaded. An upload another worker is
     * deciding right now (its lock's lease running) is not downloaded and inspected again: a {@link RetryLater}, so
     * its message waits on the queue until the decision is done or the lock's holder died.
     */
    public void checkDecided(Upload upload, Exchange exchange) {
        IdempotencyLedger.Outcome state = ledger().peek(PIPELINE, upload.decisionKey());
        if (state == IdempotencyLedger.Outcome.HELD_BY_OTHER) {
            throw new RetryLater("Upload " + upload.folder() + " with " + upload.files().size()
                    + " file(s) is being decided by another worker");
        }
        exchange.getMessage().setHeader(ALREADY_DECIDED, state == IdempotencyLedger.Outcome.ALREADY_DONE);
    }

    public void claim(Upload upload, Exchange exchange) {
        IdempotencyLedger.Claim claim = ledger().claim(PIPELINE, upload.decisionKey(), lease);
        exchange.getMessage().setHeader(DECISION, claim.outcome().name());
        if (claim.acquired()) {
            exchange.setProperty(CLAIM, claim);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (done.getProperty(CLAIM) != null) {
                        LOG.info("Releasing the unfinished decision on {}", upload);
                        ledger().release(claim);
                    }
                }
            });
        }
    }

    private IdempotencyLedger ledger() {
        return shared(ledgerBean, IdempotencyLedger.class);
    }

    public void complete(Upload upload, Exchange exchange) {
        IdempotencyLedger.Claim claim = exchange.getProperty(CLAIM, IdempotencyLedger.Claim.class);
        if (claim != null) {
            ledger().complete(claim, upload.valid() ? "success" : "failure");
            exchange.removeProperty(CLAIM);
        }
    }
}
