package routes.snapshot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import routes.shared.CapturedLogs;
import routes.shared.RecordingSqsClient;
import routes.shared.SideEffectGuard;
import routes.uploads.InMemoryLedger;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run (correlation id) whose sends were already made, e.g. the walkthrough repeated with the same id: nothing is
 * sent again, and a log line says so instead of silence (the monitoring publish: {@link SnapshotMonitoringRouteTest}).
 */
class AlreadyCompletedRunTest {
    private final SideEffectGuard guard = new SideEffectGuard(new InMemoryLedger());
    private final SnapshotMetrics metrics = new SnapshotMetrics(new SimpleMeterRegistry());
    private final StatusMessage message = PayloadTest.message("true", "false");

    @Test
    void aSecondExportStateSendForTheSameRunAndCollectionIsSkippedWithALogLine() {
        RecordingSqsClient sqs = new RecordingSqsClient();
        ExportStateSender sender = new ExportStateSender(sqs, "http://sqs/export-state.fifo", guard, metrics);
        List<String> lines = CapturedLogs.of(ExportStateSender.class);

        sender.send(message);
        sender.send(message);

        assertThat(sqs.sent).hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("already")).singleElement().asString()
                .contains("correlationId1").contains("db.collection1").contains("m-1").contains("not sent again");
    }
}
