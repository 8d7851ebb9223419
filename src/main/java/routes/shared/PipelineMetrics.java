package routes.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

import java.util.concurrent.TimeUnit;

/**
 * Per-pipeline message metrics on the Prometheus endpoint: {@code pipeline_messages_total{pipeline,outcome}} with
 * outcome {@code in}, {@code succeeded}, {@code failed}, {@code dead_lettered}, and
 * {@code pipeline_processing_seconds{pipeline}}. A message belongs to a pipeline through its route's group.
 * <p>
 * Each message is counted ONCE, at its pipeline's entry route: a route policy on every route with a group whose
 * consumer is not {@code direct:} (the SQS, activity or HTTP consumer). Sub-routes ({@code direct:}) and the copies
 * a split makes are not messages. It also puts the pipeline into the logging MDC for the life of each message.
 */
public class PipelineMetrics implements RoutePolicyFactory {
    private static final String START = "pipelineMetricsStart";
    private final BoundMeterRegistry registry;

    public PipelineMetrics(CamelContext context) {
        this.registry = new BoundMeterRegistry(context);
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode node) {
        if (!(node instanceof RouteDefinition route) || route.getGroup() == null || route.getInput() == null) {
            return null;
        }
        String uri = route.getInput().getEndpointUri();
        if (uri == null || uri.startsWith("direct:")) {
            return null; // a sub-route: its messages were counted where they entered
        }
        String pipeline = route.getGroup();
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route entered, Exchange exchange) {
                exchange.setProperty(START, System.nanoTime());
                exchange.setProperty(MessageContext.PIPELINE, pipeline);
                MessageContext.toMdc(exchange); // the consumer thread's log lines now name the pipeline
                count(pipeline, "in");
            }

            @Override
            public void onExchangeDone(Route done, Exchange exchange) {
                Long start = exchange.getProperty(START, Long.class);
                if (start == null) {
                    return;
                }
                exchange.removeProperty(START);
                MessageContext.clearMdc();
                boolean failed = exchange.isFailed() || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null;
                count(pipeline, failed ? "failed" : "succeeded");
                Timer.builder("pipeline_processing_seconds").tag("pipeline", pipeline)
                        .description("Time from a message's arrival to its completion").register(registry())
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    public void deadLettered(String pipeline) {
        count(pipeline, "dead_lettered");
    }

    private void count(String pipeline, String outcome) {
        Counter.builder("pipeline_messages").tag("pipeline", pipeline).tag("outcome", outcome)
                .description("Messages per pipeline by outcome").register(registry()).increment();
    }

    private MeterRegistry registry() {
        return registry.get();
    }
}
