package routes.snapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import local.LocalAws;
import local.LocalAwsExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original's handler, routing, normal-flow and success-flow cases (reference §3.10 #1–#18, #45–#50 as behaviour),
 * run through the real route against DynamoDB (dynalite) and SQS (ElasticMQ). Messages enter synchronously through
 * the route's consumer endpoint replaced by a direct one, with an SQS message id header as SQS would give.
 */
@ExtendWith(LocalAwsExtension.class)
class SnapshotStatusRouteIT {
    static SnapshotTestAws aws;
    SnapshotApp app;
    String run;

    @BeforeAll
    static void localAws(LocalAws local) {
        aws = new SnapshotTestAws(local);
    }

    @BeforeEach
    void startApp() throws Exception {
        aws.drain(aws.monitoringTap);
        app = new SnapshotApp(aws, 1, Map.of(), "direct:status");
        run = "correlationId-" + UUID.randomUUID();
        aws.drain(aws.exportStateQueue);
        aws.drain(aws.deadLetterQueue);
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    // #1 handler: every message of a Records wrapper is processed
    @Test
    void everyRecordOfAWrapperIsProcessed() {
        aws.putCollection(run, "db.collection1", "Sent", 5, 0, 5);
        send("{\"Records\":[{\"body\":" + file("db.collection1", "f1") + "},{\"body\":" + quoted(file("db.collection1", "f2")) + "}]}");
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(2);
    }

    // §3.9 / §3.11.10: one bad record of a wrapper is dead-lettered alone; the others are processed
    @Test
    void aBadRecordOfAWrapperIsDeadLetteredAloneAndTheOthersAreProcessed() {
        aws.putCollection(run, "db.collection1", "Sent", 5, 0, 5);
        String bad = "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"db.collection1\"}";
        send("{\"Records\":[{\"body\":" + file("db.collection1", "f1") + "},{\"body\":" + quoted(bad) + "},{\"body\":"
                + file("db.collection1", "f2") + "}]}");
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(2);
        List<Message> dead = aws.drain(aws.deadLetterQueue);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(bad);
            assertThat(m.messageAttributes().get("reason").stringValue()).contains("snapshot_type, export_date");
        });
    }

    // #2 the message's fields reach the flow (file_name, group id) ; README's filename accepted too
    @Test
    void fileNameAndReadmeFilenameBothIdentifyTheFile() {
        aws.putCollection(run, "db.collection1", "Sent", 5, 0, 5);
        send(file("db.collection1", "f1"));
        send(fields("db.collection1").replace("}", ",\"filename\":\"f1\"}"));
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(1);
    }

    // #5, #30-#32: missing mandatory keys: no side effect, but the DLQ gets the message and the reason (not dropped)
    @Test
    void aMessageMissingMandatoryKeysGoesToTheDeadLetterQueueWithoutSideEffects() {
        aws.putCollection(run, "db.collection1", "Sent", 1, 0, 1);
        String body = "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"db.collection1\",\"snapshot_type\":\"fulls\",\"export_date\":\"\"}";
        send(body);
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isZero();
        List<Message> dead = aws.drain(aws.deadLetterQueue);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).body()).isEqualTo(body);
        assertThat(dead.get(0).messageAttributes().get("reason").stringValue())
                .isEqualTo("Status message is missing mandatory field(s) export_date (absent, null or empty)");
        assertThat(aws.drain(aws.exportStateQueue)).isEmpty();
    }

    @Test
    void anUnparsableMessageGoesToTheDeadLetterQueue() {
        send("not json at all");
        List<Message> dead = aws.drain(aws.deadLetterQueue);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageAttributes().get("reason").stringValue()).isEqualTo("Message body is not JSON: not json at all");
    }

    // #6-#9: no / null / "" / "false" is_success_file -> normal flow, flags default to "true"
    @Test
    void withoutASuccessFlagTheFileIsCountedAndTheFlagsDefaultToTrue() {
        aws.putCollection(run, "db.collection1", "Exported", 4, 0, 0);
        send(fields("db.collection1").replace("}", ",\"file_name\":\"a\"}"));
        send(fields("db.collection1").replace("}", ",\"file_name\":\"b\",\"is_success_file\":null}"));
        send(fields("db.collection1").replace("}", ",\"file_name\":\"c\",\"is_success_file\":\"\"}"));
        send(fields("db.collection1").replace("}", ",\"file_name\":\"d\",\"is_success_file\":\"false\"}"));
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Received");
        List<Message> exportState = aws.drain(aws.exportStateQueue);
        assertThat(exportState).hasSize(1);
        assertThat(exportState.get(0).body()).isEqualTo("{\"shutdown_flag\": \"true\", \"correlation_id\": \"" + run
                + "\", \"topic_name\": \"db.collection1\", \"snapshot_type\": \"fulls\", \"reprocess_files\": \"true\", "
                + "\"export_date\": \"2021-01-01\", \"send_success_indicator\": \"true\"}");
    }

    // #10, #11: "true" and "TRUE" (and JSON true) are success files
    @Test
    void successFlagInAnyCaseOrAsABooleanIsASuccessFile() {
        aws.putCollection(run, "db.collection1", "Received", 1, 1, 1);
        aws.putCollection(run, "db.collection2", "Sent", 1, 1, 1);
        aws.putCollection(run, "db.collection3", "Received", 1, 1, 1);
        send(success("db.collection1", "\"true\""));
        send(success("db.collection2", "\"TRUE\""));
        send(success("db.collection3", "true"));
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Success");
        assertThat(aws.collection(run, "db.collection2").status()).isEqualTo("Success");
        assertThat(aws.collection(run, "db.collection3").status()).isEqualTo("Success");
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(1);
    }

    // #12: the last file of the last collection: Received, export-state message (FIFO group), product RECEIVED, no SNS
    @Test
    void whenAllCollectionsHaveBeenReceivedTheProductIsReceivedAndNoSnsIsSent() {
        aws.putCollection(run, "db.collection1", "Sent", 1, 0, 1);
        aws.putCollection(run, "db.collection2", "Received", 3, 3, 3);
        send(file("db.collection1", "test_file"));
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Received");
        List<Message> exportState = aws.drain(aws.exportStateQueue);
        assertThat(exportState).hasSize(1);
        assertThat(exportState.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("db_collection1");
        assertThat(aws.productStatus(run)).isEqualTo("RECEIVED");
        assertThat(app.snsPublishes).isEmpty();
        assertThat(app.metrics().count(SnapshotMetrics.ALL_COLLECTIONS_RECEIVED, run)).isEqualTo(1.0);
        assertThat(app.metrics().count(SnapshotMetrics.COLLECTIONS_RECEIVED, run)).isEqualTo(1.0);
        assertThat(app.metrics().count(SnapshotMetrics.FILES_RECEIVED, run)).isEqualTo(1.0);
    }

    // #13, #14: this collection received, another not: no product update, no SNS
    @Test
    void whenOtherCollectionsAreNotReceivedTheProductIsUntouched() {
        aws.putCollection(run, "db.collection1", "Sent", 1, 0, 1);
        aws.putCollection(run, "db.collection2", "Sent", 3, 1, 3);
        send(fields("db.collection1").replace("}", ",\"file_name\":\"x\",\"shutdown_flag\":\"false\",\"reprocess_files\":false}"));
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Received");
        List<Message> exportState = aws.drain(aws.exportStateQueue);
        assertThat(exportState).extracting(Message::body).containsExactly("{\"shutdown_flag\": \"false\", \"correlation_id\": \"" + run
                + "\", \"topic_name\": \"db.collection1\", \"snapshot_type\": \"fulls\", \"reprocess_files\": false, "
                + "\"export_date\": \"2021-01-01\", \"send_success_indicator\": \"true\"}");
        assertThat(aws.productStatus(run)).isNull();
        assertThat(app.snsPublishes).isEmpty();
        assertThat(app.metrics().count(SnapshotMetrics.ALL_COLLECTIONS_RECEIVED, run)).isZero();
    }

    // #15: not all files yet: only the count changes
    @Test
    void whenTheCollectionIsNotFullyReceivedOnlyTheCountChanges() {
        aws.putCollection(run, "db.collection1", "Sent", 2, 0, 2);
        send(file("db.collection1", "one"));
        CollectionItem item = aws.collection(run, "db.collection1");
        assertThat(item.status()).isEqualTo("Sent");
        assertThat(item.filesReceived()).isEqualTo(1);
        assertThat(aws.drain(aws.exportStateQueue)).isEmpty();
        assertThat(aws.productStatus(run)).isNull();
        assertThat(app.metrics().count(SnapshotMetrics.COLLECTIONS_RECEIVED, run)).isZero();
    }

    // status Exporting never becomes Received, whatever the count (#41 as behaviour)
    @Test
    void anExportingCollectionIsNeverReceived() {
        aws.putCollection(run, "db.collection1", "Exporting", 1, 0, 0);
        send(file("db.collection1", "one"));
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Exporting");
        assertThat(aws.drain(aws.exportStateQueue)).isEmpty();
    }

    // #16: the last success file: Success, one exact SNS message, product COMPLETED
    @Test
    void whenAllCollectionsAreSuccessfulMonitoringIsToldOnceAndTheProductCompletes() {
        aws.putCollection(run, "db.collection1", "Received", 1, 1, 1);
        aws.putCollection(run, "db.collection2", "Success", 1, 1, 1);
        send(success("db.collection1", "\"true\""));
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Success");
        assertThat(app.snsPublishes).hasSize(1);
        assertThat(app.snsPublishes.get(0).topicArn()).startsWith("arn:aws:sns:").endsWith(":" + aws.monitoringTopic);
        assertThat(aws.awaitMessages(aws.monitoringTap, 1)).singleElement().extracting(Message::body).isEqualTo("{\"severity\": \"Critical\", \"notification_type\": \"Information\", "
                + "\"slack_username\": \"Snapshot Sender\", \"title_text\": \"Fulls - All collections successful\", \"custom_elements\": "
                + "[{\"key\": \"Export date\", \"value\": \"2021-01-01\"}, {\"key\": \"Correlation Id\", \"value\": \"" + run + "\"}]}");
        assertThat(aws.productStatus(run)).isEqualTo("COMPLETED");
        assertThat(app.metrics().count(SnapshotMetrics.ALL_COLLECTIONS_SUCCESSFUL, run)).isEqualTo(1.0);
        assertThat(app.metrics().count(SnapshotMetrics.COLLECTIONS_SUCCESSFUL, run)).isEqualTo(1.0);
    }

    // #3 + #4 through the route: with a push gateway, each message pushes the run's counters; the completed run's
    // group is deleted after the retention
    @Test
    void aCompletedRunsPushGatewayGroupIsDeletedAfterTheRetention() throws Exception {
        com.github.tomakehurst.wiremock.WireMockServer gateway = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        gateway.start();
        try {
            gateway.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
            app.close();
            app = new SnapshotApp(aws, 1, Map.of("snapshot.metrics.pushgateway", "127.0.0.1:" + gateway.port(),
                    "snapshot.metrics.completed-run-retention", "PT0.2S"), "direct:status");
            aws.putCollection(run, "db.collection1", "Received", 1, 1, 1);
            send(success("db.collection1", "\"true\""));
            assertThat(aws.productStatus(run)).isEqualTo("COMPLETED");
            String group = "/metrics/job/snapshot_sender_status_checker/component/snapshot_sender_status_checker/correlation_id/" + run;
            gateway.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(group)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.findAll(com.github.tomakehurst.wiremock.client.WireMock
                    .deleteRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(group))).isEmpty());
            gateway.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(group)));
        } finally {
            gateway.stop();
        }
    }

    // #17: successful, others not: no SNS, product untouched
    @Test
    void whenOtherCollectionsAreNotSuccessfulNothingIsPublished() {
        aws.putCollection(run, "db.collection1", "Sent", 1, 1, 1);
        aws.putCollection(run, "db.collection2", "Received", 1, 1, 1);
        send(success("db.collection1", "\"true\""));
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Success");
        assertThat(app.snsPublishes).isEmpty();
        assertThat(aws.productStatus(run)).isNull();
    }

    // #18 + §3.11.4: a success file that comes too early is never silently dropped. On the real queue it waits there
    // (SnapshotRacesIT); without an SQS message to leave on a queue (this direct input) it is dead-lettered at once,
    // and the caller sees the failure
    @Test
    void aSuccessFileForACollectionNotReadyIsNeverDropped() {
        aws.putCollection(run, "db.collection1", "Exported", 1, 0, 0);
        String body = success("db.collection1", "\"true\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(body))
                .hasRootCauseInstanceOf(routes.shared.RetryLater.class);
        assertThat(aws.collection(run, "db.collection1").status()).isEqualTo("Exported");
        List<Message> dead = aws.drain(aws.deadLetterQueue);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageAttributes().get("attempts").stringValue()).isEqualTo("1");
        assertThat(dead.get(0).messageAttributes().get("reason").stringValue()).contains("arrived while the collection is Exported");
        assertThat(app.snsPublishes).isEmpty();
    }

    // missing status item: a clear error in the DLQ
    @Test
    void aFileForAnUnknownCollectionIsDeadLetteredWithAClearReason() {
        send(file("db.unknown", "f"));
        List<Message> dead = aws.drain(aws.deadLetterQueue);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageAttributes().get("reason").stringValue()).isEqualTo("No status item for CorrelationId="
                + run + ", CollectionName=db.unknown in table " + aws.statusTable);
    }

    // §3.11.5: a missing FilesReceived starts from 0
    @Test
    void aMissingFilesReceivedStartsFromZero() {
        aws.putCollection(run, "db.collection1", "Sent", 2, null, 2);
        send(file("db.collection1", "a"));
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(1);
    }

    // §3.11.1: the same file delivered twice counts once, so a missing file is never hidden by a duplicate
    @Test
    void theSameFileTwiceCountsOnce() {
        aws.putCollection(run, "db.collection1", "Sent", 2, 0, 2);
        send(file("db.collection1", "a"));
        send(file("db.collection1", "a"));
        CollectionItem item = aws.collection(run, "db.collection1");
        assertThat(item.filesReceived()).isEqualTo(1);
        assertThat(item.status()).isEqualTo("Sent");
        assertThat(aws.drain(aws.exportStateQueue)).isEmpty();
        assertThat(app.metrics().count(SnapshotMetrics.FILES_RECEIVED, run)).isEqualTo(1.0);
    }

    // without a file name the SQS message id identifies the file: a redelivery counts once, other messages count
    @Test
    void withoutAFileNameTheMessageIdMakesTheReceiptIdempotent() {
        aws.putCollection(run, "db.collection1", "Sent", 3, 0, 3);
        app.template().sendBodyAndHeader("direct:status", fields("db.collection1"), "CamelAwsSqsMessageId", "m-1");
        app.template().sendBodyAndHeader("direct:status", fields("db.collection1"), "CamelAwsSqsMessageId", "m-1");
        app.template().sendBodyAndHeader("direct:status", fields("db.collection1"), "CamelAwsSqsMessageId", "m-2");
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(2);
    }

    // ... and a replayed dead letter, which SQS gives a new message id, keeps its first one (originalMessageId)
    @Test
    void aReplayedMessageWithoutAFileNameCountsOnce() {
        aws.putCollection(run, "db.collection1", "Sent", 3, 0, 3);
        app.template().sendBodyAndHeader("direct:status", fields("db.collection1"), "CamelAwsSqsMessageId", "m-1");
        app.template().sendBodyAndHeaders("direct:status", fields("db.collection1"), Map.of("CamelAwsSqsMessageId", "m-7",
                "CamelAwsSqsMessageAttributes", Map.of(routes.shared.MessageContext.ORIGINAL_MESSAGE_ID,
                        software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String").stringValue("m-1").build())));
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(1);
    }

    // §3.11.3: the product never goes back from COMPLETED to RECEIVED
    @Test
    void theProductNeverGoesBackFromCompleted() {
        aws.putCollection(run, "db.collection1", "Success", 1, 1, 1);
        aws.putCollection(run, "db.collection2", "Exported", 2, 1, 0);
        new ProductTable(aws.dynamo, aws.productTable, app.metrics()).markCompleted(run);
        send(file("db.collection2", "last"));
        assertThat(aws.collection(run, "db.collection2").status()).isEqualTo("Received");
        assertThat(aws.productStatus(run)).isEqualTo("COMPLETED");
    }

    // a redelivered winner (its earlier attempt moved the collection but failed before the message) still sends it once
    @Test
    void aRedeliveryOfTheWinningFileFinishesItsStepsOnce() {
        aws.putCollection(run, "db.collection1", "Sent", 1, 0, 1);
        aws.statusTable().countFile(run, "db.collection1", "file:last");
        aws.statusTable().markReceived(run, "db.collection1", "file:last");
        send(file("db.collection1", "last"));
        send(file("db.collection1", "last"));
        assertThat(aws.drain(aws.exportStateQueue)).hasSize(1);
        assertThat(aws.collection(run, "db.collection1").filesReceived()).isEqualTo(1);
    }

    // §3.11.2 duplicate success files: one SNS message
    @Test
    void duplicateSuccessFilesPublishOnce() {
        aws.putCollection(run, "db.collection1", "Received", 1, 1, 1);
        send(success("db.collection1", "\"true\""));
        send(success("db.collection1", "\"true\""));
        send(success("db.collection1", "\"true\"").replace("_success", "_success_again"));
        assertThat(app.snsPublishes).hasSize(1);
        assertThat(app.metrics().count(SnapshotMetrics.COLLECTIONS_SUCCESSFUL, run)).isEqualTo(1.0);
        assertThat(app.metrics().count(SnapshotMetrics.ALL_COLLECTIONS_SUCCESSFUL, run)).isEqualTo(1.0);
        assertThat(aws.drain(aws.deadLetterQueue)).isEmpty();
    }

    // #61/#62 on the Prometheus endpoint: the original's names and labels
    @Test
    void countersAreOnThePrometheusScrapeWithTheOriginalsNamesAndLabels() {
        aws.putCollection(run, "db.collection1", "Sent", 1, 0, 1);
        send(file("db.collection1", "f"));
        String scrape = app.scrape();
        assertThat(scrape).contains("snapshot_sender_status_checker_files_received_total{collection_name=\"db.collection1\",correlation_id=\""
                + run + "\",export_date=\"2021-01-01\",snapshot_type=\"fulls\"} 1.0");
        assertThat(scrape).contains("snapshot_sender_status_checker_collections_received_total{correlation_id=\""
                + run + "\",export_date=\"2021-01-01\",snapshot_type=\"fulls\"} 1.0");
        assertThat(scrape).contains("snapshot_sender_status_checker_message_processing_time_count");
    }

    private void send(String body) {
        app.template().sendBodyAndHeader("direct:status", body, "CamelAwsSqsMessageId", UUID.randomUUID().toString());
    }

    private String fields(String collection) {
        return "{\"correlation_id\":\"" + run + "\",\"collection_name\":\"" + collection
                + "\",\"snapshot_type\":\"fulls\",\"export_date\":\"2021-01-01\"}";
    }

    private String file(String collection, String fileName) {
        return fields(collection).replace("}", ",\"file_name\":\"" + fileName + "\"}");
    }

    private String success(String collection, String flag) {
        return fields(collection).replace("}", ",\"file_name\":\"_success\",\"is_success_file\":" + flag + "}");
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
