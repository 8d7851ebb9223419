package routes.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one ledger of exactly-once effects, on a DynamoDB table with a string hash key {@code pk} (and a TTL attribute
 * {@code expiresAt}). A claim is a conditional put keyed by {@code <pipeline>#<business key>}: the first claimer wins,
 * a finished claim ({@code DONE}) is never claimed again, and a claim whose lease ran out (its holder died) can be
 * taken over. Several replicas share the table.
 * <p>
 * Leases are short and kept alive by a heartbeat: while this process holds a claim it renews its lease every third of
 * the lease (a conditional update only the holder can make), until the claim is completed or released. So a live
 * worker keeps its claim however long the work takes (up to {@code maximumHold}, a guard against a leaked claim),
 * and a crashed worker's claim is free again within one lease.
 */
// Not aws2-ddb: its PutItem/UpdateItem/DeleteItem take no condition expression, and every write here is conditional.
public class IdempotencyLedger {
    public static final String KEY = "pk";
    public static final String STATE = "state";
    public static final String OWNER = "owner";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String RESULT = "result";
    public static final String CLAIMED = "CLAIMED";
    public static final String DONE = "DONE";

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyLedger.class);

    /** What a claim attempt found. */
    public enum Outcome { ACQUIRED, ALREADY_DONE, HELD_BY_OTHER }

    /** The answer to a claim: the outcome, the token that proves ownership, and a finished claim's stored result. */
    public record Claim(Outcome outcome, String key, String token, String result) {
        public boolean acquired() {
            return outcome == Outcome.ACQUIRED;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private final Map<String, ScheduledFuture<?>> heartbeats = new ConcurrentHashMap<>();
    private volatile Duration maximumHold = Duration.ofMinutes(30);
    private volatile ScheduledExecutorService heartbeat;

    public IdempotencyLedger(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    /** How long a claim is renewed at most (a claim that is never completed nor released is a bug, not work). */
    public IdempotencyLedger maximumHold(Duration hold) {
        this.maximumHold = hold;
        return this;
    }

    public IdempotencyLedger(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Duration.ofDays(30), Clock.systemUTC());
    }

    public String table() {
        return table;
    }

    public static String key(String pipeline, String businessKey) {
        return pipeline + "#" + businessKey;
    }

    /**
     * Tries to claim {@code <pipeline>#<businessKey>} for {@code lease}. Acquired when nobody holds it, or the holder's
     * lease expired. Never acquired once completed.
     */
    public Claim claim(String pipeline, String businessKey, Duration lease) {
        String key = key(pipeline, businessKey);
        String token = instance + "/" + UUID.randomUUID();
        long now = clock.millis();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(key));
        item.put(STATE, s(CLAIMED));
        item.put(OWNER, s(token));
        item.put(LEASE_UNTIL, n(now + lease.toMillis()));
        item.put(EXPIRES_AT, n(clock.instant().plus(retention).getEpochSecond()));
        try {
            var put = dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR (#state = :claimed AND #lease < :now)")
                    .expressionAttributeNames(Map.of("#pk", KEY, "#state", STATE, "#lease", LEASE_UNTIL))
                    .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":now", n(now)))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            if (put.hasAttributes() && put.attributes().containsKey(OWNER)) {
                LOG.warn("Took over the claim on {} from {}, whose lease ended at {} (its worker died or lost DynamoDB)",
                        key, str(put.attributes(), OWNER), Instant.ofEpochMilli(Long.parseLong(put.attributes().get(LEASE_UNTIL).n())));
            }
            Claim claim = new Claim(Outcome.ACQUIRED, key, token, null);
            keepAlive(claim, lease);
            return claim;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : current(key).orElse(Map.of());
            if (DONE.equals(str(old, STATE))) {
                return new Claim(Outcome.ALREADY_DONE, key, null, str(old, RESULT));
            }
            return new Claim(Outcome.HELD_BY_OTHER, key, null, null);
        }
    }

    /**
     * Marks a claim finished, storing an optional short result (an issue URL, a message id). Only the holder can.
     * The effect it records has been made already, so a DynamoDB that is down or hung (a transient AWS failure) does
     * not end the attempt: the update is tried again (0.25 s doubling to 5 s, at most {@code maximumHold}) while the
     * heartbeat keeps the claim, instead of letting the claim run out and the next worker make the effect again.
     */
    public void complete(Claim claim, String result) {
        Map<String, String> names = new HashMap<>(Map.of("#state", STATE, "#owner", OWNER));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":done", s(DONE), ":token", s(claim.token())));
        String update = "SET #state = :done";
        if (result != null) {
            update += ", #result = :result";
            names.put("#result", RESULT);
            values.put(":result", s(result));
        }
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table).key(Map.of(KEY, s(claim.key())))
                .updateExpression(update)
                .conditionExpression("#owner = :token")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
        long giveUp = System.nanoTime() + maximumHold.toNanos();
        long pause = 250;
        int failures = 0;
        try {
            while (true) {
                try {
                    dynamo.updateItem(request);
                    if (failures > 0) {
                        LOG.info("Recorded {} after {} failed attempt(s): DynamoDB answers again", claim.key(), failures);
                    }
                    return;
                } catch (ConditionalCheckFailedException e) {
                    throw new TransientFailure("Lost the ledger claim on " + claim.key() + " before completing it (lease expired?)");
                } catch (RuntimeException e) {
                    if (!TransientFaults.isTransient(e) || System.nanoTime() + pause * 1_000_000 > giveUp) {
                        throw e;
                    }
                    if (failures++ == 0) {
                        LOG.warn("Cannot record the finished effect {} yet ({}): trying again while holding the claim",
                                claim.key(), e.getMessage());
                    }
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    pause = Math.min(pause * 2, 5000);
                }
            }
        } finally {
            stopHeartbeat(claim);
        }
    }

    /** Gives a claim back after a failure, so that a retry (here or on another replica) can claim it at once. */
    public void release(Claim claim) {
        stopHeartbeat(claim);
        try {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(Map.of(KEY, s(claim.key())))
                    .conditionExpression("#owner = :token AND #state = :claimed")
                    .expressionAttributeNames(Map.of("#owner", OWNER, "#state", STATE))
                    .expressionAttributeValues(Map.of(":token", s(claim.token()), ":claimed", s(CLAIMED))).build());
        } catch (ConditionalCheckFailedException e) {
            LOG.debug("Claim {} was no longer ours to release", claim.key());
        }
    }

    /**
     * Extends the lease of a claim this process holds to {@code lease} from now. False when the claim is no longer
     * ours (completed, released, or taken over after it expired); a failure to reach DynamoDB propagates.
     */
    public boolean renew(Claim claim, Duration lease) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of(KEY, s(claim.key())))
                    .updateExpression("SET #lease = :until")
                    .conditionExpression("#owner = :token AND #state = :claimed")
                    .expressionAttributeNames(Map.of("#lease", LEASE_UNTIL, "#owner", OWNER, "#state", STATE))
                    .expressionAttributeValues(Map.of(":until", n(clock.millis() + lease.toMillis()),
                            ":token", s(claim.token()), ":claimed", s(CLAIMED))).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The state of a key without claiming it: {@code ALREADY_DONE}, {@code HELD_BY_OTHER} (claimed and its lease
     * still running), or {@code ACQUIRED} meaning free to claim. Strongly consistent.
     */
    public Outcome peek(String pipeline, String businessKey) {
        Map<String, AttributeValue> item = current(key(pipeline, businessKey)).orElse(Map.of());
        if (DONE.equals(str(item, STATE))) {
            return Outcome.ALREADY_DONE;
        }
        if (CLAIMED.equals(str(item, STATE)) && item.containsKey(LEASE_UNTIL)
                && Long.parseLong(item.get(LEASE_UNTIL).n()) >= clock.millis()) {
            return Outcome.HELD_BY_OTHER;
        }
        return Outcome.ACQUIRED;
    }

    /** Claims this process holds and renews right now. */
    public int heldClaims() {
        return heartbeats.size();
    }

    private void keepAlive(Claim claim, Duration lease) {
        long period = Math.max(200, lease.toMillis() / 3);
        long until = System.nanoTime() + maximumHold.toNanos();
        ScheduledFuture<?> beat = heartbeat().scheduleWithFixedDelay(() -> {
            if (System.nanoTime() > until) {
                LOG.warn("Stopped renewing the claim on {}: held longer than {} without being completed or released",
                        claim.key(), maximumHold);
                stopHeartbeat(claim);
                return;
            }
            try {
                if (!renew(claim, lease)) {
                    LOG.warn("Lost the claim on {}: it expired and another worker took it (or it was finished)", claim.key());
                    stopHeartbeat(claim);
                }
            } catch (RuntimeException e) {
                // DynamoDB unreachable: nobody else can take the claim either; try again at the next beat
                LOG.debug("Could not renew the claim on {}: {}", claim.key(), e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        heartbeats.put(claim.token(), beat);
    }

    private void stopHeartbeat(Claim claim) {
        if (claim.token() == null) {
            return;
        }
        ScheduledFuture<?> beat = heartbeats.remove(claim.token());
        if (beat != null) {
            beat.cancel(false);
        }
    }

    private ScheduledExecutorService heartbeat() {
        ScheduledExecutorService current = heartbeat;
        if (current == null) {
            synchronized (this) {
                if (heartbeat == null) {
                    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread thread = new Thread(r, "ledger-heartbeat");
                        thread.setDaemon(true);
                        return thread;
                    });
                }
                current = heartbeat;
            }
        }
        return current;
    }

    /** Whether {@code <pipeline>#<businessKey>} is finished. Strongly consistent. */
    public boolean isDone(String pipeline, String businessKey) {
        return DONE.equals(current(key(pipeline, businessKey)).map(i -> str(i, STATE)).orElse(null));
    }

    /** The stored result of a finished claim, if any. */
    public Optional<String> resultOf(String pipeline, String businessKey) {
        return current(key(pipeline, businessKey)).filter(i -> DONE.equals(str(i, STATE))).map(i -> str(i, RESULT));
    }

    /** Writes {@code result} under {@code <pipeline>#<key>} as finished, whatever was there, kept for {@code keep}. */
    public void record(String pipeline, String businessKey, String result, Duration keep) {
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(Map.of(KEY, s(key(pipeline, businessKey)),
                STATE, s(DONE), RESULT, s(result), EXPIRES_AT, n(clock.instant().plus(keep).getEpochSecond()))).build());
    }

    /** Forgets a key entirely (used by the idempotent repository's remove, and by operators). */
    public void forget(String pipeline, String businessKey) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(Map.of(KEY, s(key(pipeline, businessKey)))).build());
    }

    private Optional<Map<String, AttributeValue>> current(String key) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(Map.of(KEY, s(key))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
