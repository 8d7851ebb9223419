package bench;

import local.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Throughput of the snapshot status checker on the embedded local AWS: C collections × F file messages (random order)
 * through the whole application (status queue → route → DynamoDB → export-state queue), in messages/s, next to the
 * raw UpdateItem rate of the same DynamoDB emulator measured in the same run with the same concurrency, and their
 * ratio (each message costs one conditional UpdateItem plus SQS receive/delete and the route itself).
 * Arguments (system properties): bench.collections (20), bench.files (500), bench.consumers (4), bench.raw-updates (5000).
 */
public final class SnapshotStatusBench {
    public static void main(String[] args) throws Exception {
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.camel", org.apache.logging.log4j.Level.WARN);
        int collections = Integer.getInteger("bench.collections", 20);
        int files = Integer.getInteger("bench.files", 500);
        int consumers = Integer.getInteger("bench.consumers", 4);
        int rawUpdates = Integer.getInteger("bench.raw-updates", 5000);
        int total = collections * files;
        Path dataDir = Files.createTempDirectory("snapshot-bench-");
        try (LocalAws aws = LocalAws.start(new LocalAws.Settings(dataDir, LocalAws.Ports.random(), false, List.of()))) {
            var properties = aws.properties();
            String statusTable = properties.apply("snapshot.table.status");
            String productTable = properties.apply("snapshot.table.product");
            String statusQueue = aws.queueUrl(properties.apply("snapshot.queue.status"));
            DynamoDbClient dynamo = aws.dynamoDb();
            SqsClient sqs = aws.sqs();

            double rawRate = rawUpdateRate(dynamo, statusTable, rawUpdates, consumers);

            String run = "bench-" + UUID.randomUUID();
            for (int c = 0; c < collections; c++) {
                String collection = "db.bench.collection" + c;
                dynamo.putItem(b -> b.tableName(statusTable).item(Map.of("CorrelationId", s(run), "CollectionName", s(collection),
                        "CollectionStatus", s("Sent"), "FilesExported", n(files), "FilesSent", n(files))));
            }
            List<String> messages = new ArrayList<>(total);
            for (int c = 0; c < collections; c++) {
                for (int f = 0; f < files; f++) {
                    messages.add("{\"correlation_id\":\"" + run + "\",\"collection_name\":\"db.bench.collection" + c
                            + "\",\"snapshot_type\":\"full\",\"export_date\":\"2026-11-22\",\"file_name\":\"part-" + f + ".gz.enc\"}");
                }
            }
            Collections.shuffle(messages, new Random(1));

            try (LocalAws.RunningApplication app = aws.startApplication(Map.of("pipelines.enabled", "snapshot",
                    "snapshot.consumers", Integer.toString(consumers)))) {
                long start = System.nanoTime();
                send(sqs, statusQueue, messages);
                long sent = System.nanoTime();
                double[] marks = new double[3]; // when 50, 90, 99 % were done: a slow tail shows here
                double[] fractions = {0.5, 0.9, 0.99};
                await("every message counted").atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    int left = depth(sqs, statusQueue);
                    for (int m = 0; m < marks.length; m++) {
                        if (marks[m] == 0 && total - left >= total * fractions[m]) {
                            marks[m] = (System.nanoTime() - start) / 1e9;
                        }
                    }
                    return left == 0 && "RECEIVED".equals(productStatus(dynamo, productTable, run));
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = total / seconds;
                System.out.printf("%nsnapshot status checker benchmark (%d collections x %d files = %d messages, %d consumers)%n",
                        collections, files, total, consumers);
                System.out.printf("  sending to the status queue : %.2f s%n", (sent - start) / 1e9);
                System.out.printf("  50/90/99 %% done after       : %.1f / %.1f / %.1f s%n", marks[0], marks[1], marks[2]);
                System.out.printf("  route, end to end           : %.2f s = %.0f messages/s%n", seconds, rate);
                // the floor depends on the client that measures it: the Java SDK drives dynalite about 3x faster than
                // boto3 on a quiet machine, so compare ratios only between drivers that measure it alike (bench/README.md)
                System.out.printf("  raw DynamoDB UpdateItem     : %.0f updates/s (same emulator, Java SDK client, %d threads, %d updates)%n",
                        rawRate, consumers, rawUpdates);
                System.out.printf("  ratio route / raw UpdateItem: %.2f%n", rate / rawRate);
            }
        } finally {
            try (var walk = Files.walk(dataDir)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Conditional ADD updates (like the pipeline's file count) from {@code threads} threads on one emulator. */
    private static double rawUpdateRate(DynamoDbClient dynamo, String table, int updates, int threads) throws Exception {
        String run = "raw-" + UUID.randomUUID();
        for (int c = 0; c < threads; c++) {
            String collection = "raw" + c;
            dynamo.putItem(b -> b.tableName(table).item(Map.of("CorrelationId", s(run), "CollectionName", s(collection))));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String collection = "raw" + t;
            done.add(pool.submit(() -> {
                while (next.getAndIncrement() < updates) {
                    dynamo.updateItem(b -> b.tableName(table).key(Map.of("CorrelationId", s(run), "CollectionName", s(collection)))
                            .updateExpression("ADD FilesReceived :one").conditionExpression("attribute_exists(CorrelationId)")
                            .expressionAttributeValues(Map.of(":one", n(1))));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return updates / ((System.nanoTime() - start) / 1e9);
    }

    private static void send(SqsClient sqs, String queueUrl, List<String> messages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < messages.size(); i += 10) {
            List<String> batch = messages.subList(i, Math.min(i + 10, messages.size()));
            done.add(pool.submit(() -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int j = 0; j < batch.size(); j++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + j).messageBody(batch.get(j)).build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static String productStatus(DynamoDbClient dynamo, String table, String run) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("Correlation_Id", s(run), "DataProduct", s("SNAPSHOT_SENDER")))).item();
        return item == null || !item.containsKey("Status") ? null : item.get("Status").s();
    }

    private static int depth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
