package routes.shared;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camel's idempotent consumer backed by the {@link IdempotencyLedger}, so duplicates are recognised across replicas
 * and restarts. A key claimed by another worker right now is not a duplicate yet (that worker may still fail): it
 * raises a {@link TransientFailure}, so the message is retried and then either processed or recognised as done.
 * Use with {@code eager: true} and {@code removeOnFailure: true} (Camel's defaults).
 */
public class LedgerIdempotentRepository extends ServiceSupport implements IdempotentRepository {
    private final IdempotencyLedger ledger;
    private final String pipeline;
    private final Duration lease;
    private final Map<String, IdempotencyLedger.Claim> claims = new ConcurrentHashMap<>();

    public LedgerIdempotentRepository(IdempotencyLedger ledger, String pipeline, Duration lease) {
        this.ledger = ledger;
        this.pipeline = pipeline;
        this.lease = lease;
    }

    @Override
    public boolean add(String key) {
        IdempotencyLedger.Claim claim = ledger.claim(pipeline, key, lease);
        switch (claim.outcome()) {
            case ACQUIRED:
                claims.put(key, claim);
                return true;
            case ALREADY_DONE:
                return false;
            default:
                throw new TransientFailure("Message " + key + " of " + pipeline + " is being processed by another worker");
        }
    }

    @Override
    public boolean contains(String key) {
        return ledger.isDone(pipeline, key);
    }

    @Override
    public boolean remove(String key) {
        IdempotencyLedger.Claim claim = claims.remove(key);
        if (claim != null) {
            ledger.release(claim);
            return true;
        }
        return false;
    }

    @Override
    public boolean confirm(String key) {
        IdempotencyLedger.Claim claim = claims.remove(key);
        if (claim != null) {
            ledger.complete(claim, null);
            return true;
        }
        return false;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("The idempotency ledger is shared; clear it with the table's TTL");
    }
}
