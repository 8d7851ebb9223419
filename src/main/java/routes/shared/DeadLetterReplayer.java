package routes.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The operator's dead-letter actions (operations.yaml):
 * <ul>
 *   <li>describe and list a pipeline's dead letters with their reasons and attributes;</li>
 *   <li>replay: move them back to the queue each came from (its {@code sourceQueue} attribute, else
 *       {@code <pipeline>.queue.replay-target}), unchanged, deleting each from the dead-letter queue only once sent,
 *       and report what happened to each ({@link ReplayOutcomes}), or that it is still pending and where to look.
 *       Safe at any time: the idempotency ledger makes the pipelines skip every side effect already done;</li>
 *   <li>discard one by id, or archive it (body and attributes as JSON) to {@code admin.dead-letter-archive.bucket}
 *       and then delete it; each logged with the operator's name ({@code X-Operator}).</li>
 * </ul>
 */
public class DeadLetterReplayer {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many dead letters a search for one id looks through at most. */
    private static final int SEARCH_LIMIT = 1000;

    private final CamelContext context;
    private final SqsClient sqs;
    private final QueueUrls queueUrls;

    public DeadLetterReplayer(CamelContext context, SqsClient sqs) {
        this.context = context;
        this.sqs = sqs;
        this.queueUrls = new QueueUrls(sqs);
    }

    /** Queue depth and names of a pipeline's dead-letter queue. */
    public Map<String, Object> describe(String pipeline) {
        String dlq = deadLetterQueue(pipeline);
        String url = queueUrls.of(dlq);
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

    /** Up to {@code max} (default 50) dead letters with their id, reason and attributes; they stay on the queue. */
    public Map<String, Object> list(String pipeline, Integer max) {
        int limit = max == null || max <= 0 ? 50 : max;
        String url = dlqUrl(pipeline);
        List<Map<String, Object>> listed = new ArrayList<>();
        List<Message> seen = scan(url, limit, m -> false);
        for (Message message : seen) {
            listed.add(view(message));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline);
        out.put("count", listed.size());
        out.put("messages", listed);
        return out;
    }

    /** Deletes dead letter {@code id} of {@code pipeline}, logging who did it. */
    public Map<String, Object> discard(String pipeline, String id, String operator) {
        String who = operator(operator);
        String url = dlqUrl(pipeline);
        Message message = find(url, pipeline, id);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        LOG.warn("Operator {} discarded dead letter {} of {} (reason: {})", who, id, pipeline,
                attribute(message, DeadLetters.REASON));
        return Map.of("pipeline", pipeline, "id", id, "discardedBy", who);
    }

    /** Archives dead letter {@code id} (body and attributes as JSON) to S3, then deletes it; logs who did it. */
    public Map<String, Object> archive(String pipeline, String id, String operator) {
        String who = operator(operator);
        String bucket = property("admin.dead-letter-archive.bucket");
        if (bucket == null || bucket.isBlank()) {
            throw new PermanentFailure("No archive bucket configured: set admin.dead-letter-archive.bucket");
        }
        String url = dlqUrl(pipeline);
        Message message = find(url, pipeline, id);
        Instant now = Instant.now();
        Map<String, Object> document = new LinkedHashMap<>(view(message));
        document.put("body", message.body());
        document.put("archivedBy", who);
        document.put("archivedAt", now.toString());
        String key = pipeline + "/" + now.toString().substring(0, 10) + "/" + id + ".json";
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("pipeline", pipeline);
        metadata.put("archived-by", ascii(who, 100));
        metadata.put("reason", ascii(Optional.ofNullable(attribute(message, DeadLetters.REASON)).orElse(""), 1000));
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
            context.getRegistry().lookupByNameAndType("s3Client", S3Client.class).putObject(b -> b.bucket(bucket).key(key)
                    .contentType("application/json").metadata(metadata), RequestBody.fromBytes(bytes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        LOG.warn("Operator {} archived dead letter {} of {} to s3://{}/{} (reason: {})", who, id, pipeline, bucket, key,
                attribute(message, DeadLetters.REASON));
        return Map.of("pipeline", pipeline, "id", id, "archivedBy", who, "archive", "s3://" + bucket + "/" + key);
    }

    /**
     * Replays up to {@code max} dead letters of {@code pipeline} and waits up to {@code waitSeconds} (default 20)
     * for their outcomes: each message is {@code succeeded}, {@code dead-lettered again: <reason>}, or pending
     * ({@code waiting on the queue: <reason>} or not picked up yet), with where to look later.
     */
    public Map<String, Object> replay(String pipeline, Integer max, Integer waitSeconds) {
        int limit = max == null || max <= 0 ? Integer.MAX_VALUE : max;
        String dlq = deadLetterQueue(pipeline);
        String dlqUrl = queueUrls.of(dlq);
        String defaultTarget = property(pipeline + ".queue.replay-target");
        String replayId = UUID.randomUUID().toString();
        List<String> replayedIds = new ArrayList<>();
        int skipped = 0;
        // a message that fails again at once comes back while we are still replaying: stop there, not in a loop
        boolean back = false;
        while (replayedIds.size() + skipped < limit && !back) {
            int batch = Math.min(10, limit - replayedIds.size() - skipped);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).visibilityTimeout(60).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                String id = identity(message);
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
                String targetUrl = queueUrls.of(target);
                SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(targetUrl).messageBody(message.body());
                // the message keeps its identity (per-message idempotency; a redriven one keeps its SQS message id)
                send.messageAttributes(Map.of(
                        MessageContext.ORIGINAL_MESSAGE_ID, string(id),
                        ReplayOutcomes.REPLAY_ID, string(replayId + "#" + id)));
                if (target.endsWith(".fifo")) {
                    send.messageGroupId(pipeline).messageDeduplicationId(message.messageId());
                }
                sqs.sendMessage(send.build());
                sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(message.receiptHandle()));
                replayedIds.add(id);
            }
        }
        if (!replayedIds.isEmpty()) {
            ledger().record(ReplayOutcomes.PIPELINE, replayId, String.join(",", replayedIds), Duration.ofDays(2));
        }
        Map<String, Object> out = outcomes(pipeline, replayId, replayedIds,
                Duration.ofSeconds(waitSeconds == null || waitSeconds < 0 ? 20 : waitSeconds));
        out.put("notReplayable", skipped);
        LOG.info("Replayed {} dead letter(s) of {} as replay {}: {} succeeded, {} dead-lettered again, {} pending "
                        + "({} could not be replayed{})", replayedIds.size(), pipeline, replayId, out.get("succeeded"),
                out.get("deadLetteredAgain"), out.get("pending"), skipped,
                back ? "; stopped where a replayed message had failed again" : "");
        return out;
    }

