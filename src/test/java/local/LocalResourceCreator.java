package local;

import org.awaitility.core.ConditionTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * Creates the declared resources in the emulators. Every step is idempotent: existing buckets, queues, tables,
 * topics, activities and state machines are kept (and updated where the emulator allows), so restarting on an
 * existing data folder works.
 *
 * <p>SNS: fauxqs delivers only to its own queues. Each subscribed queue therefore gets a twin queue of the same name
 * inside fauxqs, subscribed with raw delivery; {@link LocalSnsBridge} moves what arrives there to the real queue in
 * ElasticMQ, which is what the application consumes (one SQS endpoint, as on AWS).
 */
final class LocalResourceCreator {
    private static final Logger LOG = LoggerFactory.getLogger(LocalResourceCreator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fauxqs twin queue and the ElasticMQ queue its messages belong to. */
    record Subscription(String topic, String twinQueueUrl, String queueUrl) {
    }

    private final S3Client s3;
    private final SqsClient sqs;
    private final SqsClient fauxqsSqs;
    private final SnsClient sns;
    private final DynamoDbClient dynamo;
    private final SfnClient sfn;
    private final Function<String, String> properties;

    LocalResourceCreator(S3Client s3, SqsClient sqs, SqsClient fauxqsSqs, SnsClient sns, DynamoDbClient dynamo,
                         SfnClient sfn, Function<String, String> properties) {
        this.s3 = s3;
        this.sqs = sqs;
        this.fauxqsSqs = fauxqsSqs;
        this.sns = sns;
        this.dynamo = dynamo;
        this.sfn = sfn;
        this.properties = properties;
    }

    /** Creates everything; returns the SNS subscriptions the bridge must serve. */
    List<Subscription> create(LocalResources resources) {
        resources.buckets().forEach(b -> bucket(b.name()));
        resources.queues().forEach(this::queue);
        resources.buckets().stream().filter(b -> b.notifyQueue() != null).forEach(b -> ensureQueue(b.notifyQueue()));
        resources.tables().forEach(this::table);
        List<Subscription> subscriptions = new ArrayList<>();
        resources.topics().forEach(t -> subscriptions.addAll(topic(t)));
        Map<String, String> activityArns = new HashMap<>();
        resources.activities().forEach(a -> activityArns.put(a.name(), activity(a.name())));
        resources.stateMachines().forEach(m -> stateMachine(m, activityArns));
        resources.objects().forEach(this::seed);
        return subscriptions;
    }

    /** Puts a seed object unless the key exists (a restarted local run keeps what is there). */
    void seed(LocalResources.SeedObject object) {
        try {
            s3.headObject(b -> b.bucket(object.bucket()).key(object.key()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.putObject(b -> b.bucket(object.bucket()).key(object.key()),
                    software.amazon.awssdk.core.sync.RequestBody.fromFile(object.file()));
        }
    }

    void bucket(String name) {
        try {
            s3.headBucket(b -> b.bucket(name));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(name));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(name));
        }
    }

    void queue(LocalResources.Queue queue) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, Boolean.toString(queue.contentBasedDeduplication()));
        }
        if (queue.visibilityTimeout() != null) {
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, queue.visibilityTimeout().toString());
        }
        if (queue.deadLetter() != null) {
            String dlqUrl = ensureQueue(sqs, queue.deadLetter(), Map.of());
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                    + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
        }
        ensureQueue(sqs, queue.name(), attributes);
    }

    private String ensureQueue(String name) {
        return ensureQueue(sqs, name, Map.of());
    }

    /** Creates the queue, or updates the attributes that may change on an existing one. */
    private static String ensureQueue(SqsClient client, String name, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> withFifo = new LinkedHashMap<>(attributes);
        if (name.endsWith(".fifo")) {
            withFifo.putIfAbsent(QueueAttributeName.FIFO_QUEUE, "true");
        }
        try {
            String url = client.getQueueUrl(b -> b.queueName(name)).queueUrl();
            Map<QueueAttributeName, String> mutable = new LinkedHashMap<>(withFifo);
            mutable.remove(QueueAttributeName.FIFO_QUEUE);
            if (!mutable.isEmpty()) {
                client.setQueueAttributes(b -> b.queueUrl(url).attributes(mutable));
            }
            return url;
        } catch (QueueDoesNotExistException e) {
            return client.createQueue(b -> b.queueName(name).attributes(withFifo)).queueUrl();
        }
    }

    void table(LocalResources.Table table) {
        try {
            dynamo.describeTable(b -> b.tableName(table.name()));
        } catch (ResourceNotFoundException e) {
            List<KeySchemaElement> keys = new ArrayList<>();
            List<AttributeDefinition> attributes = new ArrayList<>();
            keys.add(KeySchemaElement.builder().attributeName(table.hashKey().name()).keyType(KeyType.HASH).build());
            attributes.add(AttributeDefinition.builder().attributeName(table.hashKey().name()).attributeType(table.hashKey().type()).build());
            if (table.rangeKey() != null) {
                keys.add(KeySchemaElement.builder().attributeName(table.rangeKey().name()).keyType(KeyType.RANGE).build());
                attributes.add(AttributeDefinition.builder().attributeName(table.rangeKey().name()).attributeType(table.rangeKey().type()).build());
            }
            dynamo.createTable(b -> b.tableName(table.name()).keySchema(keys).attributeDefinitions(attributes)
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
        awaitActive(table.name());
        if (table.ttl() != null) {
            try {
                dynamo.updateTimeToLive(b -> b.tableName(table.name())
                        .timeToLiveSpecification(t -> t.attributeName(table.ttl()).enabled(true)));
            } catch (RuntimeException e) {
                // dynalite has no TTL API (and no expiry): the attribute is only recorded for documentation
                LOG.debug("TTL on {} not set by the emulator: {}", table.name(), e.getMessage());
            }
        }
    }

    private void awaitActive(String table) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                    .until(() -> dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("DynamoDB table " + table + " did not become ACTIVE");
        }
    }

    List<Subscription> topic(LocalResources.Topic topic) {
        Map<String, String> topicAttributes = topic.name().endsWith(".fifo") ? Map.of("FifoTopic", "true") : Map.of();
        String topicArn = sns.createTopic(b -> b.name(topic.name()).attributes(topicAttributes)).topicArn();
        List<Subscription> out = new ArrayList<>();
        for (String queue : topic.subscribers()) {
            String queueUrl = ensureQueue(queue);
            String twinUrl = ensureQueue(fauxqsSqs, queue, Map.of());
            String twinArn = fauxqsSqs.getQueueAttributes(b -> b.queueUrl(twinUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(twinArn)
                    .attributes(Map.of("RawMessageDelivery", "true")).returnSubscriptionArn(true));
            out.add(new Subscription(topic.name(), twinUrl, queueUrl));
        }
        return out;
    }

    String activity(String name) {
        for (ActivityListItem existing : sfn.listActivities(b -> b.maxResults(1000)).activities()) {
            if (existing.name().equals(name)) {
                return existing.activityArn();
            }
        }
        return sfn.createActivity(b -> b.name(name)).activityArn();
    }

    void stateMachine(LocalResources.StateMachine machine, Map<String, String> activityArns) {
        String definition = definition(machine, activityArns);
        for (StateMachineListItem existing : sfn.listStateMachines(b -> b.maxResults(1000)).stateMachines()) {
            if (existing.name().equals(machine.name())) {
                sfn.updateStateMachine(b -> b.stateMachineArn(existing.stateMachineArn()).definition(definition));
                return;
            }
        }
        sfn.createStateMachine(b -> b.name(machine.name()).definition(definition)
                .roleArn("arn:aws:iam::000000000000:role/local-step-functions"));
    }

    /**
     * Reads the definition, resolves {@code {{property}}} placeholders, and turns every {@code "Resource":
     * "activity:<name>"} into that activity's ARN (declared under {@code activities:}).
     */
    private String definition(LocalResources.StateMachine machine, Map<String, String> activityArns) {
        try {
            String text = LocalResources.resolve(Files.readString(machine.definition(), StandardCharsets.UTF_8),
                    properties, machine.definition().toString());
            JsonNode root = JSON.readTree(text);
            replaceActivityResources(root, activityArns, machine);
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read state machine definition " + machine.definition(), e);
        }
    }

    private static void replaceActivityResources(JsonNode node, Map<String, String> arns, LocalResources.StateMachine machine) {
        if (node instanceof ObjectNode object) {
            JsonNode resource = object.get("Resource");
            if (resource != null && resource.isTextual() && resource.asText().startsWith("activity:")) {
                String name = resource.asText().substring("activity:".length());
                String arn = arns.get(name);
                if (arn == null) {
                    throw new IllegalArgumentException("State machine " + machine.name() + " uses activity '" + name
                            + "', which is not declared under activities:");
                }
                object.put("Resource", arn);
            }
        }
        node.forEach(child -> replaceActivityResources(child, arns, machine));
    }
}
