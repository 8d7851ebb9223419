package routes.shared;

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 14 #4: readiness answers at once from the background probes, and a hung service is DOWN by name. */
class ReadinessTest {
    @Test
    void aHungServiceIsDownByNameWhileEveryCallAnswersAtOnce() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        Map<String, Runnable> probes = new LinkedHashMap<>();
        probes.put("s3", () -> { });
        probes.put("dynamodb", () -> {
            try {
                hang.await(); // SIGSTOPped: the connection is accepted, no answer comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AwsReachabilityCheck check = new AwsReachabilityCheck(probes, Duration.ofMillis(100), Duration.ofMillis(300)).start();
        try {
            // before its first probe has timed out a service is DOWN as "not checked yet": wait for the hung verdict
            await().atMost(Duration.ofSeconds(3)).until(() -> "no answer within 300 ms (hung?)".equals(check.call().getDetails().get("dynamodb")));
            assertThat(check.call().getMessage()).contains("Unreachable: dynamodb");
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                HealthCheck.Result result = check.call();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(50));
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getDetails()).containsEntry("dynamodb", "no answer within 300 ms (hung?)").doesNotContainKey("s3");
            }
            hang.countDown(); // SIGCONT: it answers again
            await().atMost(Duration.ofSeconds(3)).until(() -> check.call().getState() == HealthCheck.State.UP);
        } finally {
            hang.countDown();
        }
    }
}
