package routes.shared;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a pipeline's dead letters back to the queue each came from (its {@code sourceQueue} attribute, else
 * {@code <pipeline>.queue.replay-target}), unchanged, and deletes each from the dead-letter queue only once it is
 * sent. Safe to run at any time: the idempotency ledger makes the pipelines skip every side effect a message already
 * caused. Messages that SQS itself redrove (no attributes) go to the replay target.
 */
public class DeadLetterReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final CamelContext context;
    private final SqsClient sqs;

    public DeadLetterReplayer(CamelContext context, SqsClient sqs) {
        this.context = context;
        this.sqs = sqs;
    }

    /** Queue depth and names of a pipeline's dead-letter queue. */
    public Map<String, Object> describe(String pipeline) {
        String dlq = deadLetterQueue(pipeline);
        String url = sqs.getQueueUrl(b -> b.queueName(dlq)).queueUrl();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline);
        out.put("deadLetterQueue", dlq);
        out.put("messages", Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
        out.put("inFlight", Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
        out.put("replayTarget", property(pipeline + ".queue.replay-target"));
        return out;
    }

    /** Replays up to {@code max} dead letters of {@code pipeline}; returns counts. */
    public Map<String, Object> replay(String pipeline, Integer max) {
        int limit = max == null || max <= 0 ? Integer.MAX_VALUE : max;
        String dlq = deadLetterQueue(pipeline);
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(dlq)).queueUrl();
        String defaultTarget = property(pipeline + ".queue.replay-target");
        int replayed = 0;
        int skipped = 0;
        // a message that fails again at once comes back while we are still replaying: stop there, not in a loop
        java.util.Set<String> replayedIds = new java.util.HashSet<>();
        boolean back = false;
        while (replayed + skipped < limit && !back) {
            int batch = Math.min(10, limit - replayed - skipped);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).visibilityTimeout(60).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                String originalId = attribute(message, MessageContext.ORIGINAL_MESSAGE_ID);
                String id = originalId == null || originalId.isBlank() ? message.messageId() : originalId;
                if (back || replayedIds.contains(id)) {
                    back = true; // failed again since this replay sent it: leave it (and the rest of the batch) visible
                    sqs.changeMessageVisibility(b -> b.queueUrl(dlqUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    continue;
                }
                String target = attribute(message, DeadLetters.SOURCE_QUEUE);
                if (target == null || target.isBlank()) {
                    target = defaultTarget;
                }
                if (target == null || target.isBlank()) {
                    skipped++;
                    LOG.error("Cannot replay dead letter {} of {}: no sourceQueue attribute and no {}.queue.replay-target",
                            message.messageId(), pipeline, pipeline);
                    continue;
                }
                String targetQueue = target;
                String targetUrl = sqs.getQueueUrl(b -> b.queueName(targetQueue)).queueUrl();
                SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(targetUrl).messageBody(message.body());
                // the message keeps its identity (per-message idempotency; a redriven one keeps its SQS message id)
                send.messageAttributes(Map.of(MessageContext.ORIGINAL_MESSAGE_ID,
                        MessageAttributeValue.builder().dataType("String").stringValue(id).build()));
                if (targetQueue.endsWith(".fifo")) {
                    send.messageGroupId(pipeline).messageDeduplicationId(message.messageId());
                }
                sqs.sendMessage(send.build());
                sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(message.receiptHandle()));
                replayedIds.add(id);
                replayed++;
            }
        }
        LOG.info("Replayed {} dead letter(s) of {} ({} could not be replayed{})", replayed, pipeline, skipped,
                back ? "; stopped where a replayed message had failed again" : "");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline);
        out.put("replayed", replayed);
        out.put("notReplayable", skipped);
        out.put("failedAgain", back);
        return out;
    }

    private String deadLetterQueue(String pipeline) {
        if (!PipelineSelection.ALL.contains(pipeline)) {
            throw new PermanentFailure("Unknown pipeline '" + pipeline + "' (known: " + String.join(", ", PipelineSelection.ALL) + ")");
        }
        String dlq = property(pipeline + ".queue.dead-letter");
        if (dlq == null || dlq.isBlank()) {
            throw new PermanentFailure("Pipeline " + pipeline + " has no dead-letter queue configured (" + pipeline + ".queue.dead-letter)");
        }
        return dlq;
    }

    private String property(String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }
}
