package routes.snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells monitoring that a run is complete: the "All collections successful" message the route publishes on the
 * monitoring topic ({@code aws2-sns}), at most once per run (the side-effect guard's {@link #effectKey}), however
 * many success files find the run complete.
 */
public class MonitoringPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringPublisher.class);

    private SnapshotMetrics metrics;

    public MonitoringPublisher() {
    }

    public MonitoringPublisher(SnapshotMetrics metrics) {
        this.metrics = metrics;
    }

    public void setMetrics(SnapshotMetrics metrics) {
        this.metrics = metrics;
    }

    /** The side-effect guard's key: one message per run. */
    public String effectKey(StatusMessage message) {
        return "monitoring-all-successful#" + message.correlationId();
    }

    /** The message body, exactly as the original's. */
    public String message(StatusMessage message) {
        return MonitoringMessage.json(message.snapshotType(), MonitoringMessage.ALL_COLLECTIONS_SUCCESSFUL,
                message.exportDateValue(), message.correlationId());
    }

    /** Counts the published message and logs its id. */
    public void published(StatusMessage message, String messageId) {
        metrics.allCollectionsSuccessful(message);
        LOG.info("All collections of {} successful: monitoring message {} published", message.correlationId(), messageId);
    }

    /** A rerun with a used correlation id (or a redelivery) would otherwise do nothing without a word. */
    public void alreadyPublished(StatusMessage message, String messageId) {
        LOG.info("Run {} was already completed (monitoring message {}): 'All collections successful' not published again",
                message.correlationId(), messageId);
    }
}
