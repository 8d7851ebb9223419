package routes.snapshot;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

/**
 * The product status table (key {@code Correlation_Id} + {@code DataProduct} = {@code SNAPSHOT_SENDER}, attribute
 * {@code Status}). Updates are conditional and monotonic: {@code RECEIVED} never overwrites {@code COMPLETED}.
 */
// Not aws2-ddb: its UpdateItem takes no condition expression ("never back from COMPLETED" is one).
public class ProductTable {
    public static final String CORRELATION_ID = "Correlation_Id";
    public static final String DATA_PRODUCT = "DataProduct";
    public static final String PRODUCT = "SNAPSHOT_SENDER";
    public static final String STATUS = "Status";
    public static final String RECEIVED = "RECEIVED";
    public static final String COMPLETED = "COMPLETED";

    private DynamoDbClient dynamo;
    private String table;
    private SnapshotMetrics metrics;

    public ProductTable() {
    }

    public ProductTable(DynamoDbClient dynamo, String table, SnapshotMetrics metrics) {
        this.dynamo = dynamo;
        this.table = table;
        this.metrics = metrics;
    }

    public void setDynamo(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public void setMetrics(SnapshotMetrics metrics) {
        this.metrics = metrics;
    }

    /** Every collection of the run is received: the product becomes {@code RECEIVED} (counted once per run). */
    public void runReceived(StatusMessage message) {
        if (markReceived(message.correlationId())) {
            metrics.allCollectionsReceived(message);
        }
    }

    /** Every collection of the run is successful: the product becomes {@code COMPLETED}. */
    public void runCompleted(StatusMessage message) {
        markCompleted(message.correlationId());
    }

    /** Sets {@code RECEIVED} unless the product is already {@code RECEIVED} or {@code COMPLETED}; true if it did. */
    public boolean markReceived(String correlationId) {
        return set(correlationId, RECEIVED, "attribute_not_exists(#s) OR NOT (#s IN (:v, :completed))");
    }

    /** Sets {@code COMPLETED} unless it already is; true if it did. */
    public boolean markCompleted(String correlationId) {
        return set(correlationId, COMPLETED, "attribute_not_exists(#s) OR #s <> :completed");
    }

    public String status(String correlationId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(correlationId)).consistentRead(true)).item();
        return item == null || !item.containsKey(STATUS) ? null : item.get(STATUS).s();
    }

    private boolean set(String correlationId, String status, String condition) {
        Map<String, AttributeValue> values = Map.of(":v", AttributeValue.fromS(status), ":completed", AttributeValue.fromS(COMPLETED));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(correlationId))
                    .updateExpression("SET #s = :v").conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#s", STATUS)).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Map<String, AttributeValue> key(String correlationId) {
        return Map.of(CORRELATION_ID, AttributeValue.fromS(correlationId), DATA_PRODUCT, AttributeValue.fromS(PRODUCT));
    }
}
