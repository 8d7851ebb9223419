package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.slf4j.MDC;

/**
 * The pipeline and business key of the message being processed (an upload folder, an email object, a file message),
 * kept as exchange properties and mirrored into the logging MDC so each log line of a message carries them.
 */
public final class MessageContext {
    public static final String PIPELINE = "pipeline";
    public static final String BUSINESS_KEY = "businessKey";
    /**
     * SQS message attribute: the id of the message as it first arrived, kept through dead-lettering and replay
     * ({@link DeadLetters}, {@link DeadLetterReplayer}); consumers read it (camel.component.aws2-sqs.message-attribute-names).
     */
    public static final String ORIGINAL_MESSAGE_ID = "originalMessageId";

    private MessageContext() {
    }

    /** Records the business key of this message (call as soon as it is known) and puts it in the MDC. */
    public static void businessKey(Exchange exchange, String key) {
        exchange.setProperty(BUSINESS_KEY, key);
        toMdc(exchange);
    }

    public static String businessKey(Exchange exchange) {
        return exchange.getProperty(BUSINESS_KEY, String.class);
    }

    /**
     * The SQS message's id as it first arrived: its {@value #ORIGINAL_MESSAGE_ID} attribute when it is a replayed
     * dead letter, else its SQS message id; null when it did not come from SQS. A key for per-message idempotency
     * that a replay does not change.
     */
    public static String messageId(Exchange exchange) {
        Object attributes = exchange.getMessage().getHeader("CamelAwsSqsMessageAttributes");
        if (attributes instanceof java.util.Map<?, ?> map
                && map.get(ORIGINAL_MESSAGE_ID) instanceof software.amazon.awssdk.services.sqs.model.MessageAttributeValue value
                && value.stringValue() != null && !value.stringValue().isBlank()) {
            return value.stringValue();
        }
        return exchange.getMessage().getHeader("CamelAwsSqsMessageId", String.class);
    }

    /** The pipeline a message belongs to: its route's group (every pipeline route declares {@code group: <id>}). */
    public static String pipeline(Exchange exchange) {
        String pipeline = exchange.getProperty(PIPELINE, String.class);
        if (pipeline != null) {
            return pipeline;
        }
        for (String routeId : new String[] {exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), exchange.getFromRouteId()}) {
            if (routeId == null) {
                continue;
            }
            Route route = exchange.getContext().getRoute(routeId);
            if (route != null && route.getGroup() != null) {
                return route.getGroup();
            }
        }
        return null;
    }

    public static void toMdc(Exchange exchange) {
        String pipeline = pipeline(exchange);
        if (pipeline != null) {
            MDC.put(PIPELINE, pipeline);
        }
        String key = businessKey(exchange);
        if (key != null) {
            MDC.put(BUSINESS_KEY, key);
        }
    }

    public static void clearMdc() {
        MDC.remove(PIPELINE);
        MDC.remove(BUSINESS_KEY);
    }
}
