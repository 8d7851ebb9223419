package routes.shared;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The beans every pipeline shares, bound once: the AWS SDK clients (which the Camel aws2 components autowire by
 * type), the S3 notification parser, the idempotency ledger and side-effect guard, dead-letter handling and metrics.
 * Pipeline beans are declared in their own route file's {@code beans:} section.
 */
public class SharedBeans implements CamelConfiguration {
    @PropertyInject(value = "aws.region", defaultValue = "")
    String region;
    @PropertyInject(value = "aws.access-key-id", defaultValue = "")
    String accessKeyId;
    @PropertyInject(value = "aws.secret-access-key", defaultValue = "")
    String secretAccessKey;
    @PropertyInject(value = "aws.endpoint.s3", defaultValue = "")
    String s3Endpoint;
    @PropertyInject(value = "aws.endpoint.sqs", defaultValue = "")
    String sqsEndpoint;
    @PropertyInject(value = "aws.endpoint.dynamodb", defaultValue = "")
    String dynamodbEndpoint;
    @PropertyInject(value = "aws.endpoint.sns", defaultValue = "")
    String snsEndpoint;
    @PropertyInject(value = "aws.endpoint.ses", defaultValue = "")
    String sesEndpoint;
    @PropertyInject(value = "aws.endpoint.sfn", defaultValue = "")
    String sfnEndpoint;
    @PropertyInject(value = "ledger.table", defaultValue = "")
    String ledgerTable;
    @PropertyInject(value = "ledger.retention", defaultValue = "P30D")
    String ledgerRetention;
    @PropertyInject(value = "ledger.effect-lease", defaultValue = "PT45S")
    String effectLease;
    @PropertyInject(value = "ledger.maximum-hold", defaultValue = "PT30M")
    String maximumHold;

    @PropertyInject(value = "aws.health.services", defaultValue = "s3,sqs,dynamodb,sns,ses,sfn")
    String healthServices;
    @PropertyInject(value = "admin.token", defaultValue = "")
    String adminToken;

    private final Map<String, Object> singletons = new java.util.concurrent.ConcurrentHashMap<>();
    private AwsClients clients;
    private PipelineMetrics pipelineMetrics;
    private DeadLetters deadLetters;

    @BindToRegistry("awsClients")
    public AwsClients awsClients() {
        if (clients == null) {
            String regionOrDefault = region == null || region.isBlank() ? "us-east-1" : region;
            clients = new AwsClients(regionOrDefault, accessKeyId, secretAccessKey, service -> switch (service) {
                case "s3" -> s3Endpoint;
                case "sqs" -> sqsEndpoint;
                case "dynamodb" -> dynamodbEndpoint;
                case "sns" -> snsEndpoint;
                case "ses" -> sesEndpoint;
                case "sfn" -> sfnEndpoint;
                default -> "";
            });
        }
        return clients;
    }

    @BindToRegistry("s3Client")
    public S3Client s3Client() {
        return singleton("s3Client", () -> awsClients().s3());
    }

    @BindToRegistry("sqsClient")
    public SqsClient sqsClient() {
        return singleton("sqsClient", () -> awsClients().sqs());
    }

    @BindToRegistry("dynamoDbClient")
    public DynamoDbClient dynamoDbClient() {
        return singleton("dynamoDbClient", () -> awsClients().dynamoDb());
    }

    @BindToRegistry("snsClient")
    public SnsClient snsClient() {
        return singleton("snsClient", () -> awsClients().sns());
    }

    @BindToRegistry("sesClient")
    public SesClient sesClient() {
        return singleton("sesClient", () -> awsClients().sesV1());
    }

    @BindToRegistry("sesV2Client")
    public SesV2Client sesV2Client() {
        return singleton("sesV2Client", () -> awsClients().ses());
    }

    @BindToRegistry("sfnClient")
    public SfnClient sfnClient() {
        return singleton("sfnClient", () -> awsClients().sfn());
    }

    @BindToRegistry("s3Spool")
    public S3Spool s3Spool() {
        return new S3Spool(s3Client());
    }

    @BindToRegistry("s3Events")
    public S3EventParser s3Events() {
        return new S3EventParser();
    }

