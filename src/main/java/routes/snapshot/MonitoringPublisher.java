package routes.snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.SideEffectGuard;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Tells monitoring that a run is complete: the "All collections successful" message on the monitoring topic, at most
 * once per run (the side-effect guard), however many success files find the run complete.
 */
public class MonitoringPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringPublisher.class);

    private final SnsClient sns;
    private final String topicArn;
    private final SideEffectGuard guard;
    private final SnapshotMetrics metrics;
    private volatile String resolvedArn;

    public MonitoringPublisher(SnsClient sns, String topicArn, SideEffectGuard guard, SnapshotMetrics metrics) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.guard = guard;
        this.metrics = metrics;
    }

    /** The topic property is an ARN, or a topic name looked up once (the local run names its topics). */
    String topicArn() {
        if (topicArn.startsWith("arn:")) {
            return topicArn;
        }
        if (resolvedArn == null) {
            resolvedArn = sns.listTopicsPaginator().topics().stream().map(t -> t.topicArn())
                    .filter(arn -> arn.endsWith(":" + topicArn)).findFirst()
                    .orElseThrow(() -> new routes.shared.TransientFailure("No SNS topic named " + topicArn));
        }
        return resolvedArn;
    }

    public void allCollectionsSuccessful(StatusMessage message) {
        boolean[] published = {false};
        String messageId = guard.once("snapshot", "monitoring-all-successful#" + message.correlationId(), () -> {
            String body = MonitoringMessage.json(message.snapshotType(), MonitoringMessage.ALL_COLLECTIONS_SUCCESSFUL,
                    message.exportDateValue(), message.correlationId());
            String id = sns.publish(PublishRequest.builder().topicArn(topicArn()).message(body).build()).messageId();
            metrics.allCollectionsSuccessful(message);
            LOG.info("All collections of {} successful: monitoring message {} published", message.correlationId(), id);
            published[0] = true;
            return id;
        });
        if (!published[0]) {
            LOG.info("Run {} was already completed (monitoring message {}): 'All collections successful' not published again",
                    message.correlationId(), messageId);
        }
    }
}
