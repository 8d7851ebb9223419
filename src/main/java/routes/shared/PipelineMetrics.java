package routes.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.concurrent.TimeUnit;

/**
 * Per-pipeline message metrics on the Prometheus endpoint: {@code pipeline_messages_total{pipeline,outcome}} with
 * outcome {@code in}, {@code succeeded}, {@code failed}, {@code dead_lettered}, and
 * {@code pipeline_processing_seconds{pipeline}}. A message belongs to a pipeline through its route's group.
 * It also puts the pipeline into the logging MDC for the life of each message.
 */
public class PipelineMetrics extends EventNotifierSupport {
    private static final String START = "pipelineMetricsStart";
    private final CamelContext context;
    private volatile MeterRegistry registry;

    public PipelineMetrics(CamelContext context) {
        this.context = context;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCreatedEvent || event instanceof CamelEvent.ExchangeCompletedEvent
                || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String pipeline = MessageContext.pipeline(exchange);
        if (pipeline == null || exchange.getFromEndpoint() == null) {
            return;
        }
        if (event instanceof CamelEvent.ExchangeCreatedEvent) {
            exchange.setProperty(START, System.nanoTime());
            exchange.setProperty(MessageContext.PIPELINE, pipeline);
            MessageContext.toMdc(exchange); // the consumer thread's log lines now name the pipeline
            count(pipeline, "in");
            return;
        }
        Long start = exchange.getProperty(START, Long.class);
        if (start == null) {
            return; // a copy made by an EIP, not a message of ours
        }
        exchange.removeProperty(START);
        MessageContext.clearMdc();
        boolean failed = exchange.isFailed() || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null;
        count(pipeline, failed ? "failed" : "succeeded");
        Timer.builder("pipeline_processing_seconds").tag("pipeline", pipeline)
                .description("Time from a message's arrival to its completion").register(registry())
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    public void deadLettered(String pipeline) {
        count(pipeline, "dead_lettered");
    }

    private void count(String pipeline, String outcome) {
        Counter.builder("pipeline_messages").tag("pipeline", pipeline).tag("outcome", outcome)
                .description("Messages per pipeline by outcome").register(registry()).increment();
    }

    private MeterRegistry registry() {
        MeterRegistry current = registry;
        if (current == null) {
            current = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (current == null) {
                current = Metrics.globalRegistry;
            }
            registry = current;
        }
        return current;
    }
}
