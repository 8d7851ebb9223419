package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a failed message to its pipeline's dead-letter queue ({@code <pipeline>.queue.dead-letter}): the original
 * body unchanged, and as message attributes the reason, the pipeline, the route id, the attempt count, the business
 * key, the time and the queue it came from (so {@link DeadLetterReplayer} can send it back). If the dead-letter queue
 * cannot be written, the exception propagates: the SQS message is then not deleted and the queue's own redrive
 * policy is the backstop, so nothing is lost.
 */
// Not aws2-sqs: a FIFO send there takes no explicit deduplication id, and the dead letter is sent from the error handler.
public class DeadLetters {
    public static final String REASON = "reason";
    public static final String PIPELINE = "pipeline";
    public static final String ROUTE_ID = "routeId";
    public static final String ATTEMPTS = "attempts";
    public static final String FAILED_AT = "failedAt";
    public static final String ERROR_TYPE = "errorType";
    public static final String SOURCE_QUEUE = "sourceQueue";
    public static final String BUSINESS_KEY = "businessKey";
    /** Exchange property set once a message was dead-lettered: the reason (read by {@link ReplayOutcomes}). */
    public static final String DEAD_LETTERED = "deadLetteredReason";
    static final int MAX_REASON = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final SqsClient sqs;
    private final PipelineMetrics metrics;
    private final QueueUrls queueUrls;

    public DeadLetters(SqsClient sqs, PipelineMetrics metrics) {
        this.sqs = sqs;
        this.queueUrls = new QueueUrls(sqs);
        this.metrics = metrics;
    }

    /**
     * Called before each redelivery ({@code onRedeliveryRef} in error-handling.yaml): remembers the attempt number
     * in an exchange property, which survives {@code useOriginalBody}, unlike the redelivery headers.
     */
    public void countAttempt(Exchange exchange) {
        exchange.setProperty(ATTEMPTS, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1);
    }

    public void send(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String pipeline = MessageContext.pipeline(exchange);
        if (pipeline == null) {
            throw new IllegalStateException("Cannot dead-letter a message of a route without a pipeline group", error);
        }
        String queue = exchange.getContext().getPropertiesComponent().resolveProperty(pipeline + ".queue.dead-letter")
                .filter(q -> !q.isBlank())
                .orElseThrow(() -> new MissingConfiguration("No dead-letter queue configured: set " + pipeline + ".queue.dead-letter"));
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        int attempts = exchange.getProperty(ATTEMPTS, 1, Integer.class);
        String reason = reason(error);
        String body = exchange.getMessage().getBody(String.class);
        if (body == null) {
            body = "";
        }

        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(PIPELINE, pipeline);
        attributes.put(REASON, reason);
        attributes.put(ROUTE_ID, routeId);
        attributes.put(ATTEMPTS, Integer.toString(attempts));
        attributes.put(FAILED_AT, Instant.now().toString());
        attributes.put(ERROR_TYPE, error == null ? "unknown" : error.getClass().getSimpleName());
        String messageId = MessageContext.messageId(exchange);
        if (messageId != null) {
            attributes.put(MessageContext.ORIGINAL_MESSAGE_ID, messageId);
        }
        String source = sourceQueue(exchange);
        if (source != null) {
            attributes.put(SOURCE_QUEUE, source);
        }
        String businessKey = MessageContext.businessKey(exchange);
        if (businessKey != null) {
            attributes.put(BUSINESS_KEY, Abbreviation.of(businessKey, MAX_REASON));
        }

        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(queueUrl(queue))
                .messageBody(body.isEmpty() ? "(empty message)" : body)
                .messageAttributes(toSqs(attributes));
        if (queue.endsWith(".fifo")) {
            request.messageGroupId(pipeline).messageDeduplicationId(Sha256.hex(body + "\n" + reason));
        }
        sqs.sendMessage(request.build());
        exchange.setProperty(DEAD_LETTERED, reason);
        metrics.deadLettered(pipeline);
        LOG.warn("Dead-lettered a {} message{} from route {} after {} attempt(s) to {}: {}", pipeline,
                businessKey == null ? "" : " [" + businessKey + "]", routeId, attempts, queue, reason);
    }

    static String reason(Throwable error) {
        if (error == null) {
            return "unknown failure";
        }
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            message = error.getClass().getSimpleName();
        }
        if (!(error instanceof PermanentFailure) && !(error instanceof TransientFailure) && !(error instanceof RetryLater)) {
            message = error.getClass().getSimpleName() + ": " + message;
        }
        return Abbreviation.of(message, MAX_REASON);
    }

    private static String sourceQueue(Exchange exchange) {
        if (exchange.getFromEndpoint() instanceof Sqs2Endpoint sqsEndpoint) {
            return sqsEndpoint.getConfiguration().getQueueName();
        }
        return null;
    }

    /** The URL of a queue given by name (looked up once) or already by URL. */
    String queueUrl(String queue) {
        return queueUrls.of(queue);
    }

    static Map<String, MessageAttributeValue> toSqs(Map<String, String> attributes) {
        Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> out.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        return out;
    }

}