    /** The outcomes of an earlier replay, as the replay itself reports them. */
    public Map<String, Object> replayOutcomes(String pipeline, String replayId) {
        deadLetterQueue(pipeline);
        String ids = ledger().resultOf(ReplayOutcomes.PIPELINE, replayId)
                .orElseThrow(() -> new PermanentFailure("No replay " + replayId + " is known (they are kept for 2 days)"));
        return outcomes(pipeline, replayId, CommaList.of(ids), Duration.ZERO);
    }

    private Map<String, Object> outcomes(String pipeline, String replayId, List<String> ids, Duration wait) {
        IdempotencyLedger ledger = ledger();
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, String> outcomes = new LinkedHashMap<>();
        while (true) {
            for (String id : ids) {
                String outcome = ledger.resultOf(ReplayOutcomes.PIPELINE, replayId + "#" + id).orElse(null);
                outcomes.put(id, outcome == null ? "pending: not processed yet" : outcome.startsWith(ReplayOutcomes.WAITING)
                        ? "pending: " + outcome : outcome);
            }
            boolean pending = outcomes.values().stream().anyMatch(o -> o.startsWith("pending"));
            if (!pending || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Map<String, String>> messages = new ArrayList<>();
        outcomes.forEach((id, outcome) -> messages.add(Map.of("id", id, "outcome", outcome)));
        long succeeded = outcomes.values().stream().filter(ReplayOutcomes.SUCCEEDED::equals).count();
        long again = outcomes.values().stream().filter(o -> o.startsWith(ReplayOutcomes.DEAD_LETTERED_AGAIN)).count();
        long pending = outcomes.values().stream().filter(o -> o.startsWith("pending")).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline);
        out.put("replayId", replayId);
        out.put("replayed", ids.size());
        out.put("succeeded", succeeded);
        out.put("deadLetteredAgain", again);
        out.put("pending", pending);
        out.put("failedAgain", again > 0);
        out.put("messages", messages);
        if (pending > 0) {
            out.put("see", "GET /admin/dead-letters/" + pipeline + "/replays/" + replayId);
        }
        return out;
    }

    /** Receives up to {@code limit} messages (stopping at the first that {@code stop} accepts), then makes the others visible again. */
    private List<Message> scan(String url, int limit, Predicate<Message> stop) {
        List<Message> seen = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            while (seen.size() < limit) {
                int batch = Math.min(10, limit - seen.size());
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(batch)
                        .waitTimeSeconds(0).visibilityTimeout(30).messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    break;
                }
                boolean found = false;
                for (Message message : messages) {
                    if (ids.add(message.messageId())) {
                        seen.add(message);
                    }
                    found |= stop.test(message);
                }
                if (found) {
                    break;
                }
            }
        } finally {
            for (Message message : seen) {
                if (!stop.test(message)) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
        }
        return seen;
    }

    private Message find(String url, String pipeline, String id) {
        Predicate<Message> wanted = m -> m.messageId().equals(id);
        return scan(url, SEARCH_LIMIT, wanted).stream().filter(wanted).findFirst()
                .orElseThrow(() -> new PermanentFailure("No dead letter " + id + " on the dead-letter queue of " + pipeline
                        + " (see GET /admin/dead-letters/" + pipeline + "/messages)"));
    }

    private static Map<String, Object> view(Message message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", message.messageId());
        Map<String, String> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
        view.put("reason", attributes.get(DeadLetters.REASON));
        view.put("attributes", attributes);
        String body = message.body();
        view.put("bodyPreview", body.length() <= 500 ? body : body.substring(0, 499) + "…");
        return view;
    }

    private static String operator(String operator) {
        if (operator == null || operator.isBlank()) {
            throw new PermanentFailure("Say who you are: an X-Operator header (your name) is required to discard or archive a dead letter");
        }
        return ascii(operator.trim(), 100);
    }

    private static String ascii(String text, int max) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static String identity(Message message) {
        String originalId = attribute(message, MessageContext.ORIGINAL_MESSAGE_ID);
        return originalId == null || originalId.isBlank() ? message.messageId() : originalId;
    }

    private IdempotencyLedger ledger() {
        return context.getRegistry().lookupByNameAndType("idempotencyLedger", IdempotencyLedger.class);
    }

    private String dlqUrl(String pipeline) {
        String dlq = deadLetterQueue(pipeline);
        return queueUrls.of(dlq);
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

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }
}
