package local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivers SNS topic messages to the subscribed ElasticMQ queues. fauxqs (the SNS emulator) can only deliver to
 * queues it hosts itself, so each subscribed queue has a twin in fauxqs; one thread per subscription long-polls the
 * twin and moves each message (body and message attributes, FIFO group and deduplication ids) to the real queue,
 * deleting it from the twin only once the real queue has it. The application keeps one SQS endpoint, as on AWS.
 */
final class LocalSnsBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSnsBridge.class);

    private final SqsClient fauxqs;
    private final SqsClient elasticMq;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    LocalSnsBridge(SqsClient fauxqs, SqsClient elasticMq) {
        this.fauxqs = fauxqs;
        this.elasticMq = elasticMq;
    }

    /** Starts forwarding for these subscriptions. */
    synchronized void add(List<LocalResourceCreator.Subscription> subscriptions) {
        for (LocalResourceCreator.Subscription subscription : subscriptions) {
            Thread thread = new Thread(() -> forward(subscription), "sns-bridge-" + subscription.topic());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void forward(LocalResourceCreator.Subscription subscription) {
        while (running) {
            try {
                List<Message> messages = fauxqs.receiveMessage(b -> b.queueUrl(subscription.twinQueueUrl())
                        .maxNumberOfMessages(10).waitTimeSeconds(1)
                        .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                for (Message message : messages) {
                    SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(subscription.queueUrl())
                            .messageBody(message.body()).messageAttributes(message.messageAttributes());
                    String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                    if (subscription.queueUrl().endsWith(".fifo")) {
                        String dedup = message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
                        send.messageGroupId(group != null ? group : subscription.topic())
                                .messageDeduplicationId(dedup != null ? dedup : message.messageId());
                    }
                    elasticMq.sendMessage(send.build());
                    fauxqs.deleteMessage(b -> b.queueUrl(subscription.twinQueueUrl()).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("SNS bridge {} -> {}: {}", subscription.topic(), subscription.queueUrl(), e.getMessage());
                    Pause.millis(500);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
