package routes.uploads;

import harness.PipelineHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.shared.S3EventParser;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.uploads.UploadFixtures.dcStations;

/**
 * What the uploads pipeline sends back to its own queue (an upload checked again later, a notification split into
 * one per upload) goes through the real aws2-sqs producer to a recording SQS client, so the test sees the SQS
 * message attributes: the route's state (exchange properties) must not leak onto them, as headers would.
 */
class UploadsRequeueRouteTest {
    static final RecordingUploadsSqs SQS = new RecordingUploadsSqs();
    static PipelineHarness uploads;
    String folder;

    @BeforeAll
    static void start() {
        uploads = PipelineHarness.pipeline("uploads")
                .properties(Map.of("uploads.quiet-period", "PT1H", "uploads.council-lookup.url", "",
                        "uploads.webhook.api-key", "", "uploads.github.token", "", "uploads.email.error-report", ""))
                .bean("s3Client", UploadsRouteTest.S3.client())
                .bean("sqsClient", SQS)
                .bean("idempotencyLedger", new InMemoryLedger())
                .replaceFrom("uploads-check", "direct:uploads-events")
                .start();
    }

    @AfterAll
    static void stop() {
        uploads.close();
    }

    @BeforeEach
    void reset() {
        SQS.sent.clear();
        folder = "X01000000/2019-12-12/2019-10-02T09:00:00." + UploadsRouteTest.UPLOAD_NUMBER.incrementAndGet();
    }

    @Test
    void anIncompleteUploadIsRequeuedWithItsDelayAndNoAttributes() {
        UploadsRouteTest.S3.put(UploadsRouteTest.UPLOADS, folder + "/ems-dcounts-stations.csv", dcStations(), "text/csv");
        String notification = UploadsRouteTest.s3Event(UploadsRouteTest.UPLOADS, folder + "/ems-dcounts-stations.csv");
        uploads.send("direct:uploads-events", notification);

        assertThat(SQS.sent).singleElement().satisfies(requeued -> {
            assertThat(requeued.queueUrl()).endsWith("/uploads-events");
            assertThat(requeued.messageBody()).isEqualTo(notification);
            assertThat(requeued.delaySeconds()).as("a lone DC file waits (SQS delays at most 15 minutes)").isEqualTo(900);
            assertThat(requeued.messageAttributes()).as("no header of the route leaks").isEmpty();
        });
        assertThat(UploadsRouteTest.S3.exists(UploadsRouteTest.FINAL, folder + "/report.json")).isFalse();
    }

    @Test
    void aNotificationSplitIntoOnePerUploadCarriesNoAttributes() {
        String one = UploadsRouteTest.s3Event(UploadsRouteTest.UPLOADS, folder + "/a.csv");
        String other = UploadsRouteTest.s3Event(UploadsRouteTest.UPLOADS, "X02000000/2019-12-12/t3/b.csv");
        String body = "{\"Records\":[" + records(one) + "," + records(other) + "]}";
        uploads.send("direct:uploads-events", body);

        assertThat(SQS.sent).hasSize(2);
        assertThat(SQS.sent).extracting(r -> new S3EventParser().createdObjects(r.messageBody()).get(0).key())
                .containsExactly(folder + "/a.csv", "X02000000/2019-12-12/t3/b.csv");
        assertThat(SQS.sent).extracting(SendMessageRequest::messageAttributes).as("no header of the route leaks")
                .allSatisfy(attributes -> assertThat(attributes).isEmpty());
    }

    private static String records(String event) {
        return event.replaceAll("^\\{\"Records\":\\[|\\]\\}$", "");
    }
}
