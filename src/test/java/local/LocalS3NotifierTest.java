package local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.shared.RecordingSqsClient;
import routes.shared.S3EventParser;
import routes.shared.S3ObjectRef;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class LocalS3NotifierTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private final FakeBucket bucket = new FakeBucket();
    private final RecordingSqsClient sqs = new RecordingSqsClient();

    @Test
    void theEventIsS3sStandardNotificationAndParsesBackToTheDecodedKey() throws Exception {
        String key = "reports/2026-05-01T17:00:02/May 2026 (final)+ü.csv";
        String event = LocalS3Notifier.eventJson("eu-west-2", "temp-uploads", key, 2048, "9b2cf535f27731c974343645a3985328",
                "0000000000000000AB", NOW);

        JsonNode record = JSON.readTree(event).path("Records").get(0);
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo("eu-west-2");
        assertThat(record.path("eventTime").asText()).isEqualTo("2026-11-22T10:15:30.123Z");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("userIdentity").path("principalId").asText()).isNotEmpty();
        assertThat(record.path("requestParameters").path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(record.path("responseElements").has("x-amz-request-id")).isTrue();
        assertThat(record.path("responseElements").has("x-amz-id-2")).isTrue();
        JsonNode s3 = record.path("s3");
        assertThat(s3.path("s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(s3.path("configurationId").asText()).isNotEmpty();
        assertThat(s3.path("bucket").path("name").asText()).isEqualTo("temp-uploads");
        assertThat(s3.path("bucket").path("ownerIdentity").path("principalId").asText()).isNotEmpty();
        assertThat(s3.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::temp-uploads");
        assertThat(s3.path("object").path("key").asText())
                .isEqualTo("reports/2026-05-01T17%3A00%3A02/May+2026+%28final%29%2B%C3%BC.csv");
        assertThat(s3.path("object").path("size").asLong()).isEqualTo(2048);
        assertThat(s3.path("object").path("eTag").asText()).isEqualTo("9b2cf535f27731c974343645a3985328");
        assertThat(s3.path("object").path("sequencer").asText()).isEqualTo("0000000000000000AB");

        assertThat(new S3EventParser().createdObjects(event)).singleElement().satisfies(ref -> {
            assertThat(ref.bucket()).isEqualTo("temp-uploads");
            assertThat(ref.key()).isEqualTo(key);
            assertThat(ref.size()).isEqualTo(2048L);
            assertThat(ref.eTag()).isEqualTo("9b2cf535f27731c974343645a3985328");
            assertThat(ref.eventName()).isEqualTo("ObjectCreated:Put");
        });
    }

    @Test
    void anObjectIsAnnouncedOnceWhenTwoPollsSeeItUnchanged() {
        LocalS3Notifier notifier = notifier();
        bucket.put("a.csv", 10, "e1");
        assertThat(notifier.pollOnce()).isZero();
        assertThat(notifier.pollOnce()).isEqualTo(1);
        assertThat(notifier.pollOnce()).isZero();
        assertThat(sqs.sent).singleElement().satisfies(send -> {
            assertThat(send.queueUrl()).endsWith("/upload-events");
            assertThat(keys(send)).containsExactly("a.csv");
        });
    }

    @Test
    void aFileStillBeingWrittenIsAnnouncedOnlyOnceItStopsChanging() {
        LocalS3Notifier notifier = notifier();
        bucket.put("big.zip", 100, "e1");
        notifier.pollOnce();
        bucket.put("big.zip", 200, "e2");
        assertThat(notifier.pollOnce()).isZero();
        bucket.put("big.zip", 300, "e3");
        assertThat(notifier.pollOnce()).isZero();
        assertThat(notifier.pollOnce()).isEqualTo(1);
        assertThat(new S3EventParser().createdObjects(sqs.sent.get(0).messageBody()))
                .extracting(S3ObjectRef::size).containsExactly(300L);
    }

    @Test
    void aNewVersionOfAKeyIsAnnouncedAgain() {
        LocalS3Notifier notifier = notifier();
        bucket.put("a.csv", 10, "e1");
        notifier.pollOnce();
        notifier.pollOnce();
        bucket.put("a.csv", 12, "e2");
        notifier.pollOnce();
        notifier.pollOnce();
        assertThat(sqs.sent).extracting(s -> new S3EventParser().createdObjects(s.messageBody()).get(0).eTag())
                .containsExactly("e1", "e2");
    }

    @Test
    void aRestartedNotifierDoesNotAnnounceWhatWasAnnouncedBefore() {
        LocalS3Notifier first = notifier();
        bucket.put("a.csv", 10, "e1");
        first.pollOnce();
        first.pollOnce();
        first.close();

        LocalS3Notifier restarted = notifier();
        bucket.put("b.csv", 5, "e9");
        restarted.pollOnce();
        restarted.pollOnce();
        assertThat(sqs.sent).flatExtracting(LocalS3NotifierTest::keys).containsExactly("a.csv", "b.csv");
    }

    @Test
    void aCopiedFileWithoutAnEtagIsAnnouncedOnceWithItsMd5() {
        LocalS3Notifier notifier = notifier();
        bucket.putFile("copied.csv", "a,b\n");
        notifier.pollOnce();
        notifier.pollOnce();
        notifier.pollOnce();
        assertThat(sqs.sent).singleElement().satisfies(send -> assertThat(
                new S3EventParser().createdObjects(send.messageBody()).get(0).eTag())
                .isEqualTo("f69f5b72bc79a92dc70c63c9aa142e36")); // md5 of "a,b\n"

        bucket.putFile("copied.csv", "a,b\n1,2\n"); // overwritten: a new version
        notifier.pollOnce();
        notifier.pollOnce();
        assertThat(sqs.sent).hasSize(2);
    }

    @Test
    void hiddenAndInternalFilesAreIgnored() {
        LocalS3Notifier notifier = notifier();
        bucket.put(".mpus-upload-1-part-1", 10, "e1");
        bucket.put("reports/.DS_Store", 10, "e2");
        bucket.put(".s3proxy/meta", 10, "e3");
        bucket.put("reports/", 0, "e4");
        notifier.pollOnce();
        notifier.pollOnce();
        assertThat(sqs.sent).isEmpty();
    }

    @Test
    void everyPageOfTheListingIsRead() {
        LocalS3Notifier notifier = notifier();
        for (int i = 0; i < 2500; i++) {
            bucket.put("file-" + i + ".csv", i, "e" + i);
        }
        notifier.pollOnce();
        assertThat(notifier.pollOnce()).isEqualTo(2500);
        assertThat(bucket.listCalls).isGreaterThanOrEqualTo(6);
    }

    private LocalS3Notifier notifier() {
        return new LocalS3Notifier(bucket, sqs, queue -> "http://127.0.0.1:9324/000000000000/" + queue,
                Map.of("temp-uploads", "upload-events"), state, "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<String> keys(SendMessageRequest send) {
        return new S3EventParser().createdObjects(send.messageBody()).stream().map(S3ObjectRef::key).toList();
    }

    /** One bucket's listing, paged 1000 keys at a time like S3. */
    private static final class FakeBucket implements S3Client {
        private final TreeMap<String, S3Object> objects = new TreeMap<>();
        int listCalls;

        private final Map<String, String> contents = new java.util.HashMap<>();

        /** A file copied into the folder: listed without an ETag. */
        void putFile(String key, String content) {
            contents.put(key, content);
            objects.put(key, S3Object.builder().key(key).size((long) content.length())
                    .lastModified(NOW.plusSeconds(objects.size() + contents.size() * 7L)).build());
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            byte[] bytes = contents.get(request.key()).getBytes(StandardCharsets.UTF_8);
            return new ResponseInputStream<>(GetObjectResponse.builder().build(),
                    AbortableInputStream.create(new ByteArrayInputStream(bytes)));
        }

        void put(String key, long size, String eTag) {
            objects.put(key, S3Object.builder().key(key).size(size).eTag("\"" + eTag + "\"")
                    .lastModified(NOW.plusSeconds(size)).build());
        }

        @Override
        public software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse listMultipartUploads(
                software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest request) {
            return software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse.builder().isTruncated(false).build();
        }

        @Override
        public software.amazon.awssdk.services.s3.model.HeadObjectResponse headObject(
                software.amazon.awssdk.services.s3.model.HeadObjectRequest request) {
            if (!objects.containsKey(request.key())) {
                throw software.amazon.awssdk.services.s3.model.NoSuchKeyException.builder().build();
            }
            return software.amazon.awssdk.services.s3.model.HeadObjectResponse.builder().build();
        }

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            listCalls++;
            List<S3Object> page = new ArrayList<>();
            String after = request.continuationToken();
            for (S3Object object : (after == null ? objects : objects.tailMap(after, false)).values()) {
                if (page.size() == 1000) {
                    break;
                }
                page.add(object);
            }
            boolean more = !page.isEmpty() && objects.higherKey(page.get(page.size() - 1).key()) != null;
            return ListObjectsV2Response.builder().contents(page).keyCount(page.size()).isTruncated(more)
                    .nextContinuationToken(more ? page.get(page.size() - 1).key() : null).build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}
