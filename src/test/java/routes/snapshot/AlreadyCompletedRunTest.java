package routes.snapshot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import routes.shared.RecordingSqsClient;
import routes.shared.SideEffectGuard;
import routes.uploads.InMemoryLedger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run (correlation id) whose sends were already made, e.g. the walkthrough repeated with the same id: nothing is
 * sent again, and a log line says so instead of silence.
 */
class AlreadyCompletedRunTest {
    private final SideEffectGuard guard = new SideEffectGuard(new InMemoryLedger());
    private final SnapshotMetrics metrics = new SnapshotMetrics(new SimpleMeterRegistry());
    private final StatusMessage message = PayloadTest.message("true", "false");

    @Test
    void aSecondExportStateSendForTheSameRunAndCollectionIsSkippedWithALogLine() {
        RecordingSqsClient sqs = new RecordingSqsClient();
        ExportStateSender sender = new ExportStateSender(sqs, "http://sqs/export-state.fifo", guard, metrics);
        List<String> lines = captureLogs(ExportStateSender.class);

        sender.send(message);
        sender.send(message);

        assertThat(sqs.sent).hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("already")).singleElement().asString()
                .contains("correlationId1").contains("db.collection1").contains("m-1").contains("not sent again");
    }

    @Test
    void aSecondCompletionOfTheSameRunIsSkippedWithALogLine() {
        RecordingSnsClient sns = new RecordingSnsClient();
        MonitoringPublisher publisher = new MonitoringPublisher(sns, "arn:aws:sns:eu-west-2:000000000000:monitoring", guard, metrics);
        List<String> lines = captureLogs(MonitoringPublisher.class);

        publisher.allCollectionsSuccessful(message);
        publisher.allCollectionsSuccessful(message);

        assertThat(sns.published).hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("already")).singleElement().asString()
                .contains("correlationId1").contains("sns-1").contains("not published again");
    }

    private static List<String> captureLogs(Class<?> source) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LogManager.getLogger(source);
        AbstractAppender appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(org.apache.logging.log4j.Level.INFO);
        return lines;
    }
}
