package local;

import org.awaitility.core.ConditionTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One npm emulator run as a child {@code node} process, bound to 127.0.0.1 by the {@code loopback.js} preload and
 * tied to this JVM by the {@code supervise.js} preload: it exits when its standard input (a pipe this JVM holds)
 * closes, so it cannot outlive the JVM even after kill -9. Its output goes to {@code <dataDir>/logs/<name>.log}.
 */
final class NodeEmulator implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final String probePath;
    private final Path log;
    private final Process process;

    private NodeEmulator(String name, int port, String probePath, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.probePath = probePath;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code node -r loopback.js -r supervise.js <script> <args>} in {@code localAwsDir}.
     *
     * @param probePath an HTTP path that answers (any status) once the emulator is up
     */
    static NodeEmulator start(String name, Path localAwsDir, Path logDir, int port, String probePath,
                              Map<String, String> env, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", "-r", "./loopback.js", "-r", "./supervise.js", script));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(localAwsDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        try {
            return new NodeEmulator(name, port, probePath, log, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the " + name + " emulator: is Node.js (node) on the PATH? "
                    + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the emulator answers HTTP; fails with its log tail if it dies or does not answer in time. */
    void awaitReady(Duration timeout) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + probePath)).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The " + name + " emulator exited (code " + process.exitValue()
                            + ") before answering on port " + port + ". Last lines of " + log + ":\n" + logTail());
                }
                try {
                    HTTP.send(probe, HttpResponse.BodyHandlers.discarding());
                    return true;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The " + name + " emulator did not answer on " + url() + " within "
                    + timeout.toSeconds() + " s (port in use?). Last lines of " + log + ":\n" + logTail());
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL, as a crash (fault tests). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes its stdin (it exits by itself), then terminates it if it lingers. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        process.destroy();
        try {
            if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
