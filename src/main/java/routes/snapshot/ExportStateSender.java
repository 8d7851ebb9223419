package routes.snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.QueueUrls;
import routes.shared.SideEffectGuard;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;


/**
 * Tells snapshot-sender to send a collection's {@code _success} file: the export-state message on the FIFO queue,
 * group = collection name with {@code .} → {@code _}, deduplication id = SHA-256 of the body. Sent at most once per
 * run and collection (the side-effect guard), even if snapshot-sender moves the collection back to {@code Sent}.
 */
// Not aws2-sqs: a FIFO send there takes no explicit deduplication id (only the exchange id or content-based).
public class ExportStateSender {
    private static final Logger LOG = LoggerFactory.getLogger(ExportStateSender.class);

    private SqsClient sqs;
    private String queue;
    private SideEffectGuard guard;
    private SnapshotMetrics metrics;
    private QueueUrls queueUrls;

    public ExportStateSender() {
    }

    public ExportStateSender(SqsClient sqs, String queue, SideEffectGuard guard, SnapshotMetrics metrics) {
        setSqs(sqs);
        this.queue = queue;
        this.guard = guard;
        this.metrics = metrics;
    }

    public void setSqs(SqsClient sqs) {
        this.sqs = sqs;
        this.queueUrls = new QueueUrls(sqs);
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public void setGuard(SideEffectGuard guard) {
        this.guard = guard;
    }

    public void setMetrics(SnapshotMetrics metrics) {
        this.metrics = metrics;
    }

    public void send(StatusMessage message) {
        boolean[] sent = {false};
        String messageId = guard.once("snapshot", "export-state#" + message.correlationId() + "#" + message.collectionName(), () -> {
            String body = ExportStateMessage.json(message);
            String id = sqs.sendMessage(request(queueUrl(), body, message.messageGroupId())).messageId();
            metrics.collectionReceived(message);
            LOG.info("Collection {} fully received: export-state message {} sent to {}", message.collectionName(), id, queue);
            sent[0] = true;
            return id;
        });
        if (!sent[0]) {
            // a rerun with a used correlation id (or a redelivery) would otherwise do nothing without a word
            LOG.info("Collection {} of run {} was already reported received (export-state message {}): not sent again",
                    message.collectionName(), message.correlationId(), messageId);
        }
    }

    static SendMessageRequest request(String queueUrl, String body, String messageGroupId) {
        return SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body).messageGroupId(messageGroupId)
                .messageDeduplicationId(ExportStateMessage.deduplicationId(body)).build();
    }

    private String queueUrl() {
        return queueUrls.of(queue);
    }
}
