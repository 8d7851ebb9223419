package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.Map;

/**
 * Handles a {@link RetryLater}: the SQS message stays on its queue (the exchange fails, so the consumer does not
 * delete it) and becomes visible again after {@code initialDelay} doubled per receive, at most {@code maximumDelay}.
 * From its {@code maximumReceives}-th receive on, it goes to the pipeline's dead-letter queue with the reason instead
 * (keep that below the queue's own redrive {@code maxReceiveCount}, so our dead letter, which carries the reason,
 * comes first). A message that did not come from SQS has no queue to wait on: it is dead-lettered at once (and the
 * caller still sees the failure).
 * The receive count comes from the consumer's {@code attributeNames=ApproximateReceiveCount}.
 */
public class VisibilityBackoff {
    /** SQS caps a message's visibility timeout at 12 hours. */
    private static final long SQS_MAXIMUM_SECONDS = 12 * 60 * 60;
    private static final Logger LOG = LoggerFactory.getLogger(VisibilityBackoff.class);

    private final SqsClient sqs;
    private final DeadLetters deadLetters;
    private final Duration initialDelay;
    private final Duration maximumDelay;
    private final int maximumReceives;

    public VisibilityBackoff(SqsClient sqs, DeadLetters deadLetters, String initialDelay, String maximumDelay, int maximumReceives) {
        this.sqs = sqs;
        this.deadLetters = deadLetters;
        this.initialDelay = Duration.parse(initialDelay);
        this.maximumDelay = Duration.parse(maximumDelay);
        this.maximumReceives = maximumReceives;
    }

    /** With {@code errors.retry-later.*} from the context's properties (defaults PT30S, PT15M, 8). */
    public static VisibilityBackoff fromProperties(org.apache.camel.CamelContext context, SqsClient sqs, DeadLetters deadLetters) {
        var properties = context.getPropertiesComponent();
        return new VisibilityBackoff(sqs, deadLetters,
                properties.resolveProperty("errors.retry-later.initial-delay").orElse("PT30S"),
                properties.resolveProperty("errors.retry-later.maximum-delay").orElse("PT15M"),
                Integer.parseInt(properties.resolveProperty("errors.retry-later.maximum-receives").orElse("8").trim()));
    }

    /** The delay before the {@code receives}-th receive is followed by another: initial × 2^(receives−1), capped. */
    long delaySeconds(int receives) {
        long seconds = initialDelay.toSeconds();
        for (int i = 1; i < receives && seconds < maximumDelay.toSeconds(); i++) {
            seconds *= 2;
        }
        return Math.max(0, Math.min(Math.min(seconds, maximumDelay.toSeconds()), SQS_MAXIMUM_SECONDS));
    }

    /**
     * In the error handler of a {@link RetryLater} (which stays unhandled, so the consumer does not delete the
     * message): back off on the queue, or, at the last receive, dead-letter the message and delete it from its queue.
     */
    public void retryLater(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = error == null ? "not processable yet" : error.getMessage();
        String receipt = exchange.getMessage().getHeader("CamelAwsSqsReceiptHandle", String.class);
        if (receipt == null || !(exchange.getFromEndpoint() instanceof Sqs2Endpoint endpoint)) {
            deadLetters.send(exchange); // no queue to wait on
            return;
        }
        String queue = endpoint.getConfiguration().getQueueName();
        int receives = receiveCount(exchange);
        if (receives >= maximumReceives) {
            deadLetters.send(exchange);
            sqs.deleteMessage(b -> b.queueUrl(deadLetters.queueUrl(queue)).receiptHandle(receipt));
            return;
        }
        long delay = delaySeconds(receives);
        sqs.changeMessageVisibility(b -> b.queueUrl(deadLetters.queueUrl(queue)).receiptHandle(receipt).visibilityTimeout((int) delay));
        LOG.info("{}: back on queue {} in {} s (receive {} of {} before the dead-letter queue)", reason, queue, delay,
                receives, maximumReceives);
    }

    private static int receiveCount(Exchange exchange) {
        Object attributes = exchange.getMessage().getHeader("CamelAwsSqsAttributes");
        if (attributes instanceof Map<?, ?> map) {
            Object count = map.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            if (count == null) {
                count = map.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString());
            }
            if (count != null) {
                try {
                    return Integer.parseInt(count.toString());
                } catch (NumberFormatException ignored) {
                    // fall through
                }
            }
        }
        return 1;
    }
}
