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
