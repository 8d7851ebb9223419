package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The beans every pipeline shares, bound once: the AWS SDK clients (which the Camel aws2 components autowire by
 * type), the S3 notification parser, the idempotency ledger and side-effect guard, dead-letter handling and metrics.
 * Pipeline beans are declared in their own route file's {@code beans:} section and reference these as
 * {@code "#bean:<name>"}.
 * <p>
 * Early binding: Camel creates a route file's {@code beans:} while it pre-parses the route files, before any
 * configuration class runs. So this class is itself the one bean of {@code routes/shared-beans.yaml}, the route file
 * loaded first, and its init method {@link #bind()} checks the configuration and binds every {@link Shared @Shared}
 * method below under its name, lazily (a client is built when first used). Not {@code @BindToRegistry}: the YAML
 * DSL post-processes its beans and would build and bind those at once, over a test's own clients. Any Camel runtime
 * that loads that file first gets the same wiring: our {@code java -jar}, a plain {@code org.apache.camel.main.Main},
 * Camel K. A bean already bound under one of these names (a test's recording client) is used instead of building one.
 */
public class SharedBeans implements CamelContextAware {
    /** A shared bean: bound under {@link #value()} by {@link SharedBeans#bind()}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Shared {
        String value();
    }

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

    private final Map<String, Object> singletons = new java.util.HashMap<>();
    private CamelContext camelContext;
    private AwsClients clients;
    private PipelineMetrics pipelineMetrics;
    private DeadLetters deadLetters;

    @Shared("awsClients")
    public synchronized AwsClients awsClients() {
        if (clients == null && injected.get("awsClients") instanceof AwsClients given) {
            clients = given;
        }
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

    @Shared("s3Client")
    public S3Client s3Client() {
        return singleton("s3Client", () -> awsClients().s3());
    }

    @Shared("sqsClient")
    public SqsClient sqsClient() {
        return singleton("sqsClient", () -> awsClients().sqs());
    }

    @Shared("dynamoDbClient")
    public DynamoDbClient dynamoDbClient() {
        return singleton("dynamoDbClient", () -> awsClients().dynamoDb());
    }

    @Shared("snsClient")
    public SnsClient snsClient() {
        return singleton("snsClient", () -> awsClients().sns());
    }

    @Shared("sesClient")
    public SesClient sesClient() {
        return singleton("sesClient", () -> awsClients().sesV1());
    }

    @Shared("sesV2Client")
    public SesV2Client sesV2Client() {
        return singleton("sesV2Client", () -> awsClients().ses());
    }

    @Shared("sfnClient")
    public SfnClient sfnClient() {
        return singleton("sfnClient", () -> awsClients().sfn());
    }

    @Shared("s3Spool")
    public S3Spool s3Spool() {
        return singleton("s3Spool", () -> new S3Spool(s3Client()));
    }

    @Shared("s3Events")
    public S3EventParser s3Events() {
        return singleton("s3Events", S3EventParser::new);
    }

    @Shared("idempotencyLedger")
    public IdempotencyLedger idempotencyLedger() {
        return singleton("idempotencyLedger",
                () -> new IdempotencyLedger(dynamoDbClient(), ledgerTable, Duration.parse(ledgerRetention), Clock.systemUTC())
                        .maximumHold(Duration.parse(maximumHold)));
    }

    @Shared("pipelineMetrics")
    public synchronized PipelineMetrics pipelineMetrics(CamelContext context) {
        if (pipelineMetrics == null) {
            pipelineMetrics = injected.get("pipelineMetrics") instanceof PipelineMetrics given ? given : new PipelineMetrics(context);
        }
        return pipelineMetrics;
    }

    @Shared("deadLetters")
    public synchronized DeadLetters deadLetters(CamelContext context) {
        if (deadLetters == null) {
            deadLetters = injected.get("deadLetters") instanceof DeadLetters given ? given : new DeadLetters(sqsClient(), pipelineMetrics(context));
        }
        return deadLetters;
    }

    @Shared("redeliveryAttempts")
    public org.apache.camel.Processor redeliveryAttempts(CamelContext context) {
        return singleton("redeliveryAttempts", () -> (org.apache.camel.Processor) deadLetters(context)::countAttempt);
    }

    @Shared("visibilityBackoff")
    public VisibilityBackoff visibilityBackoff(CamelContext context) {
        return singleton("visibilityBackoff", () -> VisibilityBackoff.fromProperties(context, sqsClient(), deadLetters(context)));
    }

    @Shared("deadLetterReplayer")
    public DeadLetterReplayer deadLetterReplayer(CamelContext context) {
        return singleton("deadLetterReplayer", () -> new DeadLetterReplayer(context, sqsClient()));
    }

    @Shared("adminAccess")
    public AdminAccess adminAccess() {
        return singleton("adminAccess", () -> new AdminAccess(adminToken));
    }

    private void configureContext(CamelContext context) {
        TemplatedRouteGroups.install(context);
        try {
            TaskProcessorCheck.install(context);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        context.addRoutePolicyFactory(pipelineMetrics(context));
        context.addRoutePolicyFactory(new ReplayOutcomes(context));
        Map<String, Supplier<Runnable>> probes = new LinkedHashMap<>();
        probes.put("s3", () -> () -> context.getRegistry().lookupByNameAndType("s3Client", S3Client.class).listBuckets(b -> b.maxBuckets(1)));
        probes.put("sqs", () -> () -> context.getRegistry().lookupByNameAndType("sqsClient", SqsClient.class).listQueues(b -> b.maxResults(1)));
        probes.put("dynamodb", () -> () -> context.getRegistry().lookupByNameAndType("dynamoDbClient", DynamoDbClient.class).describeTable(b -> b.tableName(ledgerTable)));
        probes.put("sns", () -> () -> context.getRegistry().lookupByNameAndType("snsClient", SnsClient.class).listTopics());
        probes.put("ses", () -> () -> context.getRegistry().lookupByNameAndType("sesV2Client", SesV2Client.class).getAccount(b -> { }));
        probes.put("sfn", () -> () -> context.getRegistry().lookupByNameAndType("sfnClient", SfnClient.class).listActivities(b -> b.maxResults(1)));
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            registry.register(AwsReachabilityCheck.forServices(healthServices, probes).start());
        }
    }

    @Shared("taskCallbacks")
    public TaskCallbacks taskCallbacks(CamelContext context) {
        return singleton("taskCallbacks", () -> new TaskCallbacks(sfnClient(), sideEffectGuard(), new BoundMeterRegistry(context)));
    }

    @Shared("taskHeartbeats")
    public TaskHeartbeats taskHeartbeats(CamelContext context) {
        return singleton("taskHeartbeats", () -> {
            TaskHeartbeats heartbeats = new TaskHeartbeats();
            heartbeats.setTaskCallbacks(taskCallbacks(context));
            return heartbeats;
        });
    }

    @Shared("sideEffectGuard")
    public SideEffectGuard sideEffectGuard() {
        return singleton("sideEffectGuard", () -> new SideEffectGuard(idempotencyLedger(), Duration.parse(effectLease)));
    }

    /** One instance per name (or the injected one); re-entrant, as one shared bean builds on others. */
    @SuppressWarnings("unchecked")
    private synchronized <T> T singleton(String name, Supplier<T> factory) {
        Object bean = injected.get(name);
        if (bean == null) {
            bean = singletons.get(name);
        }
        if (bean == null) {
            bean = factory.get();
            singletons.put(name, bean);
        }
        return (T) bean;
    }

    /** Beans bound under a shared bean's name before {@link #bind()} (tests' clients): used instead of building one. */
    private final Map<String, Object> injected = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean bound;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * The init method of {@code routes/shared-beans.yaml}'s bean: fails fast on missing configuration or a taken HTTP
     * port ({@link MissingConfiguration}), then binds every shared bean under its {@link Shared} name.
     */
    public synchronized void bind() {
        if (bound) {
            return;
        }
        CamelContext context = camelContext;
        if (context == null) {
            throw new IllegalStateException("SharedBeans.bind() needs the CamelContext (bind it through the registry)");
        }
        RequiredConfiguration.failFastIfMissing(context);
        ServerPort.requireFree(context);
        injectProperties(context);
        Registry registry = context.getRegistry();
        for (Method method : SharedBeans.class.getMethods()) {
            Shared annotation = method.getAnnotation(Shared.class);
            if (annotation == null) {
                continue;
            }
            String name = annotation.value();
            Object given = registry.lookupByName(name);
            if (given != null) {
                injected.put(name, given);
                continue;
            }
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) method.getReturnType();
            Supplier<Object> factory = org.apache.camel.util.function.Suppliers.memorize(() -> invoke(method, context));
            registry.bind(name, type, factory);
        }
        configureContext(context);
        bound = true;
    }

    private Object invoke(Method method, CamelContext context) {
        try {
            return method.getParameterCount() == 0 ? method.invoke(this) : method.invoke(this, context);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@link PropertyInject} fields, resolved now (this bean is created by the YAML DSL, not post-processed). */
    private void injectProperties(CamelContext context) {
        for (Field field : SharedBeans.class.getDeclaredFields()) {
            PropertyInject inject = field.getAnnotation(PropertyInject.class);
            if (inject == null) {
                continue;
            }
            String value = context.getPropertiesComponent().resolveProperty(inject.value())
                    .map(context::resolvePropertyPlaceholders).orElse(inject.defaultValue());
            try {
                field.set(this, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
