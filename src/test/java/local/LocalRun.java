package local;

import org.awaitility.core.ConditionTimeoutException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import routes.PipelinesApplication;

import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * {@code mvn -Plocal}: the embedded local AWS on its documented ports with its data under {@code ./data}, then the
 * whole application (profile {@code local}) against it. Prints one block with every URL and folder once ready;
 * Ctrl-C stops the application and every emulator.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        routes.LogFormat.applyFromEnvironment(); // LOG_FORMAT=json works for the local run too
        long begin = System.nanoTime();
        Path data = Path.of(System.getProperty("local.data.dir", "data"));
        LocalAws aws;
        try {
            aws = LocalAws.start(new LocalAws.Settings(data, LocalAws.Ports.fixed(), true, List.of()));
        } catch (RuntimeException e) {
            System.err.println("\nThe local AWS did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Map<String, String> overrides = aws.applicationProperties();
        Main main = PipelinesApplication.create(overrides, true);
        aws.closeFirst(main::stop); // on Ctrl-C the app drains before the emulators go away
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport support) {
                boolean healthy = awaitHealthy(support.getCamelContext());
                System.out.println(readyBlock(aws, data, (System.nanoTime() - begin) / 1_000_000));
                if (!healthy) {
                    System.out.println("(health is not UP yet after 20 s: see the Health URL for the check that is DOWN)");
                }
                System.out.flush();
            }
        });
        int exitCode;
        try {
            main.run();
            exitCode = main.getExitCode();
        } finally {
            aws.close();
        }
        System.exit(exitCode);
    }

    /** Waits (at most 20 s) until every health check is UP: the consumers report UP once they have polled. */
    private static boolean awaitHealthy(org.apache.camel.CamelContext context) {
        try {
            await("every health check UP").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> org.apache.camel.health.HealthCheckHelper.invoke(context).stream()
                            .allMatch(result -> result.getState() == org.apache.camel.health.HealthCheck.State.UP));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    static String readyBlock(LocalAws aws, Path data, long readyMillis) {
        String app = "http://localhost:" + aws.ports().app();
        Map<String, String> endpoints = aws.endpoints();
        StringBuilder out = new StringBuilder("\n");
        String rule = "=".repeat(100);
        out.append(rule).append('\n');
        out.append(String.format("camel-pipelines is running on the local AWS (ready in %.1f s; local AWS %.1f s; JVM RSS %s)%n",
                readyMillis / 1000.0, aws.startupMillis() / 1000.0, rss()));
        line(out, "App", app + "/");
        line(out, "Health", app + "/observe/health");
        line(out, "Metrics", app + "/observe/metrics");
        line(out, "Dead letters", "curl -H 'Authorization: Bearer local' " + app + "/admin/dead-letters/<pipeline>");
        out.append("Local AWS on 127.0.0.1 (region ").append(LocalAws.REGION).append(", access key test, secret test):\n");
        line(out, "  S3", endpoints.get("s3") + "   S3Proxy; aws --endpoint-url " + endpoints.get("s3") + " s3 ls");
        line(out, "  SQS", endpoints.get("sqs") + "   ElasticMQ");
        line(out, "  DynamoDB", endpoints.get("dynamodb") + "   dynalite (data in " + display(data.resolve("dynamodb")) + ")");
        line(out, "  SNS", endpoints.get("sns") + "   fauxqs (subscribed queues are delivered to SQS)");
        line(out, "  SES", endpoints.get("ses") + "   aws-ses-v2-local");
        line(out, "  Step Functions", endpoints.get("sfn") + "   stepfunctions-local");
        line(out, "  SMTP", "127.0.0.1:" + aws.smtpPort() + "   SES receipt rule stand-in: mail sent here is stored in the inbox bucket");
        line(out, "SES mail viewer", aws.sesViewerUrl());
        out.append("Buckets: a file copied into a folder is an object (and announced to the bucket's queue):\n");
        if (aws.resources().buckets().isEmpty()) {
            out.append("  (none declared in local-aws/resources.yaml yet)\n");
        }
        for (LocalResources.Bucket bucket : aws.resources().buckets()) {
            out.append("  ").append(display(data.resolve("s3").resolve(bucket.name()))).append('/')
                    .append(bucket.notifyQueue() != null ? "   -> S3 events to queue " + bucket.notifyQueue() : "").append('\n');
        }
        if (!aws.resources().tryIt().isEmpty()) {
            out.append("Try it:\n");
            aws.resources().tryIt().forEach(t -> line(out, "  " + t.pipeline(), t.text()));
        }
        out.append("Emulator logs: ").append(display(data.resolve("logs"))).append("/   Ctrl-C stops everything.\n");
        out.append(rule).append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-16s %s%n", label, value));
    }

    private static String display(Path path) {
        return path.isAbsolute() ? path.toString() : "./" + path.toString().replace('\\', '/');
    }

    /** This JVM's resident memory (Linux), for the ready block. */
    private static String rss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return (Long.parseLong(line.replaceAll("\\D", "")) / 1024) + " MB";
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024) + " MB";
    }
}
