package routes.snapshot;

import routes.shared.PythonJson;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact message bodies (reference §3.10 #19–#21, #51, #52): Python json.dumps text, key order, title casing. */
class PayloadTest {
    static StatusMessage message(String shutdown, String reprocess) {
        return new StatusMessage("correlationId1", "db.collection1", "fulls", "2021-01-01", TextNode.valueOf("2021-01-01"),
                "test_file", false, TextNode.valueOf(shutdown), TextNode.valueOf(reprocess), "file:test_file");
    }

    // #19
    @Test
    void monitoringPayload() {
        assertThat(MonitoringMessage.json("fulls", "test status", "2021-01-01", "correlationId1")).isEqualTo(
                "{\"severity\": \"Critical\", \"notification_type\": \"Information\", \"slack_username\": \"Snapshot Sender\", "
                        + "\"title_text\": \"Fulls - test status\", \"custom_elements\": [{\"key\": \"Export date\", \"value\": \"2021-01-01\"}, "
                        + "{\"key\": \"Correlation Id\", \"value\": \"correlationId1\"}]}");
    }

    // #20 (shadowed in the original, restored here)
    @Test
    void exportStatePayloadShutdownTrueReprocessFalse() {
        assertThat(ExportStateMessage.json(message("true", "false"))).isEqualTo(
                "{\"shutdown_flag\": \"true\", \"correlation_id\": \"correlationId1\", \"topic_name\": \"db.collection1\", "
                        + "\"snapshot_type\": \"fulls\", \"reprocess_files\": \"false\", \"export_date\": \"2021-01-01\", "
                        + "\"send_success_indicator\": \"true\"}");
    }

    // #21
    @Test
    void exportStatePayloadShutdownFalseReprocessTrue() {
        assertThat(ExportStateMessage.json(message("false", "true"))).isEqualTo(
                "{\"shutdown_flag\": \"false\", \"correlation_id\": \"correlationId1\", \"topic_name\": \"db.collection1\", "
                        + "\"snapshot_type\": \"fulls\", \"reprocess_files\": \"true\", \"export_date\": \"2021-01-01\", "
                        + "\"send_success_indicator\": \"true\"}");
    }

    // #51: the SQS request: body, FIFO group, deduplication id from the content
    @Test
    void exportStateRequest() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("test_key", "test_value");
        String json = PythonJson.dumps(body);
        assertThat(json).isEqualTo("{\"test_key\": \"test_value\"}");
        SendMessageRequest request = ExportStateSender.request("http://test", json, "db_collection1");
        assertThat(request.queueUrl()).isEqualTo("http://test");
        assertThat(request.messageBody()).isEqualTo("{\"test_key\": \"test_value\"}");
        assertThat(request.messageGroupId()).isEqualTo("db_collection1");
        assertThat(request.messageDeduplicationId())
                .isEqualTo(ExportStateMessage.deduplicationId(json)).hasSize(64)
                .isNotEqualTo(ExportStateMessage.deduplicationId("{\"test_key\": \"other\"}"));
    }

    @Test
    void messageGroupIdReplacesEveryDot() {
        StatusMessage m = new StatusMessage("c", "db.database.collection", "t", "d", TextNode.valueOf("d"), null, false,
                TextNode.valueOf("true"), TextNode.valueOf("true"), null);
        assertThat(m.messageGroupId()).isEqualTo("db_database_collection");
    }

    @Test
    void titleCaseIsPythons() {
        assertThat(MonitoringMessage.titleCase("incremental")).isEqualTo("Incremental");
        assertThat(MonitoringMessage.titleCase("fulls")).isEqualTo("Fulls");
        assertThat(MonitoringMessage.titleCase("FULL")).isEqualTo("Full");
        assertThat(MonitoringMessage.titleCase("full_snapshot 2nd-run")).isEqualTo("Full_Snapshot 2Nd-Run");
    }

    @Test
    void pythonJsonEscapesLikeJsonDumps() {
        assertThat(PythonJson.dumps(List.of("é\"\\\n\u0001/", 1, true, Map.of()))).isEqualTo("[\"\\u00e9\\\"\\\\\\n\\u0001/\", 1, true, {}]");
        assertThat(PythonJson.dumps(new LinkedHashMap<>(Map.of("k", List.of())))).isEqualTo("{\"k\": []}");
        assertThat(PythonJson.dumps(TextNode.valueOf("\uD83D\uDE00"))).isEqualTo("\"\\ud83d\\ude00\"");
    }
}
