package routes.shared;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Readiness: can this process reach each AWS service it uses? One cheap call per service (listed in
 * {@code aws.health.services}). Any answer from the service, even "access denied", means it is reachable; a
 * connection failure, an error, or NO ANSWER within {@code probeTimeout} (a hung service) makes the check DOWN,
 * naming the service.
 * <p>
 * The probes run in the background every {@code refreshEvery}, each on its own thread, and a health request only
 * reads their latest results: readiness answers at once even while a service hangs, and liveness (which this check
 * is not part of) never waits behind it, so an AWS outage or slowdown never makes Kubernetes restart the pod.
 * With {@code refreshEvery} zero every call starts a round and waits for it at most {@code probeTimeout} (tests).
 */
public class AwsReachabilityCheck extends AbstractHealthCheck {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, Runnable> probes = new LinkedHashMap<>();
    private final Map<String, Probe> state = new LinkedHashMap<>();
    private final Duration refreshEvery;
    private final Duration probeTimeout;
    private final ExecutorService runner = Executors.newCachedThreadPool(daemon("aws-health-probe"));
    private volatile ScheduledExecutorService scheduler;

    /** One service's probe: the round in flight (if any) and the last result. */
    private static final class Probe {
        volatile CompletableFuture<Void> running;
        volatile long startedNanos;
        volatile boolean known;
        volatile String problem;
    }

    public AwsReachabilityCheck(Map<String, Runnable> probes, Duration refreshEvery, Duration probeTimeout) {
        super("camel-pipelines", "aws-reachability");
        this.probes.putAll(probes);
        probes.keySet().forEach(service -> state.put(service, new Probe()));
        this.refreshEvery = refreshEvery;
        this.probeTimeout = probeTimeout;
    }

    public AwsReachabilityCheck(Map<String, Runnable> probes, Duration refreshEvery) {
        this(probes, refreshEvery, DEFAULT_TIMEOUT);
    }

    /** The standard probes for the services named in {@code services} (comma separated), refreshed every 5 s. */
    public static AwsReachabilityCheck forServices(String services, Map<String, java.util.function.Supplier<Runnable>> available) {
        Map<String, Runnable> probes = new LinkedHashMap<>();
        for (String service : CommaList.of(services)) {
            if (available.containsKey(service)) {
                probes.put(service, available.get(service).get());
            }
        }
        return new AwsReachabilityCheck(probes, Duration.ofSeconds(5), DEFAULT_TIMEOUT);
    }

    /** Starts the background refresh (a first round at once). */
    public synchronized AwsReachabilityCheck start() {
        if (scheduler == null && !refreshEvery.isZero()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(daemon("aws-health"));
            scheduler.scheduleWithFixedDelay(this::refresh, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (refreshEvery.isZero()) {
            awaitRound(refresh());
        } else {
            start();
        }
        Map<String, String> problems = problems();
        builder.detail("services", String.join(",", probes.keySet()));
        problems.forEach(builder::detail);
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.message("Unreachable: " + String.join(", ", problems.keySet())).down();
        }
    }

    /** Starts a probe for every service whose previous one has finished; returns the rounds in flight. */
    List<CompletableFuture<Void>> refresh() {
        state.forEach((service, probe) -> {
            if (probe.running == null || probe.running.isDone()) {
                probe.startedNanos = System.nanoTime();
                probe.running = CompletableFuture.runAsync(() -> {
                    probe.problem = run(probes.get(service));
                    probe.known = true;
                }, runner);
            }
        });
        return state.values().stream().map(p -> p.running).toList();
    }

    private void awaitRound(List<CompletableFuture<Void>> round) {
        try {
            CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notAllAnswered) {
            // reported as hung below
        }
    }

    private Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        long now = System.nanoTime();
        state.forEach((service, probe) -> {
            CompletableFuture<Void> running = probe.running;
            if (running != null && !running.isDone() && now - probe.startedNanos > probeTimeout.toNanos()) {
                problems.put(service, "no answer within " + probeTimeout.toMillis() + " ms (hung?)");
            } else if (!probe.known) {
                problems.put(service, "not checked yet");
            } else if (probe.problem != null) {
                problems.put(service, probe.problem);
            }
        });
        return problems;
    }

    private static String run(Runnable probe) {
        try {
            probe.run();
            return null;
        } catch (SdkServiceException reachable) {
            return null; // the service answered (access denied, not found...): reachable
        } catch (SdkClientException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "error: " + e.getClass().getSimpleName();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
