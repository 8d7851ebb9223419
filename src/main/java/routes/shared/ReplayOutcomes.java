package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Duration;
import java.util.Map;

/**
 * What happened to each replayed dead letter, on whichever replica processed it: a replayed message carries the
 * {@value #REPLAY_ID} attribute ({@link DeadLetterReplayer}); when its exchange ends, its outcome is recorded in the
 * ledger under {@code replay#<replay id>#<message id>}: {@code succeeded}, {@code dead-lettered again: <reason>}, or
 * {@code waiting on the queue: <reason>} (a transient fault backing off; recorded again when it ends). The replay
 * endpoint and {@code GET /admin/dead-letters/<pipeline>/replays/<replay id>} read them.
 */
public class ReplayOutcomes extends RoutePolicySupport implements RoutePolicyFactory {
    /** SQS message attribute of a replayed message: {@code <replay id>#<message id>}. */
    public static final String REPLAY_ID = "replayId";
    public static final String SUCCEEDED = "succeeded";
    public static final String DEAD_LETTERED_AGAIN = "dead-lettered again: ";
    public static final String WAITING = "waiting on the queue: ";
    static final String PIPELINE = "replay";
    private static final String PROPERTY = "replayOutcomeKey";
    private static final Duration KEEP = Duration.ofDays(2);
    private static final Logger LOG = LoggerFactory.getLogger(ReplayOutcomes.class);

    private final CamelContext context;

    public ReplayOutcomes(CamelContext context) {
        this.context = context;
    }

    /** The same policy on every route; it acts only on the entry route of an SQS message. */
    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return this;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (!(route.getEndpoint() instanceof Sqs2Endpoint)) {
            return;
        }
        Object attributes = exchange.getMessage().getHeader("CamelAwsSqsMessageAttributes");
        if (attributes instanceof Map<?, ?> map && map.get(REPLAY_ID) instanceof MessageAttributeValue value
                && value.stringValue() != null) {
            exchange.setProperty(PROPERTY, value.stringValue());
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        String key = exchange.getProperty(PROPERTY, String.class);
        if (key == null || !(route.getEndpoint() instanceof Sqs2Endpoint)) {
            return;
        }
        String deadLettered = exchange.getProperty(DeadLetters.DEAD_LETTERED, String.class);
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String outcome = deadLettered != null ? DEAD_LETTERED_AGAIN + deadLettered
                : exchange.isFailed() ? WAITING + DeadLetters.reason(error) : SUCCEEDED;
        try {
            ledger().record(PIPELINE, key, outcome, KEEP);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the outcome of replayed message {} ({}): {}", key, outcome, e.toString());
        }
    }

    private IdempotencyLedger ledger() {
        return context.getRegistry().lookupByNameAndType("idempotencyLedger", IdempotencyLedger.class);
    }
}
