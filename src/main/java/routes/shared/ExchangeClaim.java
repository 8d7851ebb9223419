package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A ledger claim a route holds while it works (an exchange property the route branches on): released when the
 * exchange is done unless it was completed, so a failed message (dead-lettered, retried) does not keep the key.
 */
public final class ExchangeClaim {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeClaim.class);
    private final IdempotencyLedger ledger;
    private final IdempotencyLedger.Claim claim;
    private volatile boolean completed;

    private ExchangeClaim(IdempotencyLedger ledger, IdempotencyLedger.Claim claim) {
        this.ledger = ledger;
        this.claim = claim;
    }

    /** Claims {@code <pipeline>#<key>}; an acquired claim is released when {@code exchange} is done uncompleted. */
    public static ExchangeClaim claim(IdempotencyLedger ledger, String pipeline, String key, Duration lease, Exchange exchange) {
        ExchangeClaim held = new ExchangeClaim(ledger, ledger.claim(pipeline, key, lease));
        if (held.acquired()) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    if (!held.completed) {
                        LOG.info("Releasing the unfinished claim on {}", held.claim.key());
                        ledger.release(held.claim);
                    }
                }
            });
        }
        return held;
    }

    /** The {@link IdempotencyLedger.Outcome} name, for the route's choice. */
    public String outcome() {
        return claim.outcome().name();
    }

    public boolean acquired() {
        return claim.acquired();
    }

    /** The result stored when the key was completed before. */
    public String result() {
        return claim.result();
    }

    /** Completes an acquired claim with {@code result}; once. */
    public void complete(String result) {
        if (acquired() && !completed) {
            ledger.complete(claim, result);
            completed = true;
        }
    }

    @Override
    public String toString() {
        return outcome();
    }
}
