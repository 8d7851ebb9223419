package routes.snapshot;

import harness.PipelineHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.shared.CapturedLogs;
import routes.shared.RecordingSqsClient;
import routes.uploads.InMemoryLedger;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring message (reference §3.10 #52) through the route's real aws2-sns producer to a recording SNS client,
 * guarded by the side-effect guard on an in-memory ledger: the topic and the exact message, no subject and no
 * message attribute (no header leaks), and once per run with a log line when a run completes again. The DynamoDB
 * steps before it answer as the tables would.
 */
class SnapshotMonitoringRouteTest {
    static final RecordingSnsClient SNS = new RecordingSnsClient();
    static PipelineHarness snapshot;
    static int run;

    @BeforeAll
    static void start() {
        snapshot = PipelineHarness.pipeline("snapshot")
                .properties(Map.of("snapshot.topic.monitoring", "arn:aws:sns:eu-west-2:1:test_sns_arn"))
                .bean("sqsClient", new RecordingSqsClient()).bean("snsClient", SNS).bean("idempotencyLedger", new InMemoryLedger())
                .replaceFrom("snapshot-status", "direct:status")
                .advice("snapshot-success-file", a -> {
                    a.weaveById("read-collection").replace().setBody(a.constant("collection"));
                    a.weaveById("complete-success").replace().setBody(a.constant(true));
                    a.weaveById("all-collections-successful").replace().setBody(a.constant(true));
                    a.weaveById("product-completed").replace().to("mock:product-completed");
                    a.weaveById("forget-run-metrics").replace().to("mock:forget-run-metrics");
                })
                .start();
    }

    @AfterAll
    static void stop() {
        snapshot.close();
    }

    @BeforeEach
    void reset() {
        SNS.published.clear();
        run++;
    }

    @Test
    void theMonitoringPublishUsesTheTopicAndTheExactMessageWithNoAttributes() {
        snapshot.template().sendBodyAndHeader("direct:status", success(), "originalMessageId", "m-0");

        assertThat(SNS.published).singleElement().satisfies(p -> {
            assertThat(p.topicArn()).isEqualTo("arn:aws:sns:eu-west-2:1:test_sns_arn");
            assertThat(p.message()).isEqualTo(MonitoringMessage.json("fulls", "All collections successful", "2021-01-01", correlationId()));
            assertThat(p.subject()).isNull();
            assertThat(p.messageAttributes()).as("no header leaks").isEmpty();
        });
    }

    @Test
    void aSecondCompletionOfTheSameRunIsSkippedWithALogLine() {
        List<String> lines = CapturedLogs.of(MonitoringPublisher.class);

        snapshot.send("direct:status", success());
        snapshot.send("direct:status", success());

        assertThat(SNS.published).hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("already")).singleElement().asString()
                .contains(correlationId()).contains("sns-1").contains("not published again");
    }

    private static String correlationId() {
        return "correlationId-monitoring-" + run;
    }

    private static String success() {
        return "{\"correlation_id\":\"" + correlationId() + "\",\"collection_name\":\"db.collection1\",\"snapshot_type\":\"fulls\","
                + "\"export_date\":\"2021-01-01\",\"file_name\":\"_success\",\"is_success_file\":true}";
    }
}