    @BindToRegistry("idempotencyLedger")
    public IdempotencyLedger idempotencyLedger() {
        return singleton("idempotencyLedger",
                () -> new IdempotencyLedger(dynamoDbClient(), ledgerTable, Duration.parse(ledgerRetention), Clock.systemUTC())
                        .maximumHold(Duration.parse(maximumHold)));
    }

    @BindToRegistry("pipelineMetrics")
    public PipelineMetrics pipelineMetrics(CamelContext context) {
        if (pipelineMetrics == null) {
            pipelineMetrics = new PipelineMetrics(context);
        }
        return pipelineMetrics;
    }

    @BindToRegistry("deadLetters")
    public DeadLetters deadLetters(CamelContext context) {
        if (deadLetters == null) {
            deadLetters = new DeadLetters(sqsClient(), pipelineMetrics(context));
        }
        return deadLetters;
    }

    @BindToRegistry("redeliveryAttempts")
    public org.apache.camel.Processor redeliveryAttempts(CamelContext context) {
        return deadLetters(context)::countAttempt;
    }

    @BindToRegistry("visibilityBackoff")
    public VisibilityBackoff visibilityBackoff(CamelContext context) {
        return VisibilityBackoff.fromProperties(context, sqsClient(), deadLetters(context));
    }

    @BindToRegistry("deadLetterReplayer")
    public DeadLetterReplayer deadLetterReplayer(CamelContext context) {
        return new DeadLetterReplayer(context, sqsClient());
    }

    @BindToRegistry("adminAccess")
    public AdminAccess adminAccess() {
        return new AdminAccess(adminToken);
    }

    @Override
    public void configure(CamelContext context) {
        TemplatedRouteGroups.install(context);
        try {
            TaskProcessorCheck.install(context);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        context.getManagementStrategy().addEventNotifier(pipelineMetrics(context));
        Map<String, Supplier<Runnable>> probes = new LinkedHashMap<>();
        probes.put("s3", () -> () -> context.getRegistry().lookupByNameAndType("s3Client", S3Client.class).listBuckets(b -> b.maxBuckets(1)));
        probes.put("sqs", () -> () -> context.getRegistry().lookupByNameAndType("sqsClient", SqsClient.class).listQueues(b -> b.maxResults(1)));
        probes.put("dynamodb", () -> () -> context.getRegistry().lookupByNameAndType("dynamoDbClient", DynamoDbClient.class).describeTable(b -> b.tableName(ledgerTable)));
        probes.put("sns", () -> () -> context.getRegistry().lookupByNameAndType("snsClient", SnsClient.class).listTopics());
        probes.put("ses", () -> () -> context.getRegistry().lookupByNameAndType("sesV2Client", SesV2Client.class).getAccount(b -> { }));
        probes.put("sfn", () -> () -> context.getRegistry().lookupByNameAndType("sfnClient", SfnClient.class).listActivities(b -> b.maxResults(1)));
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            registry.register(AwsReachabilityCheck.forServices(healthServices, probes));
        }
    }

    @BindToRegistry("taskCallbacks")
    public TaskCallbacks taskCallbacks(CamelContext context) {
        return singleton("taskCallbacks", () -> new TaskCallbacks(sfnClient(), sideEffectGuard(),
                () -> java.util.Optional.ofNullable(context.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class))
                        .orElse(io.micrometer.core.instrument.Metrics.globalRegistry)));
    }

    @BindToRegistry("taskHeartbeats")
    public TaskHeartbeats taskHeartbeats(CamelContext context) {
        return singleton("taskHeartbeats", () -> {
            TaskHeartbeats heartbeats = new TaskHeartbeats();
            heartbeats.setTaskCallbacks(taskCallbacks(context));
            return heartbeats;
        });
    }

    @BindToRegistry("sideEffectGuard")
    public SideEffectGuard sideEffectGuard() {
        return singleton("sideEffectGuard", () -> new SideEffectGuard(idempotencyLedger(), Duration.parse(effectLease)));
    }

    @SuppressWarnings("unchecked")
    private <T> T singleton(String name, Supplier<T> factory) {
        return (T) singletons.computeIfAbsent(name, n -> factory.get());
    }
}
