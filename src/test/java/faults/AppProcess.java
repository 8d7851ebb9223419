package faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One application process as production runs it: {@code java -jar target/camel-pipelines.jar}, configured by system
 * properties, its log in a file. Killed with SIGKILL (no shutdown hook, no draining), started again on the same
 * port. Its message counters are read from {@code /observe/metrics} (and kept across its kills).
 */
final class AppProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern COUNTER = Pattern.compile(
            "^pipeline_messages_total\\{([^}]*)\\}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);

    final String name;
    final int port;
    private final Path jar;
    private final Path logs;
    private final Map<String, String> properties;
    private final Map<String, Double> countedBeforeKills = new HashMap<>();
    private Process process;
    private int starts;

    AppProcess(String name, int port, Path jar, Path logs, Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.logs = logs;
        this.properties = properties;
    }

    synchronized AppProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx384m", "-XX:+UseSerialGC",
                "-Daws.requestChecksumCalculation=when_required"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dcamel.server.port=" + port);
        command.add("-Dcamel.management.port=" + port);
        command.addAll(List.of("-jar", jar.toString()));
        Path log = logs.resolve(name + "-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    /** Waits until readiness is UP (all AWS services answer, every consumer polled). */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": see " + logs);
            }
            if (status("/observe/health/ready") == 200) {
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ": see " + logs);
    }

    /** SIGKILL: no shutdown hook runs, in-flight work is lost mid-way, claims stay in the ledger. */
    synchronized void kill() {
        Map<String, Double> now = counters();
        now.forEach((k, v) -> countedBeforeKills.merge(k, v, Double::sum));
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Messages this process (all its lives) counted for {@code pipeline} with {@code outcome}. */
    synchronized double count(String pipeline, String outcome) {
        String key = pipeline + "/" + outcome;
        return countedBeforeKills.getOrDefault(key, 0.0) + (alive() ? counters().getOrDefault(key, 0.0) : 0.0);
    }

    synchronized void resetCounts() {
        countedBeforeKills.clear();
        counters().forEach((k, v) -> countedBeforeKills.merge(k, -v, Double::sum));
    }

    private Map<String, Double> counters() {
        Map<String, Double> out = new HashMap<>();
        String text = get("/observe/metrics");
        if (text == null) {
            return out;
        }
        Matcher m = COUNTER.matcher(text);
        while (m.find()) {
            String labels = m.group(1);
            String pipeline = label(labels, "pipeline");
            String outcome = label(labels, "outcome");
            if (pipeline != null && outcome != null) {
                out.merge(pipeline + "/" + outcome, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return out;
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : null;
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
