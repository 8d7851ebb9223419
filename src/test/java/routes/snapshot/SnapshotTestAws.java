package routes.snapshot;

import local.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot pipeline's view of the shared local AWS ({@code local.LocalAwsExtension}): its tables, queues and
 * monitoring topic as local-aws/resources-snapshot.yaml declares them, and helpers to set up and read a run.
 */
final class SnapshotTestAws {
    final LocalAws local;
    final DynamoDbClient dynamo;
    final SqsClient sqs;
    final String statusTable;
    final String productTable;
    final String ledgerTable;
    final String statusQueue;
    final String deadLetterQueue;
    final String exportStateQueue;
    final String monitoringTopic;
    final String monitoringTap;

    SnapshotTestAws(LocalAws local) {
        this.local = local;
        this.dynamo = local.dynamoDb();
        this.sqs = local.sqs();
        var properties = local.properties();
        statusTable = properties.apply("snapshot.table.status");
        productTable = properties.apply("snapshot.table.product");
        ledgerTable = properties.apply("ledger.table");
        statusQueue = properties.apply("snapshot.queue.status");
        deadLetterQueue = properties.apply("snapshot.queue.dead-letter");
        exportStateQueue = properties.apply("snapshot.queue.export-state");
        monitoringTopic = properties.apply("snapshot.topic.monitoring");
        monitoringTap = properties.apply("snapshot.queue.monitoring-tap");
    }

    String queueUrl(String name) {
        return local.queueUrl(name);
    }

    /** Every message waiting on a queue (received and deleted). */
    List<Message> drain(String queue) {
        String url = queueUrl(queue);
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All").waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
    }

    /** Waits (long polls, at most a minute) until {@code count} messages have arrived on a queue; returns them, deleted. */
    List<Message> awaitMessages(String queue, int count) {
        String url = queueUrl(queue);
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 60 && all.size() < count; i++) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
        return all;
    }

    /** Messages waiting or in flight on a queue. */
    int depth(String queue) {
        String url = queueUrl(queue);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** A collection item as the exporter / snapshot-sender leave it; null counters are left out. */
    void putCollection(String correlationId, String collection, String status, Integer exported, Integer received, Integer sent) {
        dynamo.putItem(b -> b.tableName(statusTable).item(item(correlationId, collection, status, exported, received, sent)));
    }

    /** A status item; null counters are left out. */
    static Map<String, AttributeValue> item(String correlationId, String collection, String status, Integer exported,
                                            Integer received, Integer sent) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("CorrelationId", AttributeValue.fromS(correlationId));
        item.put("CollectionName", AttributeValue.fromS(collection));
        item.put("CollectionStatus", AttributeValue.fromS(status));
        if (exported != null) {
            item.put("FilesExported", AttributeValue.fromN(exported.toString()));
        }
        if (received != null) {
            item.put("FilesReceived", AttributeValue.fromN(received.toString()));
        }
        if (sent != null) {
            item.put("FilesSent", AttributeValue.fromN(sent.toString()));
        }
        return item;
    }

    CollectionItem collection(String correlationId, String collection) {
        return statusTable().find(correlationId, collection).orElseThrow();
    }

    StatusTable statusTable() {
        return new StatusTable(dynamo, statusTable);
    }

    String productStatus(String correlationId) {
        return new ProductTable(dynamo, productTable, null).status(correlationId);
    }
}
