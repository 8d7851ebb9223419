package routes.snapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import local.LocalAws;
import local.LocalAwsExtension;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.concurrent.Callable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races of reference §3.11, through the real SQS consumers (several concurrent ones) against DynamoDB (dynalite)
 * and SQS (ElasticMQ): exactly one export-state message per collection, one monitoring message per run, exact counts.
 */
@ExtendWith(LocalAwsExtension.class)
class SnapshotRacesIT {
    static SnapshotTestAws aws;
    SnapshotApp app;

    @BeforeAll
    static void localAws(LocalAws local) {
        aws = new SnapshotTestAws(local);
    }

    @org.junit.jupiter.api.BeforeEach
    void cleanQueues() {
        aws.drain(aws.monitoringTap);
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theSameFileTwiceCountsOnce() throws Exception {
        app = new SnapshotApp(aws, 2, Map.of("snapshot.max-messages-per-poll", "1"));
        String run = run();
        aws.putCollection(run, "db.c", "Sent", 2, 0, 2);
        send(List.of(file(run, "db.c", "a"), file(run, "db.c", "a"), file(run, "db.c", "a")));
        awaitQuiet();
        CollectionItem item = aws.collection(run, "db.c");
        assertThat(item.filesReceived()).isEqualTo(1);
        assertThat(item.status()).isEqualTo("Sent");
        assertThat(app.exportStateSends()).isEmpty();
    }

    @Test
    void theLastTwoFilesOfACollectionOnTwoConsumersGiveOneExportStateMessage() throws Exception {
        app = new SnapshotApp(aws, 2, Map.of("snapshot.max-messages-per-poll", "1"));
        List<String> runs = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String run = run();
            runs.add(run);
            aws.putCollection(run, "db.c", "Sent", 2, 0, 2);
            messages.add(file(run, "db.c", "last-1"));
            messages.add(file(run, "db.c", "last-2"));
        }
        send(messages);
        awaitUntil(() -> runs.stream().allMatch(r -> "Received".equals(aws.collection(r, "db.c").status())));
        awaitQuiet();
        assertThat(app.exportStateSends()).hasSize(10);
        assertThat(app.exportStateSends()).extracting(r -> r.messageBody()).doesNotHaveDuplicates();
        for (String run : runs) {
            assertThat(aws.collection(run, "db.c").filesReceived()).isEqualTo(2);
            assertThat(aws.productStatus(run)).isEqualTo("RECEIVED");
        }
    }

