package routes.shared;

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
 * A crash between the effect and the completion leaves the claim to expire after {@code lease}; the effect may then
 * run again, so give effects that can be made idempotent at the far end (SQS dedup ids, issue lookups) their own key too.
 */
public class SideEffectGuard {
    private final IdempotencyLedger ledger;
    private final Duration lease;

    public SideEffectGuard(IdempotencyLedger ledger, Duration lease) {
        this.ledger = ledger;
        this.lease = lease;
    }

    public SideEffectGuard(IdempotencyLedger ledger) {
        this(ledger, Duration.ofMinutes(5));
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
