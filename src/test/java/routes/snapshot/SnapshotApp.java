package routes.snapshot;

import harness.PipelineHarness;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The snapshot pipeline wired as production wires it ({@link PipelineHarness}) against the local AWS of the
 * integration tests, with its SQS and SNS clients recording what the app sent (duplicates included: the FIFO queue
 * would hide them behind its deduplication, and the tap queue behind the ledger).
 */
final class SnapshotApp implements AutoCloseable {
    /** Every SNS publish the app made, duplicates included (they also reach the emulator and the tap queue). */
    final List<PublishRequest> snsPublishes = new CopyOnWriteArrayList<>();
    /** Every SendMessage the app made. */
    final List<SendMessageRequest> sqsSends = new CopyOnWriteArrayList<>();
    private final String exportStateQueue;
    private final PipelineHarness harness;

    /** The pipeline with {@code consumers} status-queue consumers; {@code statusFrom} replaces the consumer (null = SQS). */
    SnapshotApp(SnapshotTestAws aws, int consumers, Map<String, String> overrides, String statusFrom) {
        this.exportStateQueue = aws.exportStateQueue;
        Map<String, String> properties = new LinkedHashMap<>();
        aws.local.endpoints().forEach((service, url) -> properties.put("aws.endpoint." + service, url));
        properties.put("ledger.table", aws.ledgerTable);
        properties.put("snapshot.queue.status", aws.statusQueue);
        properties.put("snapshot.queue.dead-letter", aws.deadLetterQueue);
        properties.put("snapshot.queue.export-state", aws.exportStateQueue);
        properties.put("snapshot.topic.monitoring", aws.monitoringTopic);
        properties.put("snapshot.table.status", aws.statusTable);
        properties.put("snapshot.table.product", aws.productTable);
        properties.put("snapshot.consumers", Integer.toString(consumers));
        properties.put("camel.component.aws2-sqs.wait-time-seconds", "1");
        properties.put("camel.component.aws2-sqs.visibility-timeout", "30");
        properties.putAll(overrides);
        PipelineHarness.Builder builder = PipelineHarness.pipeline("snapshot").properties(properties)
                .bean("dynamoDbClient", aws.dynamo)
                .bean("sqsClient", recording(SqsClient.class, aws.sqs, "sendMessage", SendMessageRequest.class, sqsSends))
                .bean("snsClient", recording(SnsClient.class, aws.local.sns(), "publish", PublishRequest.class, snsPublishes));
        if (statusFrom != null) {
            builder.replaceFrom("snapshot-status", statusFrom);
        }
        this.harness = builder.start();
    }

    SnapshotApp(SnapshotTestAws aws, int consumers, Map<String, String> overrides) {
        this(aws, consumers, overrides, null);
    }

    /** The export-state messages the app sent, duplicates included. */
    List<SendMessageRequest> exportStateSends() {
        return sqsSends.stream().filter(r -> r.queueUrl().endsWith("/" + exportStateQueue)).toList();
    }

    /** A client that does what {@code target} does and records the requests of one operation. */
    private static <C, R> C recording(Class<C> type, C target, String operation, Class<R> requestType, List<R> requests) {
        return type.cast(Proxy.newProxyInstance(SnapshotApp.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals(operation) && args != null && requestType.isInstance(args[0])) {
                requests.add(requestType.cast(args[0]));
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    CamelContext context() {
        return harness.context();
    }

    ProducerTemplate template() {
        return harness.template();
    }

    SnapshotMetrics metrics() {
        return harness.bean("snapshotMetrics", SnapshotMetrics.class);
    }

    /** What the app's Prometheus endpoint ({@code /observe/metrics}) shows. */
    String scrape() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(harness.url() + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read /observe/metrics: " + e, e);
        }
    }

    @Override
    public void close() {
        harness.close();
    }
}
