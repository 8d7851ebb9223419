package faults;

import org.awaitility.core.ConditionTimeoutException;
import local.LocalAws;
import routes.email.Fixtures;
import routes.uploads.UploadFixtures;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The fault suite (bench/faults.sh; README "Faults and recovery", docs/faults.md). The local AWS runs in THIS JVM
 * (S3Proxy, ElasticMQ; dynalite as a child process with its data on disk), the application as two separate
 * {@code java -jar} processes, so killing the application never takes the emulators with it. For each scenario one
 * burst per SQS pipeline (uploads, email, snapshot) is sent, a fault is injected, and the side effects are counted
 * where they land: the GitHub and webhook stubs, the SES emulator's mailbox, the data bucket, the export-state FIFO
 * queue and the monitoring topic's queue. Nothing is ever replayed by the suite: every message must get through
 * on its own, so "operator actions" counts what a person would have had to do (dead letters plus lost messages).
 */
public final class FaultSuite {
    private static final Random RANDOM = new Random(Long.getLong("faults.seed", 14L));
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(4);

    private final LocalAws aws;
    private final Stubs stubs;
    private final List<AppProcess> apps = new ArrayList<>();
    private final int uploads;
    private final int emails;
    private final int runs;
    private final int collections;
    private final int filesPerCollection;
    private final List<String> report = new ArrayList<>();
    /** Export-state and monitoring messages as they arrive, body -> count, and when the last one came. */
    private final Map<String, Integer> exportStates = new ConcurrentHashMap<>();
    private final Map<String, Integer> monitoring = new ConcurrentHashMap<>();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Map<String, Long> lastEffect = new ConcurrentHashMap<>();
    private final Set<String> successFilesSent = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private FaultSuite(LocalAws aws, Stubs stubs, int scale) {
        this.aws = aws;
        this.stubs = stubs;
        this.uploads = 4 * scale;
        this.emails = 4 * scale;
        this.runs = scale;
        this.collections = 3;
        this.filesPerCollection = 3;
    }

