package routes.uploads;

import routes.shared.IdempotencyLedger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger's contract in memory (conditional puts become atomic map operations), for route tests. */
public class InMemoryLedger extends IdempotencyLedger {
    record Entry(String state, String owner, long leaseUntil, String result) {
    }

    final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public InMemoryLedger() {
        super(null, "in-memory");
    }

    @Override
    public Claim claim(String pipeline, String businessKey, Duration lease) {
        String key = key(pipeline, businessKey);
        String token = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        Entry mine = new Entry(CLAIMED, token, now + lease.toMillis(), null);
        Entry[] previous = new Entry[1];
        Entry after = entries.compute(key, (k, old) -> {
            previous[0] = old;
            if (old == null || (CLAIMED.equals(old.state()) && old.leaseUntil() < now)) {
                return mine;
            }
            return old;
        });
        if (after == mine) {
            return new Claim(Outcome.ACQUIRED, key, token, null);
        }
        if (DONE.equals(previous[0].state())) {
            return new Claim(Outcome.ALREADY_DONE, key, null, previous[0].result());
        }
        return new Claim(Outcome.HELD_BY_OTHER, key, null, null);
    }

    @Override
    public void complete(Claim claim, String result) {
        entries.computeIfPresent(claim.key(), (k, old) -> claim.token().equals(old.owner()) ? new Entry(DONE, old.owner(), 0, result) : old);
    }

    @Override
    public void release(Claim claim) {
        entries.computeIfPresent(claim.key(), (k, old) -> claim.token().equals(old.owner()) && CLAIMED.equals(old.state()) ? null : old);
    }

    @Override
    public Outcome peek(String pipeline, String businessKey) {
        Entry e = entries.get(key(pipeline, businessKey));
        if (e != null && DONE.equals(e.state())) {
            return Outcome.ALREADY_DONE;
        }
        return e != null && e.leaseUntil() >= System.currentTimeMillis() ? Outcome.HELD_BY_OTHER : Outcome.ACQUIRED;
    }

    @Override
    public boolean isDone(String pipeline, String businessKey) {
        Entry e = entries.get(key(pipeline, businessKey));
        return e != null && DONE.equals(e.state());
    }

    @Override
    public Optional<String> resultOf(String pipeline, String businessKey) {
        Entry e = entries.get(key(pipeline, businessKey));
        return e != null && DONE.equals(e.state()) ? Optional.ofNullable(e.result()) : Optional.empty();
    }

    @Override
    public void forget(String pipeline, String businessKey) {
        entries.remove(key(pipeline, businessKey));
    }
}
