package routes.snapshot;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import routes.shared.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB (dynalite, the same npm emulator the local run uses) and SQS (ElasticMQ) emulators for the snapshot
 * pipeline's behaviour tests, on 127.0.0.1. Stands in until the shared {@code local.LocalAwsExtension} is on main.
 */
final class SnapshotTestAws implements AutoCloseable {
    static final String STATUS_TABLE = "test-export-status";
    static final String PRODUCT_TABLE = "test-product-status";
    static final String LEDGER_TABLE = "test-ledger";
    static final String STATUS_QUEUE = "snapshot-status";
    static final String DEAD_LETTER_QUEUE = "snapshot-status-dead-letters";
    static final String EXPORT_STATE_QUEUE = "snapshot-export-state.fifo";

    private final Process dynalite;
    private final SQSRestServer sqsServer;
    final int dynamoPort;
    final int sqsPort;
    final DynamoDbClient dynamo;
    final SqsClient sqs;

    private SnapshotTestAws() throws Exception {
        dynamoPort = freePort();
        Path localAws = locateLocalAws();
        File log = Files.createTempFile("dynalite", ".log").toFile();
        log.deleteOnExit();
        dynalite = new ProcessBuilder("node", localAws.resolve("node_modules/dynalite/cli.js").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(dynamoPort),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectErrorStream(true).redirectOutput(log).start();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
        awaitPort(dynamoPort);
        AwsClients clients = new AwsClients("us-east-1", "test", "test", service -> switch (service) {
            case "dynamodb" -> endpoint(dynamoPort);
            case "sqs" -> endpoint(sqsPort);
            default -> "";
        });
        dynamo = clients.dynamoDb();
        sqs = clients.sqs();
        createTable(LEDGER_TABLE, "pk", null);
        createTable(STATUS_TABLE, "CorrelationId", "CollectionName");
        createTable(PRODUCT_TABLE, "Correlation_Id", "DataProduct");
        sqs.createQueue(b -> b.queueName(DEAD_LETTER_QUEUE));
        sqs.createQueue(b -> b.queueName(STATUS_QUEUE).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30")));
        sqs.createQueue(b -> b.queueName(EXPORT_STATE_QUEUE).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
    }

    static SnapshotTestAws start() {
        try {
            return new SnapshotTestAws();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the snapshot test emulators: " + e.getMessage(), e);
        }
    }

    static String endpoint(int port) {
        return "http://127.0.0.1:" + port;
    }

    String queueUrl(String name) {
        return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** Every message waiting on a queue (received and deleted). */
    List<Message> drain(String queue) {
        String url = queueUrl(queue);
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All").attributeNamesWithStrings("All").waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
    }

    int depth(String queue) {
        String url = queueUrl(queue);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** A collection item as the exporter / snapshot-sender leave it; null counters are left out. */
    void putCollection(String correlationId, String collection, String status, Integer exported, Integer received, Integer sent) {
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
        dynamo.putItem(b -> b.tableName(STATUS_TABLE).item(item));
    }

    void setStatus(String correlationId, String collection, String status) {
        dynamo.updateItem(b -> b.tableName(STATUS_TABLE).key(StatusTable.key(correlationId, collection))
                .updateExpression("SET CollectionStatus = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))));
    }

    CollectionItem collection(String correlationId, String collection) {
        return new StatusTable(dynamo, STATUS_TABLE).find(correlationId, collection).orElseThrow();
    }

    String productStatus(String correlationId) {
        return new ProductTable(dynamo, PRODUCT_TABLE, null).status(correlationId);
    }

    private void createTable(String name, String hash, String range) {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build()));
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(AttributeDefinition.builder().attributeName(hash).attributeType(ScalarAttributeType.S).build()));
        if (range != null) {
            keys.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
            attributes.add(AttributeDefinition.builder().attributeName(range).attributeType(ScalarAttributeType.S).build());
        }
        dynamo.createTable(b -> b.tableName(name).keySchema(keys).attributeDefinitions(attributes).billingMode(BillingMode.PAY_PER_REQUEST));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
    }

    private static Path locateLocalAws() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("local-aws");
            if (Files.isRegularFile(candidate.resolve("node_modules/dynalite/cli.js"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("local-aws/node_modules/dynalite not found: run npm ci in local-aws (mvn does it)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("dynalite did not start on port " + port);
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        sqsServer.stopAndWait();
        dynalite.destroy();
    }
}
