package routes.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import local.LocalAws;
import local.LocalAwsExtension;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Portability (#13): the snapshot pipeline run the way Camel K's runtime runs it, by a plain
 * {@code org.apache.camel.main.Main} (not {@code routes.PipelinesApplication}) with only the beans on the classpath,
 * the route files its Integration ({@code k8s/camel-k/runtime/snapshot.yaml}) lists, in that order
 * ({@code shared-beans.yaml} first), the Integration's own properties, and one properties file (what the ConfigMaps
 * hold: the jar's {@code application.properties}, then the stage's names and endpoints). A message goes end to end on
 * the local AWS: SQS status messages in, the DynamoDB status item counted and Received, one export-state FIFO message
 * out, then the success files: the item Success, one SNS monitoring message (on its tap queue), the product COMPLETED.
 */
@ExtendWith(LocalAwsExtension.class)
class PortableRoutesIT {
    static final Path INTEGRATION = Path.of("k8s/camel-k/runtime/snapshot.yaml");

    @TempDir
    Path dir;

    @Test
    void theSnapshotIntegrationsRouteFilesOnAPlainCamelMainProcessARunEndToEnd(LocalAws local) throws Exception {
        JsonNode integration = new ObjectMapper(new YAMLFactory()).readTree(INTEGRATION.toFile());
        List<String> routes = new ArrayList<>();
        integration.path("spec").path("sources").forEach(s -> routes.add("classpath:routes/" + s.path("name").asText()));
        assertThat(routes).as("the Integration's sources").first().isEqualTo("classpath:routes/shared-beans.yaml");
        assertThat(routes).contains("classpath:routes/snapshot-status.yaml");

        // the one properties file: the stage's names (here the local catalogue's), the endpoints, the Integration's properties
        StringBuilder properties = new StringBuilder(Files.readString(Path.of("application-local.properties"))).append('\n');
        local.applicationProperties().forEach((key, value) -> {
            if (!key.equals("camel.main.profile")) {
                properties.append(key).append('=').append(value).append('\n');
            }
        });
        integration.path("spec").path("traits").path("camel").path("properties").forEach(p -> properties.append(p.asText()).append('\n'));
        int port = freePort();
        properties.append("camel.server.port=").append(port).append("\ncamel.management.port=").append(port).append('\n');
        Path file = dir.resolve("snapshot.properties");
        Files.writeString(file, properties);

        SnapshotTestAws aws = new SnapshotTestAws(local);
        aws.drain(aws.exportStateQueue);
        aws.drain(aws.monitoringTap);
        String run = "portable-" + UUID.randomUUID();
        aws.putCollection(run, "db.portable.one", "Exported", 2, null, 0);

        Main main = new Main();
        // Camel takes a key from the first location that has it: the stage's file before the jar's defaults
        main.setPropertyPlaceholderLocations("file:" + file.toAbsolutePath() + ",classpath:application.properties");
        main.configure().withRoutesIncludePattern(String.join(",", routes));
        try {
            main.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> main.getCamelContext() != null && main.getCamelContext().isStarted());
            assertThat(main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId()).contains("snapshot-status")
                    .noneMatch(id -> id.startsWith("review") || id.startsWith("upload") || id.startsWith("email"));

            String statusQueue = aws.queueUrl(aws.statusQueue);
            for (String file1 : List.of("one-1.gz.enc", "one-2.gz.enc")) {
                aws.sqs.sendMessage(b -> b.queueUrl(statusQueue).messageBody(message(run, file1, null)));
            }
            List<Message> exportState = aws.awaitMessages(aws.exportStateQueue, 1);
            assertThat(exportState).singleElement().satisfies(m -> {
                assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("db_portable_one");
                assertThat(m.body()).contains("\"correlation_id\": \"" + run + "\"", "\"topic_name\": \"db.portable.one\"");
            });
            CollectionItem received = aws.collection(run, "db.portable.one");
            assertThat(received.filesReceived()).isEqualTo(2);
            assertThat(received.status()).isEqualTo("Received");

            aws.sqs.sendMessage(b -> b.queueUrl(statusQueue).messageBody(message(run, "_success", "true")));
            List<Message> monitoring = aws.awaitMessages(aws.monitoringTap, 1);
            assertThat(monitoring).singleElement().extracting(Message::body).asString()
                    .contains("All collections successful", run);
            await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(aws.productStatus(run)));
            assertThat(aws.collection(run, "db.portable.one").status()).isEqualTo("Success");
            assertThat(aws.drain(aws.exportStateQueue)).isEmpty();
        } finally {
            main.stop();
        }
    }

    private static String message(String run, String file, String success) {
        return "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"db.portable.one\",\"snapshot_type\":\"full\","
                + "\"export_date\":\"2026-12-02\",\"file_name\":\"" + file + "\"" + (success == null ? "" : ",\"is_success_file\":\"" + success + "\"") + "}";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
