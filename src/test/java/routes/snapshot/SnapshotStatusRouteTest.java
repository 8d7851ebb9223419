package routes.snapshot;

import harness.PipelineHarness;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.shared.DeadLetters;
import routes.shared.RecordingSqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * snapshot-status.yaml's story in mvn test: which step each status message reaches. The steps that read or write
 * DynamoDB, SQS and SNS are mocks that answer as the tables would (the integration tests run them for real); parsing,
 * splitting, branching and dead-lettering are the production ones.
 */
class SnapshotStatusRouteTest {
    static final RecordingSqsClient SQS = new RecordingSqsClient();
    static final String RUN = "correlationId-route-test";
    static PipelineHarness snapshot;
    /** What the mocked conditional steps answer (true = this consumer won the transition). */
    static volatile boolean receptionCompleted;
    static volatile boolean allReceived;
    static volatile boolean successCompleted;
    static volatile boolean allSuccessful;

    @BeforeAll
    static void start() {
        snapshot = PipelineHarness.pipeline("snapshot").bean("sqsClient", SQS)
                .replaceFrom("snapshot-status", "direct:status")
                .advice("snapshot-data-file", a -> {
                    a.weaveById("count-file").replace().to("mock:count-file");
                    a.weaveById("complete-reception").replace().process(e -> e.getMessage().setBody(receptionCompleted));
                    a.weaveById("send-export-state").replace().to("mock:export-state");
                    a.weaveById("all-collections-received").replace().process(e -> e.getMessage().setBody(allReceived));
                    a.weaveById("product-received").replace().to("mock:product-received");
                })
                .advice("snapshot-success-file", a -> {
                    a.weaveById("read-collection").replace().to("mock:read-collection");
                    a.weaveById("complete-success").replace().process(e -> e.getMessage().setBody(successCompleted));
                    a.weaveById("all-collections-successful").replace().process(e -> e.getMessage().setBody(allSuccessful));
                    a.weaveById("publish-all-successful").replace().to("mock:monitoring");
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
        MockEndpoint.resetMocks(snapshot.context());
        SQS.sent.clear();
        receptionCompleted = false;
        allReceived = false;
        successCompleted = false;
        allSuccessful = false;
    }

    @Test
    void aDataFileIsCountedAndNothingElseWhileTheCollectionIsIncomplete() throws Exception {
        mock("count-file").expectedMessageCount(1);
        mock("export-state").expectedMessageCount(0);
        snapshot.send("direct:status", file("db.collection1", "f1"));
        MockEndpoint.assertIsSatisfied(snapshot.context());
        StatusMessage counted = mock("count-file").getReceivedExchanges().get(0).getProperty("statusMessage", StatusMessage.class);
        assertThat(counted.collectionName()).isEqualTo("db.collection1");
        assertThat(counted.fileName()).isEqualTo("f1");
        assertThat(SQS.sent).isEmpty();
    }

    @Test
    void theLastDataFileAsksForTheSuccessFileAndTheLastCollectionMarksTheProductReceived() throws Exception {
        receptionCompleted = true;
        allReceived = true;
        mock("export-state").expectedMessageCount(1);
        mock("product-received").expectedMessageCount(1);
        snapshot.send("direct:status", file("db.collection1", "f9"));
        MockEndpoint.assertIsSatisfied(snapshot.context());
    }

    @Test
    void aCollectionReceivedWhileOthersAreNotAsksForItsSuccessFileOnly() throws Exception {
        receptionCompleted = true;
        mock("export-state").expectedMessageCount(1);
        mock("product-received").expectedMessageCount(0);
        snapshot.send("direct:status", file("db.collection1", "f9"));
        MockEndpoint.assertIsSatisfied(snapshot.context());
    }

    @Test
    void theLastSuccessFilePublishesOnceAndCompletesTheProduct() throws Exception {
        successCompleted = true;
        allSuccessful = true;
        mock("count-file").expectedMessageCount(0);
        mock("monitoring").expectedMessageCount(1);
        mock("product-completed").expectedMessageCount(1);
        mock("forget-run-metrics").expectedMessageCount(1);
        snapshot.send("direct:status", success("db.collection1"));
        MockEndpoint.assertIsSatisfied(snapshot.context());
    }

    @Test
    void aSuccessFileWhoseTransitionWasLostPublishesNothing() throws Exception {
        mock("read-collection").expectedMessageCount(1);
        mock("monitoring").expectedMessageCount(0);
        snapshot.send("direct:status", success("db.collection1"));
        MockEndpoint.assertIsSatisfied(snapshot.context());
    }

    @Test
    void everyRecordOfAWrapperIsHandledAndABadOneIsDeadLetteredAlone() throws Exception {
        mock("count-file").expectedMessageCount(2);
        String bad = "{\"correlation_id\":\"" + RUN + "\",\"collection_name\":\"db.collection1\"}";
        snapshot.send("direct:status", "{\"Records\":[{\"body\":" + file("db.collection1", "f1") + "},{\"body\":" + quoted(bad)
                + "},{\"body\":" + file("db.collection1", "f2") + "}]}");
        MockEndpoint.assertIsSatisfied(snapshot.context());
        assertThat(SQS.sent).singleElement().satisfies(dead -> {
            assertThat(dead.queueUrl()).endsWith("/snapshot-status-dead-letters");
            assertThat(dead.messageBody()).isEqualTo(bad);
            assertThat(dead.messageAttributes().get(DeadLetters.REASON).stringValue()).contains("snapshot_type, export_date");
        });
    }

    private static MockEndpoint mock(String name) {
        return snapshot.context().getEndpoint("mock:" + name, MockEndpoint.class);
    }

    private static String fields(String collection) {
        return "{\"correlation_id\":\"" + RUN + "\",\"collection_name\":\"" + collection
                + "\",\"snapshot_type\":\"fulls\",\"export_date\":\"2021-01-01\"}";
    }

    private static String file(String collection, String fileName) {
        return fields(collection).replace("}", ",\"file_name\":\"" + fileName + "\"}");
    }

    private static String success(String collection) {
        return fields(collection).replace("}", ",\"file_name\":\"_success\",\"is_success_file\":true}");
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
