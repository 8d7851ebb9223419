package routes.shared;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The observability conventions: readiness follows AWS reachability; messages are counted per pipeline and outcome. */
class ObservabilityTest {
    @Test
    void readinessIsDownNamingTheUnreachableServiceAndUpAgainWhenItAnswers() {
        boolean[] sqsDown = {true};
        Map<String, Runnable> probes = new LinkedHashMap<>();
        probes.put("s3", () -> { });
        probes.put("sqs", () -> {
            if (sqsDown[0]) {
                throw SdkClientException.create("Unable to execute HTTP request: Connect to 127.0.0.1:1 failed");
            }
        });
        AwsReachabilityCheck check = new AwsReachabilityCheck(probes, Duration.ZERO);
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).as("an AWS outage must not restart the pod").isFalse();

        HealthCheck.Result down = check.call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValue("Unreachable: sqs");
        assertThat(down.getDetails()).containsKey("sqs").doesNotContainKey("s3");

        sqsDown[0] = false;
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void messagesAreCountedPerPipelineAndOutcomeWithTheirProcessingTime() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("meters", MeterRegistry.class, meters);
            camel.addRoutePolicyFactory(new PipelineMetrics(camel));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // consumers that create their exchanges, as the SQS consumers do
                    from("timer:ok?repeatCount=2&delay=0&period=1").routeGroup("uploads").log("ok");
                    from("timer:broken?repeatCount=1&delay=0").routeGroup("uploads").throwException(new IllegalStateException("boom"));
                    from("timer:other?repeatCount=1&delay=0").log("no pipeline");
                }
            });
            camel.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> meters.find("pipeline_processing_seconds").timers().stream()
                    .mapToLong(t -> t.count()).sum() >= 3);
        }
        assertThat(count(meters, "in")).isEqualTo(3.0);
        assertThat(count(meters, "succeeded")).isEqualTo(2.0);
        assertThat(count(meters, "failed")).isEqualTo(1.0);
        assertThat(meters.get("pipeline_processing_seconds").tag("pipeline", "uploads").timer().count()).isEqualTo(3);
        assertThat(meters.find("pipeline_messages").tag("pipeline", "other").counter()).isNull();
    }

    private static double count(MeterRegistry meters, String outcome) {
        return meters.get("pipeline_messages").tag("pipeline", "uploads").tag("outcome", outcome).counter().count();
    }
}
