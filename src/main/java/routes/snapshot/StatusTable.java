package routes.snapshot;

import routes.shared.PermanentFailure;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static routes.snapshot.CollectionItem.COLLECTION_NAME;
import static routes.snapshot.CollectionItem.COLLECTION_STATUS;
import static routes.snapshot.CollectionItem.CORRELATION_ID;
import static routes.snapshot.CollectionItem.FILES_EXPORTED;
import static routes.snapshot.CollectionItem.FILES_RECEIVED;
import static routes.snapshot.CollectionItem.RECEIVED_BY;
import static routes.snapshot.CollectionItem.RECEIVED_FILE_IDS;
import static routes.snapshot.CollectionItem.SUCCEEDED_BY;

/**
 * The export status table (key {@code CorrelationId} + {@code CollectionName}), shared with the exporter and
 * snapshot-sender. Every write here is a single conditional UpdateItem, so concurrent consumers and replicas agree:
 * a file is counted once, and exactly one writer moves a collection to {@code Received} or {@code Success}.
 */
// Not aws2-ddb: its UpdateItem takes no condition expression, and every transition here is a conditional update.
public class StatusTable {
    /** The result of counting a file: the item after the count, and whether this call counted it. */
    public record FileCount(CollectionItem collection, boolean counted) {
    }

    private DynamoDbClient dynamo;
    private String table;

    public StatusTable() {
    }

    public StatusTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void setDynamo(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String table() {
        return table;
    }

    /**
     * Adds 1 to {@code FilesReceived} (starting from 0 when missing) unless this receipt was counted before; the
     * receipt's digest joins the item's {@code ReceivedFileIds} set in the same conditional update.
     */
    public FileCount countFile(String correlationId, String collectionName, String receiptId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1")));
        String update = "ADD " + FILES_RECEIVED + " :one";
        String condition = "attribute_exists(" + CORRELATION_ID + ")";
        if (receiptId != null) {
            String fileId = fileId(receiptId);
            update += ", " + RECEIVED_FILE_IDS + " :fileIds";
            condition += " AND NOT contains(" + RECEIVED_FILE_IDS + ", :fileId)";
            values.put(":fileIds", AttributeValue.fromSs(List.of(fileId)));
            values.put(":fileId", AttributeValue.fromS(fileId));
        }
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(correlationId, collectionName)).updateExpression(update).conditionExpression(condition)
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW).build()).attributes();
            return new FileCount(CollectionItem.from(item), true);
        } catch (ConditionalCheckFailedException e) {
            return new FileCount(current(correlationId, collectionName), false);
        }
    }

    /** Moves the collection to {@code Received} if it is {@code Exported}/{@code Sent} with received ≥ exported. */
    public boolean markReceived(String correlationId, String collectionName, String receiptId) {
        return transition(correlationId, collectionName, CollectionItem.RECEIVED, RECEIVED_BY, receiptId,
                COLLECTION_STATUS + " IN (:a, :b) AND " + FILES_RECEIVED + " >= " + FILES_EXPORTED,
                CollectionItem.EXPORTED, CollectionItem.SENT);
    }

    /** Moves the collection to {@code Success} if it is {@code Sent} or {@code Received}. */
    public boolean markSuccess(String correlationId, String collectionName, String receiptId) {
        return transition(correlationId, collectionName, CollectionItem.SUCCESS, SUCCEEDED_BY, receiptId,
                COLLECTION_STATUS + " IN (:a, :b)", CollectionItem.SENT, CollectionItem.RECEIVED);
    }

    private boolean transition(String correlationId, String collectionName, String status, String byAttribute,
                               String receiptId, String condition, String from1, String from2) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(correlationId, collectionName))
                    .updateExpression("SET " + COLLECTION_STATUS + " = :status, " + byAttribute + " = :by")
                    .conditionExpression(condition)
                    .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status),
                            ":by", AttributeValue.fromS(receiptId == null ? "anonymous-" + UUID.randomUUID() : receiptId),
                            ":a", AttributeValue.fromS(from1), ":b", AttributeValue.fromS(from2)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The collection's item, strongly consistent; a missing item is wrong input for this run. */
    public CollectionItem current(String correlationId, String collectionName) {
        return find(correlationId, collectionName).orElseThrow(() -> new PermanentFailure("No status item for "
                + CORRELATION_ID + "=" + correlationId + ", " + COLLECTION_NAME + "=" + collectionName + " in table " + table));
    }

    public Optional<CollectionItem> find(String correlationId, String collectionName) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(correlationId, collectionName)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(CollectionItem.from(response.item())) : Optional.empty();
    }

    /** Every collection of a run: a strongly consistent query, all pages. */
    public List<CollectionItem> collections(String correlationId) {
        List<CollectionItem> collections = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression(CORRELATION_ID + " = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(correlationId)))
                    .projectionExpression(String.join(", ", CORRELATION_ID, COLLECTION_NAME, COLLECTION_STATUS))
                    .consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(request.build());
            page.items().forEach(item -> collections.add(CollectionItem.from(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return collections;
    }

    static Map<String, AttributeValue> key(String correlationId, String collectionName) {
        return Map.of(CORRELATION_ID, AttributeValue.fromS(correlationId), COLLECTION_NAME, AttributeValue.fromS(collectionName));
    }

    /** A short, fixed-size id for a receipt (64 bits of its SHA-256), so thousands of files fit in one item. */
    static String fileId(String receiptId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(receiptId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
