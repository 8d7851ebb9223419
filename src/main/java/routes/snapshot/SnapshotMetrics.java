package routes.snapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import routes.shared.BoundMeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The original's metrics, under its names, on the application's Prometheus endpoint (the Micrometer registry Camel
 * binds; Prometheus adds {@code _total} to counters as the original's client did):
 * <ul>
 *   <li>{@code snapshot_sender_status_checker_files_received{correlation_id,collection_name,export_date,snapshot_type}}</li>
 *   <li>{@code snapshot_sender_status_checker_collections_received}, {@code …_collections_successful},
 *   {@code …_all_collections_received}, {@code …_all_collections_succesful} (sic) with
 *   {@code {correlation_id,export_date,snapshot_type}}</li>
 *   <li>summary {@code snapshot_sender_status_checker_message_processing_time} (seconds, no labels)</li>
 * </ul>
 * Each is counted by the one writer whose conditional update (or guarded side effect) succeeded, so the counts are
 * exact even with duplicate deliveries and several consumers.
 */
public class SnapshotMetrics implements CamelContextAware {
    public static final String PREFIX = "snapshot_sender_status_checker_";
    public static final String FILES_RECEIVED = PREFIX + "files_received";
    public static final String COLLECTIONS_RECEIVED = PREFIX + "collections_received";
    public static final String COLLECTIONS_SUCCESSFUL = PREFIX + "collections_successful";
    public static final String ALL_COLLECTIONS_RECEIVED = PREFIX + "all_collections_received";
    public static final String ALL_COLLECTIONS_SUCCESSFUL = PREFIX + "all_collections_succesful";
    public static final String PROCESSING_TIME = PREFIX + "message_processing_time";

    private CamelContext context;
    /** The given registry (tests), else the one bound in the context's registry. */
    private volatile Supplier<MeterRegistry> registry;

    public SnapshotMetrics() {
    }

    public SnapshotMetrics(MeterRegistry registry) {
        this.registry = () -> registry;
    }

    public void fileReceived(StatusMessage message) {
        counter(FILES_RECEIVED, "Files received", message, true).increment();
    }

    public void collectionReceived(StatusMessage message) {
        counter(COLLECTIONS_RECEIVED, "Collections fully received", message, false).increment();
    }

    public void collectionSuccessful(StatusMessage message) {
        counter(COLLECTIONS_SUCCESSFUL, "Collections successful", message, false).increment();
    }

    public void allCollectionsReceived(StatusMessage message) {
        counter(ALL_COLLECTIONS_RECEIVED, "Runs with all collections received", message, false).increment();
    }

    public void allCollectionsSuccessful(StatusMessage message) {
        counter(ALL_COLLECTIONS_SUCCESSFUL, "Runs with all collections successful", message, false).increment();
    }

    /** Records one message's processing time, from {@code started} until now. */
    public void processingTime(java.util.Date started) {
        DistributionSummary.builder(PROCESSING_TIME).description("Time to process one status message (seconds)")
                .register(registry()).record((System.currentTimeMillis() - started.getTime()) / 1e3);
    }

    /** The labels of a counter: the original's, with {@code collection_name} only for files. */
    public static Tags labels(StatusMessage message, boolean withCollection) {
        Tags tags = Tags.of("correlation_id", message.correlationId());
        if (withCollection) {
            tags = tags.and("collection_name", message.collectionName());
        }
        return tags.and("export_date", message.exportDate()).and("snapshot_type", message.snapshotType());
    }

    /** The meters of one run (its {@code correlation_id}), e.g. to push them to a push gateway. */
    public List<Meter> meters(String correlationId) {
        List<Meter> meters = new ArrayList<>();
        for (Meter meter : registry().getMeters()) {
            if (meter.getId().getName().startsWith(PREFIX) && correlationId.equals(meter.getId().getTag("correlation_id"))) {
                meters.add(meter);
            }
        }
        return meters;
    }

    /** Forgets a finished run's meters (the original deleted its push-gateway group once all collections succeeded). */
    public void forget(String correlationId) {
        meters(correlationId).forEach(registry()::remove);
    }

    public double count(String name, String correlationId) {
        return meters(correlationId).stream().filter(m -> m.getId().getName().equals(name))
                .mapToDouble(m -> ((Counter) m).count()).sum();
    }

    private Counter counter(String name, String description, StatusMessage message, boolean withCollection) {
        return Counter.builder(name).description(description).tags(labels(message, withCollection)).register(registry());
    }

    MeterRegistry registry() {
        if (registry == null) {
            registry = new BoundMeterRegistry(context);
        }
        return registry.get();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}
