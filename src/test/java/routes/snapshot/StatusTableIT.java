package routes.snapshot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.shared.PermanentFailure;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The status and product tables' DynamoDB semantics on the local DynamoDB (reference §3.10 #45–#50 as behaviour):
 * key and attribute names, conditional transitions, consistent paginated query, monotonic product status.
 */
@ExtendWith(LocalAwsExtension.class)
class StatusTableIT {
    SnapshotTestAws aws;
    StatusTable table;
    ProductTable product;
    String run;

    @BeforeEach
    void setUp(LocalAws local) {
        aws = new SnapshotTestAws(local);
        table = aws.statusTable();
        product = new ProductTable(aws.dynamo, aws.productTable, new SnapshotMetrics(new SimpleMeterRegistry()));
        run = "correlationId-" + UUID.randomUUID();
    }

    // #47 + §3.11.1 / §3.11.5
    @Test
    void countingAFileAddsOneOnceAndStartsFromZero() {
        aws.putCollection(run, "db.collection1", "Sent", 3, null, 3);
        StatusTable.FileCount first = table.countFile(run, "db.collection1", "file:a");
        StatusTable.FileCount again = table.countFile(run, "db.collection1", "file:a");
        StatusTable.FileCount other = table.countFile(run, "db.collection1", "file:b");
        assertThat(first.counted()).isTrue();
        assertThat(first.collection().filesReceived()).isEqualTo(1);
        assertThat(again.counted()).isFalse();
        assertThat(again.collection().filesReceived()).isEqualTo(1);
        assertThat(other.collection().filesReceived()).isEqualTo(2);
        assertThat(other.collection().filesExported()).isEqualTo(3);
        assertThat(other.collection().filesSent()).isEqualTo(3);
        assertThat(table.countFile(run, "db.collection1", null).collection().filesReceived()).isEqualTo(3);
    }

    // #45/#49: a missing item is a clear error, never an upsert
    @Test
    void aMissingItemIsWrongInputAndIsNotCreated() {
        assertThatThrownBy(() -> table.countFile(run, "db.none", "file:a")).isInstanceOf(PermanentFailure.class)
                .hasMessage("No status item for CorrelationId=" + run + ", CollectionName=db.none in table " + aws.statusTable);
        assertThat(table.find(run, "db.none")).isEmpty();
    }

    // #45/#49 + §3.11.4: the success flow's read and the run's collection query are strongly consistent
    @Test
    void readsThatDecideAreStronglyConsistent() {
        aws.putCollection(run, "db.collection1", "Sent", 1, 1, 1);
        java.util.List<Object> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient recording = (software.amazon.awssdk.services.dynamodb.DynamoDbClient)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {software.amazon.awssdk.services.dynamodb.DynamoDbClient.class}, (proxy, method, args) -> {
                            if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
                                // getItem(b -> ...) builds the request and calls getItem(request) on the proxy
                                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                            }
                            if (args != null && args.length == 1 && (args[0] instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest
                                    || args[0] instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest)) {
                                requests.add(args[0]);
                            }
                            try {
                                return method.invoke(aws.dynamo, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        StatusTable consistent = new StatusTable(recording, aws.statusTable);
        assertThat(consistent.current(run, "db.collection1").status()).isEqualTo("Sent");
        assertThat(consistent.collections(run)).hasSize(1);
        assertThat(requests).hasSizeGreaterThanOrEqualTo(2).allSatisfy(request -> assertThat(
                request instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest get ? get.consistentRead()
                        : ((software.amazon.awssdk.services.dynamodb.model.QueryRequest) request).consistentRead()).isTrue());
    }

    // #46 as the fix of §3.11.2: the transition to Received is conditional, one winner
    @Test
    void receivedNeedsAReceivableStatusAndAllFiles() {
        aws.putCollection(run, "db.collection1", "Sent", 2, 1, 2);
        assertThat(table.markReceived(run, "db.collection1", "file:x")).isFalse();
        table.countFile(run, "db.collection1", "file:x");
        assertThat(table.markReceived(run, "db.collection1", "file:x")).isTrue();
        assertThat(table.markReceived(run, "db.collection1", "file:y")).isFalse();
        CollectionItem item = aws.collection(run, "db.collection1");
        assertThat(item.status()).isEqualTo("Received");
        assertThat(item.receivedBy()).isEqualTo("file:x");

        aws.putCollection(run, "db.collection2", "Exporting", 1, 1, 0);
        assertThat(table.markReceived(run, "db.collection2", "file:z")).isFalse();
        aws.putCollection(run, "db.collection3", "Exported", null, 1, 0);
        assertThat(table.markReceived(run, "db.collection3", "file:z")).isFalse();
    }

    @Test
    void successNeedsSentOrReceivedAndHasOneWinner() {
        aws.putCollection(run, "db.collection1", "Exported", 1, 1, 0);
        assertThat(table.markSuccess(run, "db.collection1", "file:_success")).isFalse();
        aws.putCollection(run, "db.collection1", "Sent", 1, 1, 1);
        assertThat(table.markSuccess(run, "db.collection1", "file:_success")).isTrue();
        assertThat(table.markSuccess(run, "db.collection1", "file:_success")).isFalse();
        assertThat(aws.collection(run, "db.collection1").succeededBy()).isEqualTo("file:_success");
    }

    // #50 + §3.11.6: every page of the run's collections, and only that run's
    @Test
    void theQueryReadsEveryPage() {
        String padding = "x".repeat(60_000);
        for (int i = 0; i < 25; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("CorrelationId", AttributeValue.fromS(run));
            item.put("CollectionName", AttributeValue.fromS(String.format("db.c%02d", i)));
            item.put("CollectionStatus", AttributeValue.fromS(i == 24 ? "Sent" : "Received"));
            item.put("Padding", AttributeValue.fromS(padding));
            aws.dynamo.putItem(b -> b.tableName(aws.statusTable).item(item));
        }
        aws.putCollection("other-" + run, "db.c00", "Exporting", 1, 0, 0);
        var collections = table.collections(run);
        assertThat(collections).hasSize(25);
        assertThat(CollectionItem.allIn(collections, CollectionItem.ALL_RECEIVED)).isFalse();
        assertThat(table.collections("nobody-" + run)).isEmpty();
    }

    // #48 + §3.11.3: key Correlation_Id + DataProduct=SNAPSHOT_SENDER, attribute Status; never back from COMPLETED
    @Test
    void theProductStatusOnlyMovesForward() {
        assertThat(product.markReceived(run)).isTrue();
        assertThat(product.markReceived(run)).isFalse();
        Map<String, AttributeValue> item = aws.dynamo.getItem(b -> b.tableName(aws.productTable).consistentRead(true)
                .key(Map.of("Correlation_Id", AttributeValue.fromS(run), "DataProduct", AttributeValue.fromS("SNAPSHOT_SENDER")))).item();
        assertThat(item.get("Status").s()).isEqualTo("RECEIVED");
        assertThat(product.markCompleted(run)).isTrue();
        assertThat(product.markReceived(run)).isFalse();
        assertThat(product.markCompleted(run)).isFalse();
        assertThat(aws.productStatus(run)).isEqualTo("COMPLETED");
    }
}