    @Test
    void duplicateSuccessFilesGiveOneMonitoringMessage() throws Exception {
        app = new SnapshotApp(aws, 4, Map.of("snapshot.max-messages-per-poll", "1"));
        String run = run();
        List<String> messages = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            aws.putCollection(run, "db.c" + c, "Received", 1, 1, 1);
            for (int d = 0; d < 3; d++) {
                messages.add(success(run, "db.c" + c));
            }
        }
        Collections.shuffle(messages, new Random(7));
        send(messages);
        awaitUntil(() -> "COMPLETED".equals(aws.productStatus(run)));
        awaitQuiet();
        assertThat(app.snsPublishes).hasSize(1);
        assertThat(app.metrics().count(SnapshotMetrics.COLLECTIONS_SUCCESSFUL, run)).isEqualTo(5.0);
        assertThat(app.metrics().count(SnapshotMetrics.ALL_COLLECTIONS_SUCCESSFUL, run)).isEqualTo(1.0);
        assertThat(aws.depth(aws.deadLetterQueue)).isZero();
    }

    @Test
    void twentyCollectionsOfFiftyFilesWithDuplicatesInRandomOrderOnFourConsumers() throws Exception {
        app = new SnapshotApp(aws, 4, Map.of());
        String run = run();
        Random random = new Random(42);
        List<String> messages = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            aws.putCollection(run, "db.collection" + c, c % 2 == 0 ? "Exported" : "Sent", 50, 0, c % 2 == 0 ? 0 : 50);
            for (int f = 0; f < 50; f++) {
                String message = file(run, "db.collection" + c, "part-" + f + ".gz.enc");
                messages.add(message);
                if (random.nextInt(5) == 0) {
                    messages.add(message); // about one in five delivered twice
                }
            }
        }
        Collections.shuffle(messages, random);
        send(messages);
        awaitUntil(() -> "RECEIVED".equals(aws.productStatus(run)));
        awaitQuiet();

        assertThat(app.exportStateSends()).hasSize(20);
        assertThat(app.exportStateSends()).extracting(r -> r.messageGroupId()).doesNotHaveDuplicates()
                .allMatch(g -> g.startsWith("db_collection"));
        for (int c = 0; c < 20; c++) {
            CollectionItem item = aws.collection(run, "db.collection" + c);
            assertThat(item.filesReceived()).isEqualTo(50);
            assertThat(item.status()).isEqualTo("Received");
        }
        assertThat(app.metrics().count(SnapshotMetrics.FILES_RECEIVED, run)).isEqualTo(1000.0);
        assertThat(app.metrics().count(SnapshotMetrics.COLLECTIONS_RECEIVED, run)).isEqualTo(20.0);
        assertThat(app.metrics().count(SnapshotMetrics.ALL_COLLECTIONS_RECEIVED, run)).isEqualTo(1.0);
        assertThat(app.snsPublishes).isEmpty();

        // snapshot-sender sends each _success file; NiFi reports some twice
        List<String> successes = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            successes.add(success(run, "db.collection" + c));
            if (random.nextBoolean()) {
                successes.add(success(run, "db.collection" + c));
            }
        }
        Collections.shuffle(successes, random);
        send(successes);
        awaitUntil(() -> "COMPLETED".equals(aws.productStatus(run)));
        awaitQuiet();

        assertThat(app.snsPublishes).hasSize(1);
        assertThat(aws.awaitMessages(aws.monitoringTap, 1)).singleElement().satisfies(m ->
                assertThat(m.body()).contains("\"title_text\": \"Fulls - All collections successful\"").contains(run));
        assertThat(app.exportStateSends()).hasSize(20);
        assertThat(app.metrics().count(SnapshotMetrics.COLLECTIONS_SUCCESSFUL, run)).isEqualTo(20.0);
        assertThat(app.metrics().count(SnapshotMetrics.ALL_COLLECTIONS_SUCCESSFUL, run)).isEqualTo(1.0);
        assertThat(aws.depth(aws.deadLetterQueue)).isZero();
    }

    // #18 + §3.11.4 on the real queue: an early success file waits on the status queue (growing visibility timeout,
    // no redelivery in the app, nothing dead-lettered) and is processed once its collection is ready
    @Test
    void anEarlySuccessFileWaitsOnTheQueueUntilItsCollectionIsReady() throws Exception {
        String run = earlySuccessFile("PT2S", 10);
        // for longer than its first back-off: it stays on the status queue the whole time, nothing dead-lettered
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(aws.collection(run, "db.c").status()).isEqualTo("Exported");
            assertThat(aws.depth(aws.statusQueue)).as("still on the status queue").isEqualTo(1);
            assertThat(aws.depth(aws.deadLetterQueue)).isZero();
        });

        aws.putCollection(run, "db.c", "Received", 1, 1, 1);
        awaitUntil(() -> "Success".equals(aws.collection(run, "db.c").status()));
        awaitQuiet();
        assertThat(aws.depth(aws.deadLetterQueue)).isZero();
        assertThat(app.snsPublishes).hasSize(1);
    }

    // ... and after errors.retry-later.maximum-receives receives it goes to the DLQ with the reason, off the queue
    @Test
    void anEarlySuccessFileIsDeadLetteredAtItsLastReceive() throws Exception {
        long start = System.nanoTime();
        String run = earlySuccessFile("PT1S", 3);
        List<software.amazon.awssdk.services.sqs.model.Message> dead = aws.awaitMessages(aws.deadLetterQueue, 1);
        assertThat(System.nanoTime() - start).as("two back-offs of 1 s before the third receive").isGreaterThan(1_900_000_000L);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(success(run, "db.c"));
            assertThat(m.messageAttributes().get("reason").stringValue())
                    .isEqualTo("Success file for " + run + "/db.c arrived while the collection is Exported (not Sent or Received yet)");
        });
        awaitQuiet();
        assertThat(aws.collection(run, "db.c").status()).isEqualTo("Exported");
        assertThat(app.snsPublishes).isEmpty();
    }

    /** Starts the app with 1 s first back-off, sends a success file for an Exported collection; returns the run. */
    private String earlySuccessFile(String maximumDelay, int maximumReceives) throws Exception {
        app = new SnapshotApp(aws, 1, Map.of("errors.retry-later.initial-delay", "PT1S",
                "errors.retry-later.maximum-delay", maximumDelay,
                "errors.retry-later.maximum-receives", Integer.toString(maximumReceives),
                "errors.retry-later.minimum-age", "PT0S"));
        aws.drain(aws.deadLetterQueue);
        String run = run();
        aws.putCollection(run, "db.c", "Exported", 1, 0, 0);
        send(List.of(success(run, "db.c")));
        return run;
    }

    private void send(List<String> bodies) {
        String url = aws.queueUrl(aws.statusQueue);
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, bodies.size()); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + j).messageBody(bodies.get(j)).build());
            }
            aws.sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
    }

    /** Waits until the status queue is empty, nothing in flight, and no message is inside the routes. */
    private void awaitQuiet() throws InterruptedException {
        awaitUntil(() -> aws.depth(aws.statusQueue) == 0 && app.context().getInflightRepository().size() == 0);
    }

    private static void awaitUntil(Callable<Boolean> condition) {
        await("the pipeline to get there").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    private static String run() {
        return "run-" + UUID.randomUUID();
    }

    private static String file(String run, String collection, String fileName) {
        return "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"" + collection
                + "\",\"snapshot_type\":\"fulls\",\"export_date\":\"2021-01-01\",\"file_name\":\"" + fileName + "\"}";
    }

    private static String success(String run, String collection) {
        return "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"" + collection
                + "\",\"snapshot_type\":\"fulls\",\"export_date\":\"2021-01-01\",\"file_name\":\"" + collection + "/_success\",\"is_success_file\":\"true\"}";
    }
}
