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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one ledger of exactly-once effects, on a DynamoDB table with a string hash key {@code pk} (and a TTL attribute
 * {@code expiresAt}). A claim is a conditional put keyed by {@code <pipeline>#<business key>}: the first claimer wins,
 * a finished claim ({@code DONE}) is never claimed again, and a claim whose lease ran out (its holder died) can be
 * taken over. Several replicas share the table; nothing is held in memory.
 */
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

    public IdempotencyLedger(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
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
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR (#state = :claimed AND #lease < :now)")
                    .expressionAttributeNames(Map.of("#pk", KEY, "#state", STATE, "#lease", LEASE_UNTIL))
                    .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":now", n(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new Claim(Outcome.ACQUIRED, key, token, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : current(key).orElse(Map.of());
            if (DONE.equals(str(old, STATE))) {
                return new Claim(Outcome.ALREADY_DONE, key, null, str(old, RESULT));
            }
            return new Claim(Outcome.HELD_BY_OTHER, key, null, null);
        }
    }

    /** Marks a claim finished, storing an optional short result (an issue URL, a message id). Only the holder can. */
    public void complete(Claim claim, String result) {
        Map<String, String> names = new HashMap<>(Map.of("#state", STATE, "#owner", OWNER));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":done", s(DONE), ":token", s(claim.token())));
        String update = "SET #state = :done";
        if (result != null) {
            update += ", #result = :result";
            names.put("#result", RESULT);
            values.put(":result", s(result));
        }
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(Map.of(KEY, s(claim.key())))
                    .updateExpression(update)
                    .conditionExpression("#owner = :token")
                    .expressionAttributeNames(names).expressionAttributeValues(values).build());
        } catch (ConditionalCheckFailedException e) {
            throw new TransientFailure("Lost the ledger claim on " + claim.key() + " before completing it (lease expired?)");
        }
    }

    /** Gives a claim back after a failure, so that a retry (here or on another replica) can claim it at once. */
    public void release(Claim claim) {
        try {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(Map.of(KEY, s(claim.key())))
                    .conditionExpression("#owner = :token AND #state = :claimed")
                    .expressionAttributeNames(Map.of("#owner", OWNER, "#state", STATE))
                    .expressionAttributeValues(Map.of(":token", s(claim.token()), ":claimed", s(CLAIMED))).build());
        } catch (ConditionalCheckFailedException e) {
            LOG.debug("Claim {} was no longer ours to release", claim.key());
        }
    }

    /** Whether {@code <pipeline>#<businessKey>} is finished. Strongly consistent. */
    public boolean isDone(String pipeline, String businessKey) {
        return DONE.equals(current(key(pipeline, businessKey)).map(i -> str(i, STATE)).orElse(null));
    }

    /** The stored result of a finished claim, if any. */
    public Optional<String> resultOf(String pipeline, String businessKey) {
        return current(key(pipeline, businessKey)).filter(i -> DONE.equals(str(i, STATE))).map(i -> str(i, RESULT));
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
