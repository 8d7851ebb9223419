package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Waits out a transient fault or a {@link RetryLater} on the SQS queue instead of in the app: the message stays on
 * its queue (the exchange fails, so the consumer does not delete it) and becomes visible again after
 * {@code initialDelay} doubled per receive, at most {@code maximumDelay}; the consumer thread is free meanwhile.
 * It is dead-lettered (with the reason) only once it has been received at least {@code maximumReceives} times AND
 * for at least {@code minimumAge} since its first receive, so an outage of minutes (a dependency down or hung, a
 * webhook failing, another worker's claim on it) never needs an operator. The age is the larger of SQS's
 * {@code ApproximateFirstReceiveTimestamp} (when the consumer asked for it) and the sum of the delays this back-off
 * itself imposed, a lower bound that needs no attribute.
 * <p>
 * The queue's own redrive {@code maxReceiveCount} must be above {@link #receivesBeforeDeadLetter()} (plus a margin
 * for crashed consumers), so that our dead letter, which carries the reason, comes first: see README "Faults and
 * recovery". A message that did not come from SQS has no queue to wait on: it is dead-lettered at once.
 */
public class VisibilityBackoff {
    /** SQS caps a message's visibility timeout at 12 hours. */
    private static final long SQS_MAXIMUM_SECONDS = 12 * 60 * 60;
    private static final String RECEIPT = "CamelAwsSqsReceiptHandle";
    private static final Logger LOG = LoggerFactory.getLogger(VisibilityBackoff.class);

    private final SqsClient sqs;
    private final DeadLetters deadLetters;
    private final Duration initialDelay;
    private final Duration maximumDelay;
    private final int maximumReceives;
    private final Duration minimumAge;
    private final Clock clock;

    public VisibilityBackoff(SqsClient sqs, DeadLetters deadLetters, String initialDelay, String maximumDelay,
                             int maximumReceives, String minimumAge, Clock clock) {
        this.sqs = sqs;
        this.deadLetters = deadLetters;
        this.initialDelay = Duration.parse(initialDelay);
        this.maximumDelay = Duration.parse(maximumDelay);
        this.maximumReceives = maximumReceives;
        this.minimumAge = Duration.parse(minimumAge);
        this.clock = clock;
    }

    /** With {@code errors.retry-later.*} from the context's properties (defaults PT5S, PT1M, 8, PT30M). */
    public static VisibilityBackoff fromProperties(org.apache.camel.CamelContext context, SqsClient sqs, DeadLetters deadLetters) {
        var properties = context.getPropertiesComponent();
        return new VisibilityBackoff(sqs, deadLetters,
                properties.resolveProperty("errors.retry-later.initial-delay").orElse("PT5S"),
                properties.resolveProperty("errors.retry-later.maximum-delay").orElse("PT1M"),
                Integer.parseInt(properties.resolveProperty("errors.retry-later.maximum-receives").orElse("8").trim()),
                properties.resolveProperty("errors.retry-later.minimum-age").orElse("PT30M"),
                Clock.systemUTC());
    }

    /** The delay before the {@code receives}-th receive is followed by another: initial × 2^(receives−1), capped. */
    long delaySeconds(int receives) {
        long seconds = initialDelay.toSeconds();
        for (int i = 1; i < receives && seconds < maximumDelay.toSeconds(); i++) {
            seconds *= 2;
        }
        return Math.max(0, Math.min(Math.min(seconds, maximumDelay.toSeconds()), SQS_MAXIMUM_SECONDS));
    }

    /** At least how long a message received {@code receives} times has waited: the delays of the receives before. */
    long waitedSeconds(int receives) {
        long total = 0;
        for (int r = 1; r < receives; r++) {
            total += delaySeconds(r);
        }
        return total;
    }

    /** The receive at which a message that keeps failing is dead-lettered (when nothing but this back-off delays it). */
    public int receivesBeforeDeadLetter() {
        int receives = Math.max(1, maximumReceives);
        while (waitedSeconds(receives) < minimumAge.toSeconds()) {
            receives++;
        }
        return receives;
    }

    /**
     * The {@code handled} predicate of the transient clause: a message with no SQS queue to wait on (a direct call,
     * an HTTP request) is dead-lettered at once and handled; one from SQS stays unhandled, so it is not deleted.
     */
    public boolean hasNoQueue(Exchange exchange) {
        return exchange.getMessage().getHeader(RECEIPT, String.class) == null
                || !(exchange.getFromEndpoint() instanceof Sqs2Endpoint);
    }

    /**
     * In the error handler of a transient fault or a {@link RetryLater} (unhandled for an SQS message, so the
     * consumer does not delete it): back off on the queue, or, once old enough, dead-letter the message and delete
     * it from its queue. The exception left on the exchange becomes a one-line {@link RetryLater} saying so.
     */
    public void retryLater(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = error == null ? "not processable yet" : DeadLetters.reason(error);
        String receipt = exchange.getMessage().getHeader(RECEIPT, String.class);
        if (hasNoQueue(exchange)) {
            deadLetters.send(exchange); // no queue to wait on
            return;
        }
        Sqs2Endpoint endpoint = (Sqs2Endpoint) exchange.getFromEndpoint();
        String queue = endpoint.getConfiguration().getQueueName();
        Map<?, ?> attributes = exchange.getMessage().getHeader("CamelAwsSqsAttributes", Map.class);
        int receives = (int) attribute(attributes, MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, 1);
        long firstReceived = attribute(attributes, MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, -1);
        long age = Math.max(waitedSeconds(receives), firstReceived < 0 ? 0 : (clock.millis() - firstReceived) / 1000);
        if (receives >= maximumReceives && age >= minimumAge.toSeconds()) {
            deadLetters.send(exchange);
            sqs.deleteMessage(b -> b.queueUrl(deadLetters.queueUrl(queue)).receiptHandle(receipt));
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RetryLater(reason + " (dead-lettered after " + receives
                    + " receives over " + age + " s)"));
            return;
        }
        long delay = delaySeconds(receives);
        sqs.changeMessageVisibility(b -> b.queueUrl(deadLetters.queueUrl(queue)).receiptHandle(receipt).visibilityTimeout((int) delay));
        LOG.info("{}: back on queue {} in {} s (receive {}, waiting {} s so far; dead-lettered from receive {} after {})",
                reason, queue, delay, receives, age, maximumReceives, minimumAge);
        // the consumer logs the failure it sees: one line, no stack trace
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RetryLater(reason + " (back on the queue in " + delay + " s)"));
    }

    private static long attribute(Map<?, ?> attributes, MessageSystemAttributeName name, long fallback) {
        if (attributes == null) {
            return fallback;
        }
        Object value = attributes.get(name);
        if (value == null) {
            value = attributes.get(name.toString());
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return fallback;
    }
}
