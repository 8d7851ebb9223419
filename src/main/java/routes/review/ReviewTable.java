package routes.review;

import routes.shared.Sha256;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The review table (hash key {@code id}): one item per request ({@code kind=request}), one per reviewer's record
 * ({@code kind=record}), the set of requests still waiting (to expire, repair and heartbeat them without a scan), and
 * per reviewer the set of their unanswered records (the page lists them). Every transition is a conditional write, so
 * concurrent answers, two replicas and redelivered tasks each change a record or a request once. All reads that
 * decide something are strongly consistent.
 */
// Not aws2-ddb: its PutItem/UpdateItem take no condition expression, and the review states change conditionally.
public class ReviewTable {
    static final String ID = "id";
    static final String KIND = "kind";
    static final String PENDING_INDEX = "index#pending-requests";
    private static final Map<String, String> NAMES = Map.of("#status", "status", "#state", "state");

    private DynamoDbClient dynamoDb;
    private String tableName;

    public void setDynamoDb(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }

    // ---- creation (idempotent) ----

    /** Creates the request item unless it exists; true when this call created it. Registers it as pending. */
    public boolean createRequest(ReviewRequest request) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(request.id()));
        item.put(KIND, s("request"));
        item.put("taskToken", s(request.taskToken()));
        item.put("source", s(request.source()));
        item.put("subject", s(request.subject()));
        item.put("context", s(request.contextJson()));
        item.put("reviewers", AttributeValue.fromL(request.reviewers().stream().map(ReviewTable::s).toList()));
        item.put("recordIds", AttributeValue.fromL(request.recordIds().stream().map(ReviewTable::s).toList()));
        item.put("policy", s(request.policy().kind()));
        item.put("required", n(request.policy().required()));
        item.put("state", s(ReviewState.PENDING));
        item.put("createdAt", s(request.createdAt().toString()));
        item.put("deadline", s(request.deadline().toString()));
        putOptional(item, "executionArn", request.executionArn());
        putOptional(item, "stateMachineArn", request.stateMachineArn());
        putOptional(item, "activityArn", request.activityArn());
        boolean created = putIfAbsent(item);
        addToSet(PENDING_INDEX, request.id());
        return created;
    }

    /** Creates a reviewer's record unless it exists (no secret yet: the email step sets it). */
    public boolean createRecord(ReviewRequest request, String reviewer) {
        String id = request.recordId(reviewer);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(id));
        item.put(KIND, s("record"));
        item.put("requestId", s(request.id()));
        item.put("reviewer", s(reviewer));
        item.put("subject", s(request.subject()));
        item.put("status", s(ReviewRecord.UNANSWERED));
        item.put("createdAt", s(request.createdAt().toString()));
        putOptional(item, "executionArn", request.executionArn());
        putOptional(item, "stateMachineArn", request.stateMachineArn());
        putOptional(item, "activityArn", request.activityArn());
        boolean created = putIfAbsent(item);
        if (created) {
            addToSet(reviewerKey(reviewer), id);
        }
        return created;
    }

    public void setSecretHash(String recordId, String secretHash) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(recordId))
                .updateExpression("SET secretHash = :h")
                .conditionExpression("attribute_exists(id)")
                .expressionAttributeValues(Map.of(":h", s(secretHash))));
    }

    // ---- reads ----

    public Optional<ReviewRecord> record(String id) {
        return item(id).filter(i -> "record".equals(str(i, KIND))).map(ReviewTable::toRecord);
    }

    public Optional<ReviewState> request(String id) {
        return item(id).filter(i -> "request".equals(str(i, KIND))).map(ReviewTable::toRequest);
    }

    /** The records with these ids, in this order (strongly consistent). */
    public List<ReviewRecord> records(List<String> ids) {
        Map<String, ReviewRecord> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + 100)).stream()
                    .distinct().map(ReviewTable::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(tableName,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> next = request;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(next));
                response.responses().getOrDefault(tableName, List.of())
                        .forEach(i -> found.put(str(i, ID), toRecord(i)));
                request = response.unprocessedKeys();
            }
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Ids of the requests still waiting (or decided with their callback not yet made). */
    public Set<String> pendingRequests() {
        return members(PENDING_INDEX);
    }

    /** The reviewer's unanswered record ids. */
    public Set<String> pendingRecordsOf(String reviewer) {
        return members(reviewerKey(reviewer));
    }

    private Set<String> members(String id) {
        return item(id).map(i -> i.get("members")).filter(m -> m != null && m.hasSs())
                .map(m -> (Set<String>) new TreeSet<>(m.ss())).orElseGet(TreeSet::new);
    }

    // ---- transitions (conditional) ----

    /** UNANSWERED -> SUCCEED/FAIL; false when the record was no longer unanswered (someone else's write won). */
    public boolean answer(String recordId, String status, String at, String by) {
        return conditional(() -> dynamoDb.updateItem(b -> b.tableName(tableName).key(key(recordId))
                .updateExpression("SET #status = :s, answeredAt = :at, answeredBy = :by")
                .conditionExpression("#status = :unanswered")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":s", s(status), ":at", s(at), ":by", s(by),
                        ":unanswered", s(ReviewRecord.UNANSWERED)))));
    }

    /** UNANSWERED -> CLOSED or EXPIRED. */
    public boolean close(String recordId, String status) {
        return conditional(() -> dynamoDb.updateItem(b -> b.tableName(tableName).key(key(recordId))
                .updateExpression("SET #status = :s")
                .conditionExpression("#status = :unanswered")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":s", s(status), ":unanswered", s(ReviewRecord.UNANSWERED)))));
    }

    /** Any status -> EXPIRED: Step Functions no longer waits, so no answer of this request counts. */
    public void expire(String recordId) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(recordId))
                .updateExpression("SET #status = :s")
                .conditionExpression("attribute_exists(id)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":s", s(ReviewRecord.EXPIRED))));
    }

    /**
     * PENDING -> SUCCEEDED / FAILED / EXPIRED, with the decision's output or error and cause: the deciding write,
     * won by exactly one caller.
     */
    public boolean decide(String requestId, String state, String at, String output, String error, String cause) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(state));
        values.put(":at", s(at));
        values.put(":pending", s(ReviewState.PENDING));
        StringBuilder update = new StringBuilder("SET #state = :state, decidedAt = :at");
        if (output != null) {
            update.append(", #output = :output");
            values.put(":output", s(output));
        }
        if (error != null) {
            update.append(", #error = :error, #cause = :cause");
            values.put(":error", s(error));
            values.put(":cause", s(cause));
        }
        Map<String, String> names = new HashMap<>(Map.of("#state", "state"));
        if (output != null) {
            names.put("#output", "output");
        }
        if (error != null) {
            names.put("#error", "error");
            names.put("#cause", "cause");
        }
        return conditional(() -> dynamoDb.updateItem(b -> b.tableName(tableName).key(key(requestId))
                .updateExpression(update.toString())
                .conditionExpression("#state = :pending")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)));
    }

    /** A decided request whose task Step Functions no longer knows: EXPIRED whatever was decided. */
    public void markExpired(String requestId, String cause) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(requestId))
                .updateExpression("SET #state = :state, #cause = :cause")
                .expressionAttributeNames(Map.of("#state", "state", "#cause", "cause"))
                .expressionAttributeValues(Map.of(":state", s(ReviewState.EXPIRED), ":cause", s(cause))));
    }

    /** The outcome of the task callback (SENT, ALREADY_SENT, TOKEN_GONE): the request is finished. */
    public void callbackMade(String requestId, String outcome) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(requestId))
                .updateExpression("SET callback = :c")
                .expressionAttributeValues(Map.of(":c", s(outcome))));
    }

    public void finished(String requestId) {
        removeFromSet(PENDING_INDEX, requestId);
    }

    public void answeredOrClosed(String reviewer, String recordId) {
        removeFromSet(reviewerKey(reviewer), recordId);
    }

    // ---- operators ----

    /** One page of a scan over requests and records (kind, and status/state when given). */
    public Page scan(String status, int limit, String startId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":request", s("request"), ":record", s("record")));
        String filter = "(#kind = :request OR #kind = :record)";
        Map<String, String> names = new HashMap<>(Map.of("#kind", "kind"));
        if (status != null && !status.isBlank()) {
            filter += " AND (#status = :wanted OR #state = :wanted)";
            names.putAll(NAMES);
            values.put(":wanted", s(status.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        String filterExpression = filter;
        ScanResponse response = dynamoDb.scan(b -> {
            b.tableName(tableName).limit(limit).filterExpression(filterExpression)
                    .expressionAttributeNames(names).expressionAttributeValues(values);
            if (startId != null && !startId.isBlank()) {
                b.exclusiveStartKey(key(startId));
            }
        });
        List<ReviewState> requests = new ArrayList<>();
        List<ReviewRecord> records = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            if ("request".equals(str(item, KIND))) {
                requests.add(toRequest(item));
            } else {
                records.add(toRecord(item));
            }
        }
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? str(response.lastEvaluatedKey(), ID) : null;
        return new Page(requests, records, next);
    }

    public record Page(List<ReviewState> requests, List<ReviewRecord> records, String next) {
    }

    // ---- helpers ----

    private Optional<Map<String, AttributeValue>> item(String id) {
        if (id == null || id.isBlank() || id.length() > 200) {
            return Optional.empty();
        }
        var response = dynamoDb.getItem(b -> b.tableName(tableName).key(key(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        return conditional(() -> dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(id)")));
    }

    private void addToSet(String id, String member) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(id))
                .updateExpression("SET #kind = :kind ADD members :m")
                .expressionAttributeNames(Map.of("#kind", "kind"))
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromSs(List.of(member)), ":kind", s("index"))));
    }

    private void removeFromSet(String id, String member) {
        dynamoDb.updateItem(b -> b.tableName(tableName).key(key(id))
                .updateExpression("DELETE members :m")
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromSs(List.of(member)))));
    }

    private static boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static String reviewerKey(String reviewer) {
        return "reviewer#" + Sha256.hex(reviewer.toLowerCase(java.util.Locale.ROOT)).substring(0, 32);
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(ID, s(id));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }

    private static void putOptional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isBlank()) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static ReviewRecord toRecord(Map<String, AttributeValue> i) {
        return new ReviewRecord(str(i, ID), str(i, "requestId"), str(i, "reviewer"), str(i, "subject"),
                str(i, "stateMachineArn"), str(i, "executionArn"), str(i, "activityArn"), str(i, "status"),
                str(i, "createdAt"), str(i, "answeredAt"), str(i, "answeredBy"), str(i, "secretHash"));
    }

    private static ReviewState toRequest(Map<String, AttributeValue> i) {
        AttributeValue required = i.get("required");
        return new ReviewState(str(i, ID), str(i, "taskToken"), str(i, "source"), str(i, "subject"), str(i, "context"),
                list(i, "reviewers"), list(i, "recordIds"), str(i, "policy"),
                required == null ? 0 : Integer.parseInt(required.n()), str(i, "state"), str(i, "createdAt"),
                str(i, "deadline"), str(i, "decidedAt"), str(i, "output"), str(i, "error"), str(i, "cause"),
                str(i, "callback"), str(i, "executionArn"), str(i, "stateMachineArn"), str(i, "activityArn"));
    }
}
