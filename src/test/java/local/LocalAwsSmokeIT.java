package local;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.shared.S3EventParser;
import routes.shared.S3ObjectRef;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local AWS wired through Camel's aws2 components (the SDK clients of {@link LocalAws} as the components'
 * clients), with the demo resources of src/test/resources/local/smoke-resources.yaml.
 */
@ExtendWith(LocalAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalAwsSmokeIT {
    private LocalAws aws;
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeAll
    void startCamel(LocalAws aws) throws Exception {
        this.aws = aws;
        aws.createResources(List.of(resource("local/smoke-resources.yaml")));
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("s3", aws.s3());
        camel.getRegistry().bind("sqs", aws.sqs());
        camel.getRegistry().bind("ddb", aws.dynamoDb());
        camel.getRegistry().bind("sns", aws.sns());
        camel.getRegistry().bind("ses", aws.ses());
        camel.getRegistry().bind("sfn", aws.sfn());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aws2-sqs://smoke-standard?amazonSQSClient=#sqs&waitTimeSeconds=1").routeId("standard").to("mock:standard");
                from("aws2-sqs://smoke-orders.fifo?amazonSQSClient=#sqs&waitTimeSeconds=1").routeId("fifo").to("mock:fifo");
                from("aws2-sqs://smoke-monitoring-tap?amazonSQSClient=#sqs&waitTimeSeconds=1&messageAttributeNames=All").routeId("tap").to("mock:tap");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterAll
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void s3PutGetAndCopyThroughTheS3Component() throws Exception {
        String key = "inbox/" + UUID.randomUUID() + " report.csv";
        producer.sendBodyAndHeader("aws2-s3://smoke-copies?amazonS3Client=#s3", "a,b\n1,2\n", AWS2S3Constants.KEY, key);

        Exchange got = producer.request("aws2-s3://smoke-copies?amazonS3Client=#s3&operation=getObject",
                e -> e.getMessage().setHeader(AWS2S3Constants.KEY, key));
        try (InputStream in = got.getMessage().getBody(InputStream.class)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
        }

        producer.request("aws2-s3://smoke-copies?amazonS3Client=#s3&operation=copyObject", e -> {
            e.getMessage().setHeader(AWS2S3Constants.KEY, key);
            e.getMessage().setHeader(AWS2S3Constants.BUCKET_DESTINATION_NAME, "smoke-copies");
            e.getMessage().setHeader(AWS2S3Constants.DESTINATION_KEY, "copies/" + key);
        });
        assertThat(aws.s3().getObjectAsBytes(b -> b.bucket("smoke-copies").key("copies/" + key)).asUtf8String())
                .isEqualTo("a,b\n1,2\n");
        // the filesystem blob store: the object is a file under <dataDir>/s3/<bucket>/<key>
        assertThat(aws.bucketDir("smoke-copies").resolve(key)).hasContent("a,b\n1,2\n");
    }

    @Test
    void sqsStandardQueueSendAndReceive() throws Exception {
        MockEndpoint mock = camel.getEndpoint("mock:standard", MockEndpoint.class);
        mock.expectedBodiesReceived("hello standard");
        producer.sendBody("aws2-sqs://smoke-standard?amazonSQSClient=#sqs", "hello standard");
        mock.assertIsSatisfied(20_000);
    }

    @Test
    void sqsFifoQueueKeepsTheOrderOfAGroup() throws Exception {
        MockEndpoint mock = camel.getEndpoint("mock:fifo", MockEndpoint.class);
        mock.expectedBodiesReceived("first", "second", "third");
        String uri = "aws2-sqs://smoke-orders.fifo?amazonSQSClient=#sqs&messageGroupIdStrategy=useConstant"
                + "&messageDeduplicationIdStrategy=useExchangeId";
        for (String body : List.of("first", "second", "third")) {
            producer.sendBody(uri, body);
        }
        mock.assertIsSatisfied(20_000);
        assertThat(aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl("smoke-orders.fifo"))
                .attributeNamesWithStrings("FifoQueue", "ContentBasedDeduplication")).attributesAsStrings())
                .containsEntry("FifoQueue", "true").containsEntry("ContentBasedDeduplication", "false");
    }

    @Test
    void queuesDeclaredWithADeadLetterQueueHaveARedrivePolicy() {
        Map<String, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(aws.queueUrl("smoke-upload-events"))
                .attributeNamesWithStrings("All")).attributesAsStrings();
        assertThat(attributes.get("RedrivePolicy")).contains("smoke-upload-events-dlq").contains("3");
        assertThat(attributes).containsEntry("VisibilityTimeout", "5");
    }

    @Test
    void dynamoDbConditionalUpdateThroughTheClientAndGetItemThroughTheDdbComponent() {
        String id = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = Map.of("CorrelationId", AttributeValue.fromS(id),
                "CollectionName", AttributeValue.fromS("polling-stations"));
        aws.dynamoDb().updateItem(b -> b.tableName("smoke-status").key(key)
                .updateExpression("SET #s = :s, #v = :v")
                .conditionExpression("attribute_not_exists(#v) OR #v < :v")
                .expressionAttributeNames(Map.of("#s", "Status", "#v", "Version"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("COMPLETE"), ":v", AttributeValue.fromN("2")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThatThrownBy(() -> aws.dynamoDb().updateItem(b -> b.tableName("smoke-status").key(key)
                .updateExpression("SET #s = :s, #v = :v")
                .conditionExpression("attribute_not_exists(#v) OR #v < :v")
                .expressionAttributeNames(Map.of("#s", "Status", "#v", "Version"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("STALE"), ":v", AttributeValue.fromN("1")))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        Exchange got = producer.request("aws2-ddb://smoke-status?amazonDDBClient=#ddb&operation=GetItem&consistentRead=true",
                e -> e.getMessage().setHeader(Ddb2Constants.KEY, key));
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue> item = got.getMessage().getHeader(Ddb2Constants.ATTRIBUTES, Map.class);
        assertThat(item.get("Status").s()).isEqualTo("COMPLETE");
        assertThat(item.get("Version").n()).isEqualTo("2");
    }

    @Test
    void snsPublishReachesTheSubscribedQueue() throws Exception {
        MockEndpoint mock = camel.getEndpoint("mock:tap", MockEndpoint.class);
        mock.expectedBodiesReceived("{\"snapshot\":\"late\"}");
        mock.expectedHeaderReceived("pipeline", "snapshot"); // a message attribute, kept by raw delivery and the bridge
        producer.sendBodyAndHeaders("aws2-sns://smoke-monitoring?amazonSNSClient=#sns", "{\"snapshot\":\"late\"}",
                Map.of("CamelAwsSnsSubject", "monitoring", "pipeline", "snapshot"));
        mock.assertIsSatisfied(20_000);
    }

    @Test
    void sesSendIsVisibleInTheEmulatorsStore() {
        String subject = "Upload checked " + UUID.randomUUID();
        producer.sendBodyAndHeader("aws2-ses://noreply@example.org?amazonSESClient=#ses&to=officer@example.org",
                "Your file was checked.", "CamelAwsSesSubject", subject);
        JsonNode emails = aws.sesSentEmails();
        assertThat(emails.findValuesAsText("subject")).contains(subject);
    }

    @Test
    void stepFunctionsExecutionWithAnActivityTaskSucceeds() throws Exception {
        String machineArn = aws.sfn().listStateMachines(b -> { }).stateMachines().stream()
                .filter(m -> m.name().equals("smoke-review-flow")).findFirst().orElseThrow().stateMachineArn();
        String activityArn = aws.sfn().listActivities(b -> { }).activities().stream()
                .filter(a -> a.name().equals("smoke-review")).findFirst().orElseThrow().activityArn();

        Exchange started = producer.request("aws2-step-functions://smoke?awsSfnClient=#sfn&operation=startExecution", e -> {
            e.getMessage().setHeader(StepFunctions2Constants.STATE_MACHINE_ARN, machineArn);
            e.getMessage().setHeader(StepFunctions2Constants.EXECUTION_NAME, "smoke-" + UUID.randomUUID());
            e.getMessage().setHeader(StepFunctions2Constants.EXECUTION_INPUT, "{\"upload\":\"report.csv\"}");
        });
        String executionArn = started.getMessage().getBody(StartExecutionResponse.class).executionArn();

        GetActivityTaskResponse task = aws.sfn().getActivityTask(b -> b.activityArn(activityArn).workerName("smoke"));
        assertThat(task.taskToken()).isNotBlank();
        assertThat(task.input()).contains("report.csv");
        aws.sfn().sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"approved\":true}"));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(aws.sfn().describeExecution(b -> b.executionArn(executionArn)).status()).isEqualTo(ExecutionStatus.SUCCEEDED));
    }

    @Test
    void aFileCopiedIntoTheBucketFolderIsAnnouncedOnceOnTheQueue() throws Exception {
        String key = "reports/" + UUID.randomUUID() + "/May 2026 (final).csv";
        Path file = aws.bucketDir("smoke-uploads").resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "station,votes\nA,1\n");

        List<Message> first = receive("smoke-upload-events", 1);
        assertThat(first).hasSize(1);
        List<S3ObjectRef> refs = new S3EventParser().createdObjects(first.get(0).body());
        assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.bucket()).isEqualTo("smoke-uploads");
            assertThat(ref.key()).isEqualTo(key);
            assertThat(ref.size()).isEqualTo(Files.size(file));
            assertThat(ref.eventName()).isEqualTo("ObjectCreated:Put");
            assertThat(ref.eTag()).isEqualTo("a6f7979fb385760e2114b0875c74caf8"); // the content's MD5, as S3 computes it
        });

        aws.pollS3Notifications();
        aws.pollS3Notifications();
        assertThat(receive("smoke-upload-events", 0)).as("announced a second time").isEmpty();

        // a restarted notifier (same state folder) does not announce it again
        try (LocalS3Notifier restarted = new LocalS3Notifier(aws.s3(), aws.sqs(), aws::queueUrl,
                Map.of("smoke-uploads", "smoke-upload-events"), aws.dataDir().resolve("notifier"), LocalAws.REGION,
                Clock.systemUTC())) {
            assertThat(restarted.pollOnce() + restarted.pollOnce()).isZero();
        }
    }

    /**
     * A multipart upload (what {@code aws s3 cp} does from 8 MB on) is announced once, as the completed object: not
     * S3Proxy's 0-byte stub object named by the upload id that exists while the upload is in progress.
     */
    @Test
    void aMultipartUploadIsAnnouncedOnlyAsTheCompletedObject() throws Exception {
        String key = "X01000000/2026-05-07/" + UUID.randomUUID() + "/big.csv";
        byte[] part = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(part, (byte) 'a');
        String uploadId = aws.s3().createMultipartUpload(b -> b.bucket("smoke-uploads").key(key)).uploadId();
        software.amazon.awssdk.services.s3.model.UploadPartResponse first = aws.s3().uploadPart(
                b -> b.bucket("smoke-uploads").key(key).uploadId(uploadId).partNumber(1),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(part));
        aws.pollS3Notifications(); // the upload in progress, seen twice: long enough to be announced if it counted
        aws.pollS3Notifications();
        software.amazon.awssdk.services.s3.model.UploadPartResponse second = aws.s3().uploadPart(
                b -> b.bucket("smoke-uploads").key(key).uploadId(uploadId).partNumber(2),
                software.amazon.awssdk.core.sync.RequestBody.fromString("b,c\n"));
        aws.s3().completeMultipartUpload(b -> b.bucket("smoke-uploads").key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(
                        software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(1).eTag(first.eTag()).build(),
                        software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(2).eTag(second.eTag()).build())));

        List<Message> events = receive("smoke-upload-events", 1);
        List<S3ObjectRef> refs = new java.util.ArrayList<>();
        events.forEach(event -> refs.addAll(new S3EventParser().createdObjects(event.body())));
        aws.pollS3Notifications();
        aws.pollS3Notifications();
        receive("smoke-upload-events", 0).forEach(event -> refs.addAll(new S3EventParser().createdObjects(event.body())));
        assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.key()).isEqualTo(key);
            assertThat(ref.size()).isEqualTo(part.length + 4L);
        });
    }

    @Test
    void theWholeApplicationStartsInProcessAgainstTheLocalAws() throws Exception {
        // only the shared routes: pipelines' route files may not exist on every branch
        try (LocalAws.RunningApplication app = aws.startApplication(Map.of("pipelines.enabled", "transforms", "pipelines.transforms.routes", ""))) {
            assertThat(app.camelContext().isStarted()).isTrue();
            assertThat(app.camelContext().resolvePropertyPlaceholders("{{aws.endpoint.sqs}}")).isEqualTo(aws.endpoints().get("sqs"));
            assertThat(app.camelContext().resolvePropertyPlaceholders("{{stage}}")).as("local profile").isEqualTo("development");
            // readiness answers from background probes: DOWN ("not checked yet") until their first round is in
            HttpResponse<String> health = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create(app.url() + "/observe/health")).GET().build(),
                            HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("aws-reachability").doesNotContain("DOWN");
        }
    }

    /** Receives (and deletes) messages until {@code expected} arrived or a few empty long polls passed. */
    private List<Message> receive(String queue, int expected) {
        List<Message> out = new java.util.ArrayList<>();
        for (int emptyPolls = 0; emptyPolls < 8 && (expected == 0 || out.size() < expected); ) {
            List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(aws.queueUrl(queue)).waitTimeSeconds(1)
                    .maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                emptyPolls++;
            }
            for (Message message : messages) {
                out.add(message);
                aws.sqs().deleteMessage(b -> b.queueUrl(aws.queueUrl(queue)).receiptHandle(message.receiptHandle()));
            }
            if (expected == 0 && emptyPolls >= 3) {
                break;
            }
        }
        return out;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LocalAwsSmokeIT.class.getClassLoader().getResource(name).toURI());
    }
}
