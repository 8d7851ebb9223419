package routes.shared;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.camel.CamelContext;

import java.util.function.Supplier;

/**
 * The meter registry bound in the Camel registry (the one {@code /observe/metrics} shows), remembered once found.
 * Until it is bound (a message can arrive before the metrics service has bound it) the global registry is answered
 * but not remembered, or every later count would miss the Prometheus endpoint.
 */
public final class BoundMeterRegistry implements Supplier<MeterRegistry> {
    private final CamelContext context;
    private volatile MeterRegistry registry;

    public BoundMeterRegistry(CamelContext context) {
        this.context = context;
    }

    @Override
    public MeterRegistry get() {
        MeterRegistry current = registry;
        if (current == null) {
            current = context == null ? null : context.getRegistry().findSingleByType(MeterRegistry.class);
            if (current == null) {
                return Metrics.globalRegistry;
            }
            registry = current;
        }
        return current;
    }
}
