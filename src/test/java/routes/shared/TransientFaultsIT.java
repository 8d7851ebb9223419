package routes.shared;

import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 #3 on real SQS (ElasticMQ): a dependency that is down makes its messages wait on the queue with a growing
 * visibility timeout, freeing the consumer for other messages; they are processed once it is back, with nothing in
 * the dead-letter queue; only a message that keeps failing for the configured time is dead-lettered (with its reason).
 */
@ExtendWith(LocalAwsExtension.class)
class TransientFaultsIT {
    /** A step whose dependency is down for messages starting with "needs" while {@code down} is set. */
    public static class Outage {
        static volatile boolean down;
        static final AtomicInteger failures = new AtomicInteger();

        public String process(String body) {
            if (down && body.startsWith("needs")) {
                failures.incrementAndGet();
                throw new TransientFailure("Dependency answered 503");
            }
            return body;
        }
    }

    @BeforeEach
    void reset(LocalAws aws) {
        aws.createResources(List.of(Path.of("src/test/resources/test-routes/transient-faults-resources.yaml")));
        Outage.down = true;
        Outage.failures.set(0);
        drain(aws, "transforms-flaky-done");
        drain(aws, "transforms-flaky-dead-letters");
    }

    @Test
    void anOutageWaitsOnTheQueueAndRecoversWithoutAnOperator(LocalAws aws) {
        try (LocalAws.RunningApplication app = start(aws, "PT30M")) {
            send(aws, "needs-the-dependency");
            // three receives, the third at the back-off's maximum-receives: young, so not dead-lettered
            await().atMost(Duration.ofSeconds(20)).until(() -> Outage.failures.get() >= 3);

            // the one consumer is free meanwhile: another message goes through at once
            long sent = System.nanoTime();
            send(aws, "independent");
            assertThat(awaitMessages(aws, "transforms-flaky-done", 1)).extracting(Message::body).containsExactly("independent");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(4));

            Outage.down = false;
            assertThat(awaitMessages(aws, "transforms-flaky-done", 1)).extracting(Message::body).containsExactly("needs-the-dependency");
            assertThat(drain(aws, "transforms-flaky-dead-letters")).isEmpty();
        }
    }

    @Test
    void aFaultThatOutlastsTheMinimumAgeIsDeadLetteredWithItsReason(LocalAws aws) {
        try (LocalAws.RunningApplication app = start(aws, "PT3S")) {
            long sent = System.nanoTime();
            send(aws, "needs-the-dependency");
            List<Message> dead = awaitMessages(aws, "transforms-flaky-dead-letters", 1);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(Duration.ofSeconds(3));
            assertThat(dead.get(0).messageAttributes().get(DeadLetters.REASON).stringValue()).isEqualTo("Dependency answered 503");
            assertThat(dead.get(0).body()).isEqualTo("needs-the-dependency");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> depth(aws, "transforms-flaky") == 0);
        }
    }

    private static LocalAws.RunningApplication start(LocalAws aws, String minimumAge) {
        return aws.startApplication(Map.ofEntries(
                Map.entry("pipelines.enabled", "transforms"),
                Map.entry("pipelines.transforms.routes", ""), // only the stand-in route below
                Map.entry("pipelines.shared-routes", "classpath:routes/shared-beans.yaml,classpath:routes/error-handling.yaml,classpath:test-routes/dead-letter-demo.yaml"),
                Map.entry("camel.beans.demoStep", "#class:" + Outage.class.getName()),
                Map.entry("transforms.queue.demo", "transforms-flaky"),
                Map.entry("transforms.queue.demo-done", "transforms-flaky-done"),
                Map.entry("transforms.queue.dead-letter", "transforms-flaky-dead-letters"),
                Map.entry("errors.maximum-redeliveries", "0"),
                Map.entry("errors.retry-later.initial-delay", "PT1S"),
                Map.entry("errors.retry-later.maximum-delay", "PT1S"),
                Map.entry("errors.retry-later.maximum-receives", "3"),
                Map.entry("errors.retry-later.minimum-age", minimumAge)));
    }

    private static void send(LocalAws aws, String body) {
        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl("transforms-flaky")).messageBody(body));
    }

    private static int depth(LocalAws aws, String queue) {
        var attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl(queue)).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages")) + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private static List<Message> awaitMessages(LocalAws aws, String queue, int count) {
        List<Message> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            got.addAll(receive(aws, queue));
            return got.size() >= count;
        });
        return got;
    }

    private static List<Message> drain(LocalAws aws, String queue) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        while (!(batch = receive(aws, queue)).isEmpty()) {
            all.addAll(batch);
        }
        return all;
    }

    private static List<Message> receive(LocalAws aws, String queue) {
        List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(aws.queueUrl(queue)).waitTimeSeconds(0)
                .maxNumberOfMessages(10).messageAttributeNames("All")).messages();
        messages.forEach(m -> aws.sqs().deleteMessage(b -> b.queueUrl(aws.queueUrl(queue)).receiptHandle(m.receiptHandle())));
        return messages;
    }
}