    public static void main(String[] args) throws Exception {
        int scale = Integer.getInteger("faults.scale", 2);
        Set<String> only = Set.of(System.getProperty("faults.only", "scale-out,sigkill,dynamodb-killed,dynamodb-hung,webhook-failing").split(","));
        Path data = Files.createTempDirectory("faults");
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        System.out.println("Fault suite: data and logs in " + data);
        try (LocalAws aws = LocalAws.start(new LocalAws.Settings(data, LocalAws.Ports.fixed(), true, List.of()));
             Stubs stubs = Stubs.start(2)) {
            FaultSuite suite = new FaultSuite(aws, stubs, scale);
            suite.startApps(logs);
            Thread collector = new Thread(suite::collectQueueEffects, "effects-collector");
            collector.setDaemon(true);
            collector.start();
            long begin = System.nanoTime();
            try {
                suite.header();
                if (only.contains("scale-out")) {
                    suite.scenario("scale-out: 2 processes, no fault", () -> { });
                }
                if (only.contains("sigkill")) {
                    suite.scenario("SIGKILL process A 3× mid-burst (once inside a webhook POST), restarted", suite::sigkills);
                }
                if (only.contains("dynamodb-killed")) {
                    suite.scenario("DynamoDB killed (SIGKILL) for 60 s", () -> suite.dynamoDbDown(false));
                }
                if (only.contains("dynamodb-hung")) {
                    suite.scenario("DynamoDB hung (SIGSTOP) for 60 s", () -> suite.dynamoDbDown(true));
                }
                if (only.contains("webhook-failing")) {
                    suite.scenario("webhook answering 500 for 2 min", suite::webhookFailing);
                }
            } finally {
                suite.running = false;
                suite.apps.forEach(AppProcess::close);
            }
            String table = String.join("\n", suite.report);
            System.out.println("\n" + table + "\n\nSuite time: " + Duration.ofNanos(System.nanoTime() - begin).toSeconds()
                    + " s; logs in " + logs);
            Path out = Path.of("target/faults/report.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table + "\n");
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- setup

    private void startApps(Path logs) throws IOException {
        Path jar = Path.of(System.getProperty("faults.jar", "target/camel-pipelines.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the jar first: mvn -o package -DskipTests");
        }
        for (int slot = 0; slot < 2; slot++) {
            // the jar ships only the production defaults: the local profile's file is a test resource, passed here
            Map<String, String> p = new LinkedHashMap<>(localProfile());
            p.putAll(aws.applicationProperties());
            p.remove("camel.server.port");
            p.remove("camel.management.port");
            p.put("pipelines.enabled", "uploads,email,snapshot");
            p.put("uploads.github.url", stubs.url(slot));
            p.put("uploads.github.repo", "org/repo");
            p.put("uploads.github.token", "fault-suite");
            p.put("uploads.webhook.url", stubs.url(slot) + "/webhook");
            p.put("uploads.webhook.api-key", "fault-suite");
            p.put("log.level.root", "INFO");
            AppProcess app = new AppProcess(slot == 0 ? "A" : "B", aws.ports().app() + slot, jar, logs, p).start();
            apps.add(app);
        }
        for (AppProcess app : apps) {
            app.awaitReady(Duration.ofMinutes(Long.getLong("faults.start-minutes", 8)));
        }
    }

    /** application-local.properties (test classpath), which {@code java -jar} does not have. */
    private static Map<String, String> localProfile() throws IOException {
        java.util.Properties local = new java.util.Properties();
        try (var in = FaultSuite.class.getClassLoader().getResourceAsStream("application-local.properties")) {
            if (in == null) {
                throw new IllegalStateException("application-local.properties is not on the test classpath");
            }
            local.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, String> out = new LinkedHashMap<>();
        local.stringPropertyNames().forEach(k -> out.put(k, local.getProperty(k)));
        return out;
    }

    // ---------------------------------------------------------------- faults

    /**
     * Three SIGKILLs of A during the burst: the first while A's webhook POST is in flight (inside a side effect: the
     * stub holds each POST 1.5 s), the other two at random points; A is started again after each.
     */
    private void sigkills() {
        AppProcess a = apps.get(0);
        stubs.webhookDelayMillis = 1500;
        try {
            for (int kill = 0; kill < 3; kill++) {
                if (kill == 0) {
                    // the uploads wait out their quiet period (uploads.quiet-period) before deciding
                    try {
                        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                                .until(() -> stubs.inFlight.get(0).get() > 0);
                    } catch (ConditionTimeoutException e) {
                        // killed anyway: the log line says none was in flight
                    }
                    log("kill " + (kill + 1) + ": A has " + stubs.inFlight.get(0).get() + " webhook POST(s) in flight");
                } else {
                    AppProcess.sleep(2000 + RANDOM.nextInt(8000));
                    log("kill " + (kill + 1) + " at a random point");
                }
                a.kill();
                AppProcess.sleep(3000);
                a.start();
                a.awaitReady(Duration.ofMinutes(Long.getLong("faults.start-minutes", 8)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            stubs.webhookDelayMillis = 0;
        }
    }

    private void dynamoDbDown(boolean hung) {
        AppProcess.sleep(3000);
        long pid = aws.emulatorPid("dynamodb");
        if (hung) {
            signal("STOP", pid);
        } else {
            aws.killEmulator("dynamodb");
        }
        AppProcess.sleep(60_000);
        if (hung) {
            signal("CONT", pid);
        } else {
            aws.restartEmulator("dynamodb");
        }
    }

    private void webhookFailing() {
        stubs.webhookFailing = true;
        AppProcess.sleep(120_000);
        stubs.webhookFailing = false;
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- one scenario

    private void header() {
        report.add("| fault | pipeline | sent | completed | lost | duplicated effects | repeats with the same key | dead-lettered | operator actions | recovered after the fault ended | work done by A / B | load (1-min avg, mean / max) |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    private void scenario(String name, Runnable fault) {
        String id = "f" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        log("=== " + name + " (" + id + ")");
        apps.forEach(AppProcess::resetCounts);
        Map<String, Integer> deadBefore = deadLetterDepths();
        int webhookBefore = stubs.webhookPosts.size();
        LoadSampler load = LoadSampler.start();
        long burstStart = System.currentTimeMillis();
        Burst burst = sendBurst(id);
        long faultStart = System.currentTimeMillis();
        fault.run();
        long faultEnd = System.currentTimeMillis();
        log("fault over after " + (faultEnd - faultStart) / 1000 + " s; waiting for the work to complete");

        try {
            await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> measure(burst, webhookBefore).complete());
        } catch (ConditionTimeoutException e) {
            // not recovered within the limit: the table says what is missing
        }
        AppProcess.sleep(5000); // late duplicates would show now
        Outcome outcome = measure(burst, webhookBefore);
        Map<String, Integer> deadAfter = deadLetterDepths();
        String loadFigure = load.stop();
        for (String pipeline : List.of("uploads", "email", "snapshot")) {
            Outcome.Row row = outcome.rows().get(pipeline);
            int dead = deadAfter.getOrDefault(pipeline, 0) - deadBefore.getOrDefault(pipeline, 0);
            long lastAt = lastEffect.getOrDefault(id + "/" + pipeline, faultEnd);
            String recovered = name.startsWith("scale-out") ? "- (burst done in " + Math.max(0, (lastAt - burstStart) / 1000) + " s)"
                    : lastAt <= faultEnd ? "0 s (done before the fault ended)" : (lastAt - faultEnd) / 1000 + " s";
            String share = (long) apps.get(0).count(pipeline, "succeeded") + " / " + (long) apps.get(1).count(pipeline, "succeeded");
            report.add("| " + name + " | " + pipeline + " | " + row.sent() + " | " + row.completed() + " | "
                    + (row.sent() - row.completed()) + " | " + row.duplicated() + " | " + row.keyedRepeats() + " | " + dead + " | "
                    + (dead + row.sent() - row.completed()) + " | " + recovered + " | " + share + " | " + loadFigure + " |");
            log(report.get(report.size() - 1));
        }
    }

    /** The machine's 1-minute load average every 5 s during a scenario (the build machine is shared). */
    private static final class LoadSampler {
        private final List<Double> samples = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "load-sampler");
                    t.setDaemon(true);
                    return t;
                });

        static LoadSampler start() {
            LoadSampler sampler = new LoadSampler();
            sampler.timer.scheduleAtFixedRate(() -> {
                try {
                    sampler.samples.add(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
                } catch (IOException | RuntimeException e) {
                    sampler.timer.shutdown(); // no /proc: no figure
                }
            }, 0, 5, java.util.concurrent.TimeUnit.SECONDS);
            return sampler;
        }

        String stop() {
            timer.shutdownNow();
            if (samples.isEmpty()) {
                return "-";
            }
            double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return String.format(java.util.Locale.ROOT, "%.1f / %.1f", mean, max);
        }
    }

    // ---------------------------------------------------------------- bursts

    record Burst(String id, List<String> validCouncils, List<String> invalidCouncils, List<String> emailFiles,
                 List<String> runIds) {
    }

    private Burst sendBurst(String id) {
        String temp = property("uploads.bucket.temp");
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        String stamp = Instant.now().toString().replace("Z", "").substring(0, 23) + "000";
        for (int i = 0; i < uploads; i++) {
            String council = "X" + id.toUpperCase() + String.format("%02d", i);
            boolean good = i % 4 != 3; // one in four fails its checks: an error email instead of an issue
            (good ? valid : invalid).add(council);
            byte[] csv = good ? UploadFixtures.idoxEros() : "too,small\n".getBytes();
            aws.s3().putObject(b -> b.bucket(temp).key(council + "/2026-05-07/" + stamp + "/data.csv").contentType("text/csv"),
                    RequestBody.fromBytes(csv));
        }
        String inbox = property("email.bucket.inbox");
        List<String> emailFiles = new ArrayList<>();
        for (int i = 0; i < emails; i++) {
            String file = id + "-" + i + ".csv";
            emailFiles.add(file);
            byte[] eml = Fixtures.emailWithAttachments("sheffield@datafeeds.localhost", file, "text/csv", Fixtures.sheffieldExport());
            String emlKey = id + "-" + i + ".eml";
            aws.s3().putObject(b -> b.bucket(inbox).key(emlKey), RequestBody.fromBytes(eml));
        }
        List<String> runIds = new ArrayList<>();
        String statusTable = property("snapshot.table.status");
        String statusQueue = aws.queueUrl(property("snapshot.queue.status"));
        for (int r = 0; r < runs; r++) {
            String run = id + "-run" + r;
            runIds.add(run);
            for (int c = 0; c < collections; c++) {
                Map<String, AttributeValue> item = new HashMap<>();
                item.put("CorrelationId", AttributeValue.fromS(run));
                item.put("CollectionName", AttributeValue.fromS("db.c" + c));
                item.put("CollectionStatus", AttributeValue.fromS("Exported"));
                item.put("FilesExported", AttributeValue.fromN(Integer.toString(filesPerCollection)));
                aws.dynamoDb().putItem(b -> b.tableName(statusTable).item(item));
            }
            for (int f = 0; f < filesPerCollection; f++) {
                for (int c = 0; c < collections; c++) {
                    String body = statusMessage(run, "db.c" + c, "db.c" + c + "/part-" + f + ".json", false);
                    aws.sqs().sendMessage(b -> b.queueUrl(statusQueue).messageBody(body));
                }
            }
        }
        log("burst " + id + ": " + uploads + " uploads, " + emails + " emails, " + runs + " snapshot run(s) of "
                + collections + " collections x " + filesPerCollection + " files");
        return new Burst(id, valid, invalid, emailFiles, runIds);
    }

    private static String statusMessage(String run, String collection, String file, boolean success) {
        return "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"" + collection
                + "\",\"snapshot_type\":\"fulls\",\"export_date\":\"2021-01-01\",\"file_name\":\"" + file + "\""
                + (success ? ",\"is_success_file\":\"true\"" : "") + "}";
    }

    /**
     * Plays snapshot-sender and the monitoring subscriber: counts every export-state and monitoring message, and
     * answers each new export-state message with the collection's success file, as snapshot-sender does.
     */
    private void collectQueueEffects() {
        String exportQueue = aws.queueUrl(property("snapshot.queue.export-state"));
        String tap = aws.queueUrl(property("snapshot.queue.monitoring-tap"));
        String statusQueue = aws.queueUrl(property("snapshot.queue.status"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        while (running) {
            try {
                for (Message m : receive(exportQueue)) {
                    exportStates.merge(m.body(), 1, Integer::sum);
                    arrivals.put(m.body(), System.currentTimeMillis());
                    var node = json.readTree(m.body());
                    String run = node.path("correlation_id").asText(node.path("CorrelationId").asText());
                    String collection = findCollection(node);
                    if (collection != null && successFilesSent.add(run + "/" + collection)) {
                        String body = statusMessage(run, collection, collection + "/_success", true);
                        aws.sqs().sendMessage(b -> b.queueUrl(statusQueue).messageBody(body));
                    }
                }
                for (Message m : receive(tap)) {
                    monitoring.merge(m.body(), 1, Integer::sum);
                    arrivals.put(m.body(), System.currentTimeMillis());
                }
            } catch (Exception e) {
                AppProcess.sleep(500);
            }
        }
    }

    /** The collection an export-state message names (its field names as ExportStateMessage writes them). */
    private static String findCollection(com.fasterxml.jackson.databind.JsonNode node) {
        for (String field : List.of("topic_name", "collection_name")) {
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        }
        return null;
    }

    private List<Message> receive(String url) {
        List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        messages.forEach(m -> aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return messages;
    }

    // ---------------------------------------------------------------- measuring

    record Outcome(Map<String, Row> rows) {
        /**
         * {@code duplicated}: an effect a receiver would apply twice; {@code keyedRepeats}: an effect sent again with
         * the same idempotency key (the webhook's Idempotency-Key, the email's marker header), which a receiver that
         * keeps the keys it saw drops.
         */
        record Row(int sent, int completed, int duplicated, int keyedRepeats) {
        }

        boolean complete() {
            return rows.values().stream().allMatch(r -> r.completed() >= r.sent());
        }
    }

    private Outcome measure(Burst burst, int webhookBefore) {
        Map<String, Outcome.Row> rows = new LinkedHashMap<>();
        // uploads: one webhook report per upload, plus an issue (valid) or an error email (invalid)
        List<Stubs.Post> posts = stubs.webhookPosts.subList(webhookBefore, stubs.webhookPosts.size()).stream()
                .filter(p -> p.status() == 200).toList();
        Map<String, Long> okPerCouncil = posts.stream().collect(Collectors.groupingBy(Stubs.Post::folder, Collectors.counting()));
        Map<String, Long> keysPerCouncil = posts.stream().collect(Collectors.groupingBy(Stubs.Post::folder,
                Collectors.mapping(Stubs.Post::idempotencyKey, Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        int completed = 0;
        int duplicated = 0;
        int keyedRepeats = 0;
        var sesMails = aws.sesSentEmails();
        for (String council : concat(burst.validCouncils(), burst.invalidCouncils())) {
            boolean reported = okPerCouncil.containsKey(council);
            long issues = stubs.issues.stream().filter(i -> i.path("title").asText().contains(council + "-")).count();
            List<String> mailKeys = sesMailKeys(sesMails, council);
            long mails = mailKeys.size();
            boolean valid = burst.validCouncils().contains(council);
            boolean done = reported && (valid ? issues >= 1 : mails >= 1);
            if (done) {
                completed++;
                long last = posts.stream().filter(p -> p.folder().equals(council)).mapToLong(Stubs.Post::atMillis).max().orElse(0);
                lastEffect.merge(burst.id() + "/uploads", last, Math::max);
            }
            // an effect applied twice: a second issue, a second email, or a webhook report with a NEW key
            long distinctMailKeys = mailKeys.stream().distinct().count();
            duplicated += (int) Math.max(0, issues - 1) + (int) Math.max(0, distinctMailKeys - 1)
                    + (int) Math.max(0, keysPerCouncil.getOrDefault(council, 0L) - 1);
            keyedRepeats += (int) (mails - distinctMailKeys)
                    + (int) (okPerCouncil.getOrDefault(council, 0L) - keysPerCouncil.getOrDefault(council, 0L));
            duplicated += (int) stubs.comments.stream().filter(c -> c.contains(council)).count();
        }
        rows.put("uploads", new Outcome.Row(burst.validCouncils().size() + burst.invalidCouncils().size(), completed, duplicated, keyedRepeats));
        // email: one data object per email (its attachment), under the area's prefix
        String dataBucket = property("email.bucket.data");
        List<S3Object> objects = aws.s3().listObjectsV2Paginator(b -> b.bucket(dataBucket).prefix("sheffield/")).contents().stream().toList();
        completed = 0;
        duplicated = 0;
        for (String file : burst.emailFiles()) {
            String stem = file.substring(0, file.length() - 4);
            List<S3Object> mine = objects.stream().filter(o -> {
                String name = o.key().substring(o.key().lastIndexOf('/') + 1);
                return name.equals(file) || name.startsWith(stem + "-") || name.startsWith(stem + "_") || name.startsWith(stem + ".");
            }).toList();
            if (!mine.isEmpty()) {
                completed++;
                lastEffect.merge(burst.id() + "/email", mine.stream().mapToLong(o -> o.lastModified().toEpochMilli()).max().orElse(0), Math::max);
            }
            duplicated += Math.max(0, mine.size() - 1);
        }
        rows.put("email", new Outcome.Row(burst.emailFiles().size(), completed, duplicated, 0));
        // snapshot: one export-state message per collection and one monitoring message per run
        completed = 0;
        duplicated = 0;
        for (String run : burst.runIds()) {
            for (int c = 0; c < collections; c++) {
                String collection = "db.c" + c;
                List<Map.Entry<String, Integer>> matching = exportStates.entrySet().stream()
                        .filter(e -> e.getKey().contains(run + "\"") && e.getKey().contains(collection)).toList();
                int seen = matching.stream().mapToInt(Map.Entry::getValue).sum();
                matching.forEach(e -> lastEffect.merge(burst.id() + "/snapshot", arrivals.getOrDefault(e.getKey(), 0L), Math::max));
                completed += seen > 0 ? 1 : 0;
                duplicated += Math.max(0, seen - 1);
            }
            List<Map.Entry<String, Integer>> runMessages = monitoring.entrySet().stream().filter(e -> e.getKey().contains(run)).toList();
            int published = runMessages.stream().mapToInt(Map.Entry::getValue).sum();
            runMessages.forEach(e -> lastEffect.merge(burst.id() + "/snapshot", arrivals.getOrDefault(e.getKey(), 0L), Math::max));
            completed += published > 0 ? 1 : 0;
            duplicated += Math.max(0, published - 1);
        }
        rows.put("snapshot", new Outcome.Row(burst.runIds().size() * (collections + 1), completed, duplicated, 0));
        return new Outcome(rows);
    }

    /** The error emails SES accepted for {@code council}: each one's marker header (or "" without one). */
    private static List<String> sesMailKeys(com.fasterxml.jackson.databind.JsonNode sesMails, String council) {
        List<String> keys = new ArrayList<>();
        for (var mail : sesMails) {
            if (mail.path("subject").asText().contains("council " + council + "-")) {
                String key = "";
                for (var header : mail.path("headers")) {
                    if (header.path("name").asText().equalsIgnoreCase(routes.uploads.ErrorEmail.IDEMPOTENCY_HEADER)) {
                        key = header.path("value").asText();
                    }
                }
                keys.add(key);
            }
        }
        return keys;
    }

    private Map<String, Integer> deadLetterDepths() {
        Map<String, Integer> depths = new HashMap<>();
        for (String pipeline : List.of("uploads", "email", "snapshot")) {
            String queue = property(pipeline + ".queue.dead-letter");
            String url;
            try {
                url = aws.queueUrl(queue);
            } catch (software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException e) {
                throw new IllegalStateException("The dead-letter queue of " + pipeline + " (" + queue + ") does not exist", e);
            }
            var attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            depths.put(pipeline, Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                    + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible")));
        }
        return depths;
    }

    /**
     * A property as the application resolves it: values may hold placeholders ({@code es-{{stage}}-data-inbox-dead-letters}),
     * which the raw lookup leaves unresolved (the first run asked SQS for a queue named with the braces in it).
     */
    private String property(String key) {
        return local.LocalResources.resolve("{{" + key + "}}", aws.properties(), "the fault suite");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void log(String line) {
        System.out.println(Instant.now().toString().substring(11, 19) + " " + line);
        System.out.flush();
    }
}
