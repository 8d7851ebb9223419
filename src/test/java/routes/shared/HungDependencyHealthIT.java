package routes.shared;

import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 #4 over HTTP: with DynamoDB hung (a socket that accepts connections and never answers, like a SIGSTOPped
 * server), readiness answers at once and says DOWN naming dynamodb, and liveness probes all answer UP at once, so
 * Kubernetes neither routes to the pod nor restarts it.
 */
@ExtendWith(LocalAwsExtension.class)
class HungDependencyHealthIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aHungDependencyFailsReadinessNamingItAndNeverLiveness(LocalAws aws) throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
             LocalAws.RunningApplication app = aws.startApplication(Map.of(
                     "pipelines.enabled", "transforms",
                "pipelines.transforms.routes", "", // only the stand-in route below
                     "pipelines.shared-routes", "classpath:routes/shared-beans.yaml,classpath:routes/error-handling.yaml,classpath:routes/operations.yaml",
                     "aws.health.services", "s3,sqs,dynamodb",
                     "aws.endpoint.dynamodb", "http://127.0.0.1:" + hung.getLocalPort()))) {
            // the first probe round has been hanging for more than the probe timeout
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get(app.url() + "/observe/health/ready").body().contains("dynamodb"));

            List<CompletableFuture<Long>> probes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                probes.add(CompletableFuture.supplyAsync(() -> timed(app.url() + "/observe/health/live", 200)));
                probes.add(CompletableFuture.supplyAsync(() -> timed(app.url() + "/observe/health/ready", 503)));
            }
            for (CompletableFuture<Long> probe : probes) {
                assertThat(probe.get()).as("answered within a probe's 1 s timeout (ms)").isLessThan(1000);
            }
            HttpResponse<String> ready = get(app.url() + "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"name\":\"aws-reachability\",\"status\":\"DOWN\",\"message\":\"Unreachable: dynamodb\"");
        }
    }

    private static long timed(String url, int expectedStatus) {
        long start = System.nanoTime();
        HttpResponse<String> response = get(url);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(expectedStatus);
        return millis;
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }
}
