package routes.shared;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Readiness: can this process reach each AWS service it uses? One cheap call per service (listed in
 * {@code aws.health.services}). Any answer from the service, even "access denied", means it is reachable; only a
 * connection failure or timeout makes the check DOWN. Results are cached briefly so probes do not hammer AWS.
 * Not a liveness check: an AWS outage must not make Kubernetes restart the pod.
 */
public class AwsReachabilityCheck extends AbstractHealthCheck {
    private final Map<String, Runnable> probes = new LinkedHashMap<>();
    private final Duration cacheFor;
    private volatile long checkedAt;
    private volatile Map<String, String> lastProblems = Map.of();

    public AwsReachabilityCheck(Map<String, Runnable> probes, Duration cacheFor) {
        super("camel-pipelines", "aws-reachability");
        this.probes.putAll(probes);
        this.cacheFor = cacheFor;
    }

    /** The standard probes for the services named in {@code services} (comma separated). */
    public static AwsReachabilityCheck forServices(String services, Map<String, Supplier<Runnable>> available) {
        Map<String, Runnable> probes = new LinkedHashMap<>();
        for (String raw : services.split(",")) {
            String service = raw.trim();
            if (!service.isEmpty() && available.containsKey(service)) {
                probes.put(service, available.get(service).get());
            }
        }
        return new AwsReachabilityCheck(probes, Duration.ofSeconds(10));
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, String> problems = problems();
        builder.detail("services", String.join(",", probes.keySet()));
        problems.forEach((service, problem) -> builder.detail(service, problem));
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.message("Unreachable: " + String.join(", ", problems.keySet())).down();
        }
    }

    private Map<String, String> problems() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < cacheFor.toMillis()) {
            return lastProblems;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> probe : probes.entrySet()) {
            try {
                probe.getValue().run();
            } catch (SdkServiceException reachable) {
                // the service answered (access denied, not found...): reachable
            } catch (SdkClientException e) {
                problems.put(probe.getKey(), "unreachable: " + e.getClass().getSimpleName());
            } catch (RuntimeException e) {
                problems.put(probe.getKey(), "error: " + e.getClass().getSimpleName());
            }
        }
        lastProblems = problems;
        checkedAt = now;
        return problems;
    }
}
