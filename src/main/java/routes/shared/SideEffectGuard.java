package routes.shared;

import org.apache.camel.Exchange;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Makes an external side effect (a GitHub issue, an email, a webhook POST, a queue message, a task callback) happen
 * at most once per key across retries, replays and replicas, recording it in the {@link IdempotencyLedger}.
 * <ul>
 *   <li>done before: the action is skipped and the stored result returned;</li>
 *   <li>held by another worker right now: a {@link TransientFailure}, so the caller retries later;</li>
 *   <li>otherwise the action runs; success completes the claim with its result, failure releases it.</li>
 * </ul>
 * The claim's lease is short and renewed by the ledger's heartbeat while this worker lives, so a crash frees it within
 * one lease. A crash between the effect and the completion leaves the effect unrecorded: a retry makes it again, so
 * every effect also carries a key the far end recognises (an SQS deduplication id, the issue found by its title, an
 * {@code Idempotency-Key} header): README "Faults and recovery" states each effect's residual window.
 */
public class SideEffectGuard {
    private final IdempotencyLedger ledger;
    private final Duration lease;

    public SideEffectGuard(IdempotencyLedger ledger, Duration lease) {
        this.ledger = ledger;
        this.lease = lease;
    }

    public SideEffectGuard(IdempotencyLedger ledger) {
        this(ledger, Duration.ofSeconds(45));
    }

    /** Runs {@code action} once for {@code <pipeline>#<effectKey>}; returns its result, or the stored one. */
    public String once(String pipeline, String effectKey, Supplier<String> action) {
        IdempotencyLedger.Claim claim = ledger.claim(pipeline, effectKey, lease);
        switch (claim.outcome()) {
            case ALREADY_DONE:
                return claim.result();
            case HELD_BY_OTHER:
                throw new TransientFailure("Side effect " + claim.key() + " is being performed by another worker");
            default:
                break;
        }
        String result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            ledger.release(claim);
            throw e;
        }
        ledger.complete(claim, result);
        return result;
    }

    /**
     * For an effect a route makes itself with a Camel component ({@code to: aws2-sns:...}): claims
     * {@code <pipeline>#<effectKey>} and returns the claim for the route to branch on ({@link ExchangeClaim#acquired()});
     * the route then makes the effect and calls {@link #complete}. Done before: not acquired, with the stored result;
     * held by another worker: a {@link TransientFailure}. An acquired claim not completed when the exchange is done
     * (the effect failed) is released. The exchange is needed only for that release.
     */
    public ExchangeClaim claim(String pipeline, String effectKey, Exchange exchange) {
        ExchangeClaim claim = ExchangeClaim.claim(ledger, pipeline, effectKey, lease, exchange);
        if (claim.outcome().equals(IdempotencyLedger.Outcome.HELD_BY_OTHER.name())) {
            throw new TransientFailure("Side effect " + IdempotencyLedger.key(pipeline, effectKey) + " is being performed by another worker");
        }
        return claim;
    }

    /** Records the effect a route made under its {@link #claim}, with its result (a message id). */
    public void complete(ExchangeClaim claim, String result) {
        claim.complete(result);
    }

    /** Runs {@code action} once for the key; for effects with no result worth keeping. */
    public void once(String pipeline, String effectKey, Runnable action) {
        once(pipeline, effectKey, () -> {
            action.run();
            return null;
        });
    }

    public boolean isDone(String pipeline, String effectKey) {
        return ledger.isDone(pipeline, effectKey);
    }

    public IdempotencyLedger ledger() {
        return ledger;
    }
}
