package routes.snapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Optional: what the original did with its Prometheus push gateway, for dashboards that still read it. After each
 * message the run's counters are added to the group {@code job=snapshot_sender_status_checker},
 * {@code component=snapshot_sender_status_checker}, {@code correlation_id=<id>} (POST, like {@code pushadd}); a
 * completed run's group is deleted after {@code retention}, and its meters leave the local registry then too.
 * Without an address nothing is pushed; the counters are always on the app's own Prometheus endpoint. Push errors
 * are logged, never fail a message.
 */
public class PushGateway implements AutoCloseable {
    public static final String JOB = "snapshot_sender_status_checker";
    private static final Logger LOG = LoggerFactory.getLogger(PushGateway.class);

    private String address = "";
    private SnapshotMetrics metrics;
    private Duration retention = Duration.ofMinutes(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "snapshot-metrics-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code address}: {@code host:port} or a URL; empty = no push gateway. */
    public PushGateway() {
    }

    public PushGateway(String address, SnapshotMetrics metrics, String retention) {
        setAddress(address);
        setMetrics(metrics);
        setCompletedRunRetention(retention);
    }

    /** host:port or URL of a Prometheus push gateway; empty = none. */
    public void setAddress(String address) {
        this.address = address == null ? "" : address.trim();
    }

    public void setMetrics(SnapshotMetrics metrics) {
        this.metrics = metrics;
    }

    /** ISO-8601: how long a completed run's metrics stay. */
    public void setCompletedRunRetention(String retention) {
        this.retention = Duration.parse(retention);
    }

    public boolean enabled() {
        return !address.isEmpty();
    }

    /** The grouping key of a run, as the original built it. */
    public static Map<String, String> groupingKey(String correlationId) {
        Map<String, String> key = new java.util.LinkedHashMap<>();
        key.put("component", JOB);
        key.put("correlation_id", correlationId);
        return key;
    }

    /** The group's URL: {@code <gateway>/metrics/job/<job>/component/<..>/correlation_id/<id>}. */
    public String groupUrl(String correlationId) {
        String base = address.startsWith("http") ? address : "http://" + address;
        StringBuilder url = new StringBuilder(base.replaceAll("/+$", "")).append("/metrics/job/").append(encode(JOB));
        groupingKey(correlationId).forEach((k, v) -> url.append('/').append(k).append('/').append(encode(v)));
        return url.toString();
    }

    /** Adds the run's current counters to its group (pushadd). */
    public void push(StatusMessage message) {
        if (!enabled()) {
            return;
        }
        send(HttpRequest.newBuilder(URI.create(groupUrl(message.correlationId())))
                .header("Content-Type", "text/plain; version=0.0.4")
                .POST(HttpRequest.BodyPublishers.ofString(exposition(message.correlationId()))), "push");
    }

    /**
     * Pushes the run's counters once this message's exchange is done, whether it succeeded or failed (the original
     * pushed in a {@code finally}, so a failing message still reports what was counted before it failed).
     */
    public void pushWhenDone(StatusMessage message, org.apache.camel.Exchange exchange) {
        if (!enabled()) {
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(org.apache.camel.Exchange done) {
                push(message);
            }
        });
    }

    /** After {@code retention}: deletes the run's group from the gateway and its meters from the registry. */
    public void runCompleted(StatusMessage message) {
        String correlationId = message.correlationId();
        scheduler.schedule(() -> {
            if (enabled()) {
                send(HttpRequest.newBuilder(URI.create(groupUrl(correlationId))).DELETE(), "delete");
            }
            metrics.forget(correlationId);
        }, retention.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The run's counters in the Prometheus text format. */
    String exposition(String correlationId) {
        Map<String, StringBuilder> byName = new TreeMap<>();
        for (Meter meter : metrics.meters(correlationId)) {
            if (!(meter instanceof Counter counter)) {
                continue;
            }
            String name = meter.getId().getName() + "_total";
            StringBuilder lines = byName.computeIfAbsent(name, n -> new StringBuilder("# TYPE " + n + " counter\n"));
            lines.append(name).append('{');
            boolean first = true;
            for (var tag : meter.getId().getTags()) {
                if ("correlation_id".equals(tag.getKey()) || "component".equals(tag.getKey())) {
                    continue; // part of the grouping key
                }
                lines.append(first ? "" : ",").append(tag.getKey()).append("=\"")
                        .append(tag.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                first = false;
            }
            lines.append("} ").append(counter.count()).append('\n');
        }
        StringBuilder out = new StringBuilder();
        byName.values().forEach(out::append);
        return out.toString();
    }

    private void send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("Push gateway {} answered {} to the metrics {}", address, response.statusCode(), what);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Push gateway {} unreachable for the metrics {}: {}", address, what, e.toString());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
