package local;

import org.awaitility.core.ConditionTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.PipelinesApplication;
import routes.shared.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * The embedded local AWS, on 127.0.0.1 only: S3 (S3Proxy, in this JVM, a filesystem blob store under
 * {@code <dataDir>/s3}: {@code <dataDir>/s3/<bucket>/<key>} files are the objects), SQS (ElasticMQ, in this JVM),
 * and as child node processes DynamoDB (dynalite), SNS (fauxqs), SES (aws-ses-v2-local) and Step Functions
 * (stepfunctions-local), plus an SMTP receiver standing in for SES's receipt rule ({@link LocalSmtpReceiver}: mail
 * sent to it is stored in the {@code email.bucket.inbox} bucket). It creates the resources of {@code local-aws/resources.yaml} (and fragments), delivers SNS
 * messages to subscribed queues ({@link LocalSnsBridge}) and S3 object-created notifications ({@link LocalS3Notifier}).
 * Child processes end with this JVM, whatever the way it ends (see {@code local-aws/supervise.js}).
 */
public final class LocalAws implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAws.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NPM_PACKAGES = List.of("dynalite", "fauxqs", "aws-ses-v2-local", "stepfunctions-local");
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    /** The ports of the emulators and the application. */
    public record Ports(int s3, int sqs, int dynamodb, int sns, int ses, int sfn, int smtp, int app) {
        /**
         * The local run's documented ports, each overridable with an environment variable {@code LOCAL_PORT_<SERVICE>}
         * or a system property {@code local.port.<service>} ({@code s3, sqs, dynamodb, sns, ses, sfn, smtp, app}).
         */
        public static Ports fixed() {
            return new Ports(port("s3", 9000), port("sqs", 9324), port("dynamodb", 8000), port("sns", 9911),
                    port("ses", 8005), port("sfn", 4584), port("smtp", 2525), port("app", 8080));
        }

        /** Free ports picked by the OS (tests). */
        public static Ports random() {
            return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }

        private static int port(String service, int defaultPort) {
            String value = System.getProperty("local.port." + service, System.getenv("LOCAL_PORT_" + service.toUpperCase()));
            return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.trim());
        }
    }

    /**
     * How to start: where the data lives, the ports, whether DynamoDB data persists under {@code <dataDir>/dynamodb}
     * (the local run) or lives in memory (tests), and extra resources files merged after the catalogue.
     */
    public record Settings(Path dataDir, Ports ports, boolean persistentDynamoDb, List<Path> extraResources) {
    }

    private final Settings settings;
    private final Path localAwsDir;
    private final List<AutoCloseable> started = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> endpoints = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final List<NodeEmulator> emulators = java.util.Collections.synchronizedList(new ArrayList<>());
    /** How to start an emulator again after {@link #killEmulator} (fault tests): only DynamoDB so far. */
    private final Map<String, java.util.concurrent.Callable<NodeEmulator>> restarters = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "local-aws-shutdown");
    private AwsClients clients;
    private S3Client s3;
    private SqsClient sqs;
    private DynamoDbClient dynamoDb;
    private SnsClient sns;
    private SesClient ses;
    private SesV2Client sesV2;
    private SfnClient sfn;
    private LocalResources resources;
    private LocalResourceCreator creator;
    private LocalSnsBridge bridge;
    private LocalS3Notifier notifier;
    private LocalSmtpReceiver smtp;
    private long startupMillis;
    private volatile boolean closed;

    private LocalAws(Settings settings) {
        this.settings = settings;
        this.localAwsDir = locateLocalAwsDir();
    }

    /** Starts everything and creates the declared resources; fails with a clear message naming what did not start. */
    public static LocalAws start(Settings settings) {
        LocalAws aws = new LocalAws(settings);
        Runtime.getRuntime().addShutdownHook(aws.shutdownHook);
        try {
            aws.startAll();
            return aws;
        } catch (RuntimeException | Error e) {
            aws.close();
            throw e;
        }
    }

    private void startAll() {
        long begin = System.nanoTime();
        checkNodeModules();
        Ports ports = settings.ports();
        checkPortsFree(ports);
        Path logs = settings.dataDir().resolve("logs");
        try {
            Files.createDirectories(settings.dataDir().resolve("s3"));
            // the node emulators boot in parallel with the in-JVM servers
            List<String> dynaliteArgs = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(ports.dynamodb()),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
            if (settings.persistentDynamoDb()) {
                Path dynamoDir = settings.dataDir().resolve("dynamodb");
                Files.createDirectories(dynamoDir);
                dynaliteArgs.addAll(List.of("--path", dynamoDir.toAbsolutePath().toString()));
            }
            String[] dynalite = dynaliteArgs.toArray(String[]::new);
            restarters.put("dynamodb", () -> NodeEmulator.start("dynamodb", localAwsDir, logs, ports.dynamodb(), "/", Map.of(),
                    "node_modules/dynalite/cli.js", dynalite));
            emulators.add(restarters.get("dynamodb").call());
            emulators.add(NodeEmulator.start("sns", localAwsDir, logs, ports.sns(), "/health",
                    Map.of("FAUXQS_PORT", Integer.toString(ports.sns())), "fauxqs.mjs"));
            emulators.add(NodeEmulator.start("ses", localAwsDir, logs, ports.ses(), "/health-check", Map.of(),
                    "node_modules/aws-ses-v2-local/dist/cli.js", "--host", "127.0.0.1", "--port", Integer.toString(ports.ses())));
            emulators.add(NodeEmulator.start("sfn", localAwsDir, logs, ports.sfn(), "/", Map.of(),
                    "node_modules/stepfunctions-local/bin/stepfunctions-local-start.js",
                    "--port", Integer.toString(ports.sfn()), "--region", REGION));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + settings.dataDir(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the DynamoDB emulator: " + e.getMessage(), e);
        }
        started.addAll(emulators);
        for (String service : List.of("s3", "sqs", "dynamodb", "sns", "ses", "sfn")) {
            endpoints.put(service, "http://127.0.0.1:" + port(service));
        }
        // S3Proxy and ElasticMQ start side by side while the SDK clients load and the node emulators boot
        long launched = System.nanoTime();
        CompletableFuture<Long> s3Started = CompletableFuture.supplyAsync(() -> timed(() -> startS3(ports.s3())));
        CompletableFuture<Long> sqsStarted = CompletableFuture.supplyAsync(() -> timed(() -> startSqs(ports.sqs())));
        long clientsMillis = timed(this::createClients);
        CompletableFuture.allOf(s3Started, sqsStarted).exceptionally(failed -> null).join(); // both settled before close()
        long s3Millis = join(s3Started);
        long sqsMillis = join(sqsStarted);
        for (NodeEmulator emulator : emulators) {
            emulator.awaitReady(Duration.ofSeconds(30));
        }
        long nodeReady = System.nanoTime();
        SqsClient fauxqsSqs = clients("sqs", endpoints.get("sns")).sqs();
        started.add(fauxqsSqs);
        creator = new LocalResourceCreator(s3, sqs, fauxqsSqs, sns, dynamoDb, sfn, properties());
        bridge = new LocalSnsBridge(fauxqsSqs, sqs);
        started.add(bridge);
        notifier = new LocalS3Notifier(s3, sqs, this::queueUrl, Map.of(), settings.dataDir().resolve("notifier"), REGION,
                Clock.systemUTC()).start(Duration.ofMillis(500));
        started.add(notifier);
        List<Path> files = new ArrayList<>(LocalResources.catalogue(localAwsDir));
        files.addAll(settings.extraResources());
        long beforeResources = System.nanoTime();
        resources = createResources(files);
        startSmtp(ports.smtp());
        long end = System.nanoTime();
        startupMillis = ms(end - begin);
        LOG.info("Local AWS ready in {} ms (S3 {} ms, SQS {} ms, SDK clients {} ms, node emulators answering {} ms "
                        + "after launch, resources {} ms): {}", startupMillis, s3Millis, sqsMillis, clientsMillis,
                ms(nodeReady - launched), ms(end - beforeResources), endpoints);
    }

    private void startS3(int port) {
        Properties overrides = new Properties();
        overrides.setProperty(FilesystemConstants.PROPERTY_BASEDIR, settings.dataDir().resolve("s3").toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder(new FilesystemApiMetadata())
                .credentials("identity", "credential").overrides(overrides).build(BlobStoreContext.class);
        started.add(context::close);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3 (S3Proxy) did not start on 127.0.0.1:" + port + " (port in use?): " + e.getMessage(), e);
        }
        started.add(proxy::stop);
        try {
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> "STARTED".equals(proxy.getState()));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("S3 (S3Proxy) did not start on 127.0.0.1:" + port + ": state " + proxy.getState());
        }
    }

    /** After S3 and the resources: its inbox bucket exists. Closed by close() like the rest. */
    private void startSmtp(int port) {
        java.util.function.Function<String, String> properties = properties();
        String inbox = LocalResources.resolve("{{email.bucket.inbox}}", properties, "the local SMTP receiver");
        long maxBytes = Long.parseLong(LocalResources.resolve("{{email.max-email-bytes}}", properties, "the local SMTP receiver"));
        smtp = LocalSmtpReceiver.start(port, s3, inbox, maxBytes);
        started.add(smtp);
    }

    private void startSqs(int port) {
        SQSRestServer server;
        // ElasticMQ is stopped by close(); its actor system must not race our shutdown hook with one of its own
        if (System.getProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook") == null) {
            System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        }
        try {
            server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).withAWSRegion(REGION).start();
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            throw new IllegalStateException("SQS (ElasticMQ) did not start on 127.0.0.1:" + port + " (port in use?): " + e.getMessage(), e);
        }
        started.add(server::stopAndWait);
    }

    private void createClients() {
        clients = clients(null, null);
        s3 = clients.s3();
        sqs = clients.sqs();
        dynamoDb = clients.dynamoDb();
        sns = clients.sns();
        ses = clients.sesV1();
        sesV2 = clients.ses();
        sfn = clients.sfn();
        started.addAll(List.of(s3, sqs, dynamoDb, sns, ses, sesV2, sfn));
    }

    /** SDK clients on the emulators; {@code service}/{@code endpoint} redirect one service elsewhere. */
    private AwsClients clients(String service, String endpoint) {
        return new AwsClients(REGION, ACCESS_KEY, SECRET_KEY,
                s -> s.equals(service) ? endpoint : endpoints.get(s));
    }

    private Path locateLocalAwsDir() {
        String configured = System.getProperty("local.aws.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("local-aws");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The local-aws folder was not found at " + dir.toAbsolutePath()
                    + ": run from the repository root or set -Dlocal.aws.dir");
        }
        return dir.toAbsolutePath().normalize();
    }

    private void checkNodeModules() {
        List<String> missing = NPM_PACKAGES.stream()
                .filter(p -> !Files.isRegularFile(localAwsDir.resolve("node_modules").resolve(p).resolve("package.json")))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The npm emulators are not installed (missing " + String.join(", ", missing)
                    + " in " + localAwsDir.resolve("node_modules") + "). Run `npm ci` in " + localAwsDir
                    + " (Node.js 20+), or build once with Maven, which does it.");
        }
    }

    /**
     * Creates the resources declared in {@code files} (same format as local-aws/resources.yaml; idempotent) and
     * starts their S3 notifications and SNS deliveries. Tests use it for resources of their own.
     */
    public synchronized LocalResources createResources(List<Path> files) {
        LocalResources declared = LocalResources.load(files, properties());
        bridge.add(creator.create(declared));
        declared.buckets().stream().filter(b -> b.notifyQueue() != null).forEach(b -> notifier.watch(b.name(), b.notifyQueue()));
        return declared;
    }

    /**
     * The application's local configuration (properties files, environment, these emulators' endpoints), and
     * {@code local.port.smtp}, {@code local.port.app}, {@code local.port.sfn}: the ports really used (for the catalogue's
     * "try it" lines).
     */
    public java.util.function.Function<String, String> properties() {
        return LocalResources.localProperties(withPorts(applicationProperties(), settings.ports()));
    }

    static Map<String, String> withPorts(Map<String, String> properties, Ports ports) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("local.port.smtp", Integer.toString(ports.smtp()));
        all.put("local.port.app", Integer.toString(ports.app()));
        all.put("local.port.sfn", Integer.toString(ports.sfn()));
        return all;
    }

    /**
     * Closes {@code first} before anything of the local AWS when this closes (also on Ctrl-C): the application stops
     * while its queues and buckets still answer.
     */
    public void closeFirst(AutoCloseable first) {
        started.add(first);
    }

    /** Runs one notifier poll now (tests); returns how many notifications it sent. */
    public int pollS3Notifications() {
        return notifier.pollOnce();
    }

    /** A clear message now rather than an emulator answering on someone else's server later. */
    private static void checkPortsFree(Ports ports) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("s3", ports.s3());
        wanted.put("sqs", ports.sqs());
        wanted.put("dynamodb", ports.dynamodb());
        wanted.put("sns", ports.sns());
        wanted.put("ses", ports.ses());
        wanted.put("sfn", ports.sfn());
        wanted.put("smtp", ports.smtp());
        wanted.put("app", ports.app());
        List<String> busy = new ArrayList<>();
        wanted.forEach((service, port) -> {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                busy.add(service + " " + port);
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports already in use on 127.0.0.1: " + String.join(", ", busy)
                    + ". Stop what holds them (another local run?) or move a service, e.g. LOCAL_PORT_SES=8105 mvn -Plocal"
                    + " (LOCAL_PORT_S3, _SQS, _DYNAMODB, _SNS, _SES, _SFN, _SMTP, _APP).");
        }
    }

    // ---- accessors ----

    /** Service ({@code s3, sqs, dynamodb, sns, ses, sfn}) to endpoint URL; SMTP is {@link #smtpPort()}. */
    public Map<String, String> endpoints() {
        return Map.copyOf(endpoints);
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SnsClient sns() {
        return sns;
    }

    /** SES v1 (what Camel's aws2-ses uses). */
    public SesClient ses() {
        return ses;
    }

    public SesV2Client sesV2() {
        return sesV2;
    }

    public SfnClient sfn() {
        return sfn;
    }

    /** The port of the local SMTP receiver (SES receipt rule stand-in: mail sent there lands in the inbox bucket). */
    public int smtpPort() {
        return smtp.port();
    }

    public Ports ports() {
        return settings.ports();
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    /** The folder whose files are the objects of {@code bucket}. */
    public Path bucketDir(String bucket) {
        return settings.dataDir().resolve("s3").resolve(bucket);
    }

    public LocalResources resources() {
        return resources;
    }

    public long startupMillis() {
        return startupMillis;
    }

    /** The PID of a node emulator ({@code dynamodb, sns, ses, sfn}), e.g. to SIGSTOP it (fault tests). */
    public long emulatorPid(String name) {
        return emulator(name).pid();
    }

    /** Kills a node emulator at once (SIGKILL), as a crash would (fault tests). */
    public void killEmulator(String name) {
        emulator(name).kill();
    }

    /** Starts a killed emulator again on its port with its data (DynamoDB persists with persistentDynamoDb). */
    public void restartEmulator(String name) {
        java.util.concurrent.Callable<NodeEmulator> restarter = restarters.get(name);
        if (restarter == null) {
            throw new IllegalArgumentException("No restart for the " + name + " emulator");
        }
        try {
            NodeEmulator again = restarter.call();
            again.awaitReady(Duration.ofSeconds(30));
            emulators.replaceAll(e -> e.name().equals(name) ? again : e);
            started.add(again);
        } catch (Exception e) {
            throw new IllegalStateException("The " + name + " emulator did not start again: " + e.getMessage(), e);
        }
    }

    private NodeEmulator emulator(String name) {
        synchronized (emulators) {
            return emulators.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No emulator " + name));
        }
    }

    /** PIDs of the node emulators (to check none outlives the JVM). */
    public List<Long> emulatorPids() {
        synchronized (emulators) {
            return emulators.stream().map(NodeEmulator::pid).toList();
        }
    }

    /** The URL of an SQS queue in ElasticMQ. */
    public String queueUrl(String name) {
        return queueUrls.computeIfAbsent(name, n -> sqs.getQueueUrl(b -> b.queueName(n)).queueUrl());
    }

    /** The overrides that point the application at this local AWS, for {@link PipelinesApplication#create}. */
    public Map<String, String> applicationProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.main.profile", "local");
        properties.put("aws.region", REGION);
        properties.put("aws.access-key-id", ACCESS_KEY);
        properties.put("aws.secret-access-key", SECRET_KEY);
        for (String service : List.of("s3", "sqs", "dynamodb", "sns", "ses", "sfn")) {
            properties.put("aws.endpoint." + service, endpoints.get(service));
        }
        properties.put("camel.server.port", Integer.toString(settings.ports().app()));
        properties.put("camel.management.port", Integer.toString(settings.ports().app()));
        return properties;
    }

    /** The SES emulator's mail viewer (a web page listing sent mail). */
    public String sesViewerUrl() {
        return endpoints.get("ses") + "/";
    }

    /** Mail sent through the SES emulator: the {@code emails} array of its {@code GET /store}. */
    public JsonNode sesSentEmails() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoints.get("ses") + "/store")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("emails");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SES emulator's store", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the whole application in this JVM against this local AWS ({@link #applicationProperties()} plus
     * {@code extraOverrides}) and waits until its CamelContext is started. Its HTTP port is a fresh free port unless
     * {@code camel.server.port} is given ({@link RunningApplication#url()}). Close the handle to stop it.
     */
    public RunningApplication startApplication(Map<String, String> extraOverrides) {
        Map<String, String> overrides = new LinkedHashMap<>(applicationProperties());
        String port = extraOverrides.getOrDefault("camel.server.port", Integer.toString(freePort()));
        overrides.put("camel.server.port", port);
        overrides.put("camel.management.port", port); // health and metrics on the same port, as in production
        overrides.putAll(extraOverrides);
        Main main = PipelinesApplication.create(overrides, false);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("The application did not start: " + e.getMessage(), e);
        }
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> main.getCamelContext() != null && main.getCamelContext().isStarted());
        } catch (ConditionTimeoutException e) {
            main.stop();
            throw new IllegalStateException("The application's CamelContext did not start within 30 s");
        }
        RunningApplication app = new RunningApplication(main, "http://localhost:" + overrides.get("camel.server.port"));
        closeFirst(app); // a test that forgets to close it still stops it before the emulators
        return app;
    }

    /** A running application: its Camel context and base URL; close to stop it. */
    public record RunningApplication(Main main, String url) implements AutoCloseable {
        public CamelContext camelContext() {
            return main.getCamelContext();
        }

        @Override
        public void close() {
            main.stop();
        }
    }

    /** Stops everything started, in reverse order; node emulators end at once. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.debug("Stopping {}: {}", started.get(i), e.getMessage());
            }
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already shutting down
            }
        }
    }

    private int port(String service) {
        Ports p = settings.ports();
        return switch (service) {
            case "s3" -> p.s3();
            case "sqs" -> p.sqs();
            case "dynamodb" -> p.dynamodb();
            case "sns" -> p.sns();
            case "ses" -> p.ses();
            case "sfn" -> p.sfn();
            default -> throw new IllegalArgumentException(service);
        };
    }

    private static long timed(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return ms(System.nanoTime() - start);
    }

    private static long join(CompletableFuture<Long> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
