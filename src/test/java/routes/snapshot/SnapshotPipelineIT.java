package routes.snapshot;

import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application (pipelines.enabled=snapshot) on the local AWS, as docs/snapshot.md's try-it does it: a run's
 * collections in the status table, file messages on the status queue (some twice, one in a Records wrapper), then the
 * success files: the export-state queue and the monitoring topic's tap queue get exactly one message each per
 * collection / run, and the original's counters are on the Prometheus endpoint.
 */
@ExtendWith(LocalAwsExtension.class)
class SnapshotPipelineIT {
    @Test
    void aRunFromFirstFileToAllCollectionsSuccessful(LocalAws local) throws Exception {
        SnapshotTestAws aws = new SnapshotTestAws(local);
        aws.drain(aws.exportStateQueue);
        aws.drain(aws.monitoringTap);
        String run = "run-" + UUID.randomUUID();
        aws.putCollection(run, "db.core.contract", "Exported", 2, null, 0);
        aws.putCollection(run, "db.core.statement", "Sent", 1, 0, 1);

        try (LocalAws.RunningApplication app = local.startApplication(Map.of("pipelines.enabled", "snapshot"))) {
            String statusQueue = aws.queueUrl(aws.statusQueue);
            send(aws, statusQueue, message(run, "db.core.contract", "contract-1.gz.enc", null));
            send(aws, statusQueue, message(run, "db.core.contract", "contract-1.gz.enc", null));
            send(aws, statusQueue, "{\"Records\":[{\"body\":" + quoted(message(run, "db.core.contract", "contract-2.gz.enc", null)) + "}]}");
            send(aws, statusQueue, message(run, "db.core.statement", "statement-1.gz.enc", null));

            List<Message> exportState = aws.awaitMessages(aws.exportStateQueue, 2);
            assertThat(exportState).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .containsExactlyInAnyOrder("db_core_contract", "db_core_statement");
            assertThat(exportState).extracting(Message::body).contains("{\"shutdown_flag\": \"true\", \"correlation_id\": \"" + run
                    + "\", \"topic_name\": \"db.core.contract\", \"snapshot_type\": \"incremental\", \"reprocess_files\": \"true\", "
                    + "\"export_date\": \"2020-01-22\", \"send_success_indicator\": \"true\"}");
            awaitProduct(aws, run, "RECEIVED");
            assertThat(aws.collection(run, "db.core.contract").filesReceived()).isEqualTo(2);

            send(aws, statusQueue, message(run, "db.core.contract", "_success", "true"));
            send(aws, statusQueue, message(run, "db.core.statement", "_success", "TRUE"));
            List<Message> monitoring = aws.awaitMessages(aws.monitoringTap, 1);
            assertThat(monitoring).extracting(Message::body).containsExactly("{\"severity\": \"Critical\", \"notification_type\": \"Information\", "
                    + "\"slack_username\": \"Snapshot Sender\", \"title_text\": \"Incremental - All collections successful\", \"custom_elements\": "
                    + "[{\"key\": \"Export date\", \"value\": \"2020-01-22\"}, {\"key\": \"Correlation Id\", \"value\": \"" + run + "\"}]}");
            awaitProduct(aws, run, "COMPLETED");
            assertThat(aws.drain(aws.exportStateQueue)).isEmpty();

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("snapshot_sender_status_checker_files_received_total{collection_name=\"db.core.contract\",correlation_id=\""
                    + run + "\",export_date=\"2020-01-22\",snapshot_type=\"incremental\"} 2.0");
            assertThat(metrics).contains("snapshot_sender_status_checker_all_collections_succesful_total{correlation_id=\""
                    + run + "\",export_date=\"2020-01-22\",snapshot_type=\"incremental\"} 1.0");
        }
    }

    private static void awaitProduct(SnapshotTestAws aws, String run, String status) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(aws.productStatus(run)).isEqualTo(status));
    }

    private static void send(SnapshotTestAws aws, String queueUrl, String body) {
        aws.sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    private static String message(String run, String collection, String file, String success) {
        return "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"" + collection + "\",\"snapshot_type\":\"incremental\","
                + "\"export_date\":\"2020-01-22\",\"file_name\":\"" + file + "\"" + (success == null ? "" : ",\"is_success_file\":\"" + success + "\"") + "}";
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
