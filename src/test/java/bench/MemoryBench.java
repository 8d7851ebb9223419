package bench;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import local.LocalAws;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the 150 MB upload and the 40 MB email within the heap we configure (issue 9 item 14, issue 13 sizing).
 * <ul>
 *   <li>{@code jar}: the production jar as the container runs it, one pipeline per process: the Dockerfile's JVM flags,
 *       {@code -XX:MaxRAM} = the memory limit of the pipeline's Deployment (k8s/base/&lt;pipeline&gt;.yaml), the
 *       properties location of the pods (a ConfigMap file over the jar's defaults); peak heap from the GC log (heap
 *       in use before each collection), peak RSS from /proc (VmHWM).</li>
 *   <li>{@code local}: the local run (mvn -Plocal): the local AWS and both pipelines in this JVM, started with the
 *       local run's heap (bench/memory.sh passes the pom's {@code local.jvm.heap}); peak heap from the memory pools.</li>
 * </ul>
 * Reference (the physical floor of the same run): the file sizes themselves. Run: {@code bench/memory.sh [jar|local]}.
 */
public final class MemoryBench {
    private static final long UPLOAD_BYTES = 149_900_000L;
    private static final long EMAIL_ZIP_BYTES = 29L * 1024 * 1024; // base64 makes a ~40 MB email of it
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "jar";
        Path dir = Files.createTempDirectory("memory-bench-");
        Path work = Path.of("target/bench-memory");
        Files.createDirectories(work);
        Path upload = work.resolve("xpress-150MB.csv");
        if (!Files.exists(upload) || Files.size(upload) < UPLOAD_BYTES - 1_000_000) {
            UploadInspectionBench.generate(upload, UPLOAD_BYTES);
        }
        Path email = work.resolve("email-40MB.eml");
        EmailUnzipBench.prepare(work.resolve("export-29MB.zip"), email, EMAIL_ZIP_BYTES);
        System.out.printf(Locale.ROOT, "workload: upload %.0f MB, email %.0f MB (a %.0f MB zip attachment)%n",
                Files.size(upload) / 1e6, Files.size(email) / 1e6, Files.size(work.resolve("export-29MB.zip")) / 1e6);
        try (LocalAws aws = LocalAws.start(new LocalAws.Settings(dir.resolve("aws"), LocalAws.Ports.random(), false, List.of()))) {
            System.out.printf(Locale.ROOT, "%-8s %-7s %10s %10s %14s %13s %13s%n", "pipeline", "mode", "limit", "max heap",
                    "peak heap used", "RSS at ready", "peak RSS");
            if (mode.equals("local")) {
                local(aws, upload, email);
            } else {
                Path jar = Path.of(System.getProperty("bench.jar", "target/camel-pipelines.jar"));
                List<String> pipelines = args.length > 1 ? List.of(args[1].split(",")) : List.of("uploads", "email");
                if (pipelines.contains("uploads")) {
                    jar(aws, jar, "uploads", dir, () -> runUpload(aws, upload, "1"));
                }
                if (pipelines.contains("email")) {
                    jar(aws, jar, "email", dir, () -> runEmail(aws, email, "1"));
                }
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void local(LocalAws aws, Path upload, Path email) throws Exception {
        try (LocalAws.RunningApplication app = aws.startApplication(Map.of("pipelines.enabled", "uploads,email"))) {
            long ready = rss(ProcessHandle.current().pid());
            long max = Runtime.getRuntime().maxMemory();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            runUpload(aws, upload, "local");
            runEmail(aws, email, "local");
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "%-8s %-7s %10s %8d MB %11d MB %10d MB %10d MB%n", "both", "local", "-",
                    max >> 20, peak >> 20, ready >> 20, peakRss(ProcessHandle.current().pid()) >> 20);
            System.out.println("(local: the local AWS's S3 and SQS servers share this heap; JVM " + ManagementFactory.getRuntimeMXBean().getInputArguments()
                    .stream().filter(a -> a.startsWith("-Xm") || a.contains("RAM")).toList() + ")");
        }
    }

    private static void jar(LocalAws aws, Path jar, String pipeline, Path dir, Workload workload) throws Exception {
        String limit = memoryLimit(pipeline);
        List<String> flags = dockerfileJvmFlags();
        Path gcLog = dir.resolve(pipeline + "-gc.log");
        Path out = dir.resolve(pipeline + ".log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=" + kubernetesToJvm(limit)));
        command.addAll(flags);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(List.of("-jar", jar.toString()));
        // the pod's properties location, with the base ConfigMap's file in place of the mount
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("application.properties"), Files.readString(Path.of("k8s/base/application.properties"))
                + "\ncamel.main.name=camel-pipelines-from-configmap\n");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = builder.environment();
        env.put("CAMEL_MAIN_PROFILE", "local");
        env.put("PIPELINES_ENABLED", pipeline);
        env.put("CAMEL_SERVER_PORT", Integer.toString(port));
        // the location list replaces Camel Main's own, so the local profile's file is listed here (first match wins)
        env.put("CAMEL_MAIN_PROPERTY_PLACEHOLDER_LOCATION", "file:" + config.resolve("application.properties")
                + ";optional=true,classpath:application-local.properties,classpath:application.properties");
        env.put("AWS_REGION", LocalAws.REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY);
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
        aws.endpoints().forEach((service, url) -> env.put("AWS_ENDPOINT_" + service.toUpperCase(Locale.ROOT), url));
        Process app = builder.start();
        try {
            try {
                await(Duration.ofMinutes(5), () -> ready(port) || !app.isAlive(), "readiness of " + pipeline);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; readiness: " + health(port) + "; log: " + tail(out), e);
            }
            if (!app.isAlive()) {
                throw new IllegalStateException(pipeline + " exited: " + tail(out));
            }
            if (!Files.readString(out).contains("camel-pipelines-from-configmap")) {
                throw new IllegalStateException("the ConfigMap's properties file was not read: " + out);
            }
            long ready = rss(app.pid());
            AtomicLong peakRss = new AtomicLong(ready);
            workload.run();
            peakRss.set(peakRss(app.pid()));
            app.destroy(); // SIGTERM, as Kubernetes does
            app.waitFor();
            String stopped = Files.readAllLines(out).stream().filter(l -> l.contains(") shutdown in ")).findFirst()
                    .map(l -> "Camel " + l.substring(l.indexOf("shutdown in"))).orElse("no graceful Camel shutdown in the log");
            long peakHeap = 0;
            long capacity = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    peakHeap = Math.max(peakHeap, Long.parseLong(m.group(1)));
                    capacity = Math.max(capacity, Long.parseLong(m.group(3)));
                }
            }
            System.out.printf(Locale.ROOT, "%-8s %-7s %10s %8d MB %11d MB %10d MB %10d MB   (SIGTERM: %s, exit %d; heap committed at most %d MB)%n",
                    pipeline, "jar", limit, maxHeapMb(command), peakHeap, ready >> 20, peakRss.get() >> 20, stopped, app.exitValue(), capacity);
        } finally {
            app.destroyForcibly();
        }
    }

    @FunctionalInterface
    interface Workload {
        void run() throws Exception;
    }

    private static void runUpload(LocalAws aws, Path upload, String run) {
        String temp = property(aws, "uploads.bucket.temp");
        String fin = property(aws, "uploads.bucket.final");
        String folder = "X01000000/2026-05-07/2026-04-01T10:00:00.0000" + run.length() + Math.abs(run.hashCode() % 10);
        aws.s3().putObject(b -> b.bucket(temp).key(folder + "/data.csv").contentType("text/csv"), RequestBody.fromFile(upload));
        await(Duration.ofMinutes(5), () -> exists(aws, fin, folder + "/report.json"), "report.json of the 150 MB upload");
    }

    private static void runEmail(LocalAws aws, Path email, String run) {
        String inbox = property(aws, "email.bucket.inbox");
        String data = property(aws, "email.bucket.data");
        int before = aws.s3().listObjectsV2(b -> b.bucket(data).prefix("sheffield/")).keyCount();
        aws.s3().putObject(b -> b.bucket(inbox).key("bench/" + run + "-" + System.nanoTime()), RequestBody.fromFile(email));
        await(Duration.ofMinutes(5), () -> aws.s3().listObjectsV2(b -> b.bucket(data).prefix("sheffield/")).keyCount() > before,
                "the 40 MB email's CSV in the data bucket");
    }

    /** A local property with its {{placeholders}} resolved (email's names are es-{{stage}}-...). */
    private static String property(LocalAws aws, String key) {
        String value = aws.properties().apply(key);
        Matcher m = Pattern.compile("\\{\\{([^}:]+)}}").matcher(value);
        while (m.find()) {
            value = value.replace(m.group(), property(aws, m.group(1)));
            m = Pattern.compile("\\{\\{([^}:]+)}}").matcher(value);
        }
        return value;
    }

    private static boolean exists(LocalAws aws, String bucket, String key) {
        try {
            aws.s3().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static boolean ready(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String health(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("No " + what + " after " + timeout);
        }
    }

    /** The memory limit of the pipeline's Deployment in k8s/base. */
    static String memoryLimit(String pipeline) throws IOException {
        for (JsonNode doc : new YAMLMapper().readerFor(JsonNode.class).readValues(Path.of("k8s/base", pipeline + ".yaml").toFile()).readAll()
                .stream().map(JsonNode.class::cast).toList()) {
            if (doc.path("kind").asText().equals("Deployment")) {
                return doc.at("/spec/template/spec/containers/0/resources/limits/memory").asText();
            }
        }
        throw new IllegalStateException("No Deployment in k8s/base/" + pipeline + ".yaml");
    }

    /** The JVM flags of the Dockerfile's ENTRYPOINT (between java and -jar). */
    static List<String> dockerfileJvmFlags() throws IOException {
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            if (line.startsWith("ENTRYPOINT ")) {
                List<String> entry = new ArrayList<>();
                new ObjectMapper().readTree(line.substring("ENTRYPOINT ".length())).forEach(n -> entry.add(n.asText()));
                return entry.subList(1, entry.indexOf("-jar"));
            }
        }
        throw new IllegalStateException("No ENTRYPOINT in the Dockerfile");
    }

    private static String kubernetesToJvm(String quantity) {
        Map<String, String> units = new LinkedHashMap<>(Map.of("Gi", "g", "Mi", "m", "Ki", "k"));
        for (Map.Entry<String, String> unit : units.entrySet()) {
            if (quantity.endsWith(unit.getKey())) {
                return quantity.substring(0, quantity.length() - 2) + unit.getValue();
            }
        }
        throw new IllegalArgumentException("memory limit " + quantity + " is not in Ki/Mi/Gi");
    }

    private static long maxHeapMb(List<String> appCommand) throws Exception {
        List<String> command = new ArrayList<>(appCommand.subList(0, appCommand.indexOf("-jar")));
        command.removeIf(a -> a.startsWith("-Xlog"));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes());
        java.waitFor();
        Matcher m = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) >> 20 : -1;
    }

    private static long rss(long pid) {
        return status(pid, "VmRSS:");
    }

    private static long peakRss(long pid) {
        return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
