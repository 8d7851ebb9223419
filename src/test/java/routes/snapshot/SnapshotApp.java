package routes.snapshot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import routes.shared.IdempotencyLedger;
import routes.shared.SideEffectGuard;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Properties;

/**
 * The snapshot pipeline as the application runs it: the shared error handling and {@code routes/snapshot-status.yaml}
 * in a Camel context whose AWS clients point at the test emulators (SNS recorded), with a Prometheus registry.
 */
final class SnapshotApp implements AutoCloseable {
    final CamelContext context = new DefaultCamelContext();
    /** Every SNS publish the app made, duplicates included (they also reach the emulator and the tap queue). */
    final List<PublishRequest> snsPublishes = new CopyOnWriteArrayList<>();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Every SendMessage the app made (the FIFO queue would hide duplicates behind its deduplication). */
    final List<SendMessageRequest> sqsSends = new CopyOnWriteArrayList<>();
    private final String exportStateQueue;

    SnapshotApp(SnapshotTestAws aws, int consumers, Map<String, String> overrides) throws Exception {
        Properties properties = new Properties();
        properties.put("snapshot.queue.status", aws.statusQueue);
        properties.put("snapshot.queue.dead-letter", aws.deadLetterQueue);
        properties.put("snapshot.queue.export-state", aws.exportStateQueue);
        properties.put("snapshot.topic.monitoring", aws.monitoringTopic);
        properties.put("snapshot.table.status", aws.statusTable);
        properties.put("snapshot.table.product", aws.productTable);
        properties.put("snapshot.consumers", Integer.toString(consumers));
        properties.put("snapshot.max-messages-per-poll", "10");
        properties.put("snapshot.metrics.pushgateway", "");
        properties.put("snapshot.metrics.completed-run-retention", "PT10M");
        properties.put("errors.maximum-redeliveries", "2");
        properties.put("errors.redelivery-delay", "10");
        properties.put("errors.backoff-multiplier", "2");
        properties.put("errors.maximum-redelivery-delay", "50");
        properties.putAll(overrides);
        context.getPropertiesComponent().setInitialProperties(properties);
        context.setAllowUseOriginalMessage(true);

        SqsClient sqs = recording(SqsClient.class, aws.sqs, "sendMessage", SendMessageRequest.class, sqsSends);
        this.exportStateQueue = aws.exportStateQueue;
        IdempotencyLedger ledger = new IdempotencyLedger(aws.dynamo, aws.ledgerTable);
        context.getRegistry().bind("dynamoDbClient", aws.dynamo);
        context.getRegistry().bind("sqsClient", SqsClient.class, sqs);
        context.getRegistry().bind("snsClient", SnsClient.class, recording(SnsClient.class, aws.local.sns(), "publish", PublishRequest.class, snsPublishes));
        context.getRegistry().bind("idempotencyLedger", ledger);
        context.getRegistry().bind("sideEffectGuard", new SideEffectGuard(ledger, Duration.ofMinutes(5)));
        routes.shared.DeadLetterBeans.bind(context, sqs);
        context.getRegistry().bind("prometheusMeterRegistry", MeterRegistry.class, meters);

        Sqs2Component sqsComponent = context.getComponent("aws2-sqs", Sqs2Component.class);
        sqsComponent.getConfiguration().setAmazonSQSClient(sqs);
        sqsComponent.getConfiguration().setWaitTimeSeconds(1);
        sqsComponent.getConfiguration().setVisibilityTimeout(30);
        sqsComponent.getConfiguration().setExtendMessageVisibility(true);
        sqsComponent.getConfiguration().setMessageAttributeNames(routes.shared.MessageContext.ORIGINAL_MESSAGE_ID);

        var loader = PluginHelper.getRoutesLoader(context);
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/error-handling.yaml"));
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/snapshot-status.yaml"));
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

    SnapshotApp start() {
        context.start();
        return this;
    }

    ProducerTemplate template() {
        return context.createProducerTemplate();
    }

    SnapshotMetrics metrics() {
        return context.getRegistry().lookupByNameAndType("snapshotMetrics", SnapshotMetrics.class);
    }

    @Override
    public void close() {
        context.stop();
    }
}
