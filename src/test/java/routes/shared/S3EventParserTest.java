package routes.shared;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3EventParserTest {
    private final S3EventParser parser = new S3EventParser();

    static String s3Record(String eventName, String key) {
        return """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-2","eventTime":"2026-11-22T10:00:00.000Z",
                 "eventName":"%s","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"temp-uploads","arn":"arn:aws:s3:::temp-uploads"},
                 "object":{"key":"%s","size":2048,"eTag":"abc123","versionId":"v1","sequencer":"0055AED6DCD90281E5"}}}
                """.formatted(eventName, key);
    }

    @Test
    void decodesS3KeysWithPlusAsSpace() {
        List<S3ObjectRef> refs = parser.createdObjects("{\"Records\":[" + s3Record("ObjectCreated:Put",
                "X01000000/2019-12-12/2019-09-30T17%3A00%3A02.396833/my+data%2B1.csv") + "]}");

        assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.bucket()).isEqualTo("temp-uploads");
            assertThat(ref.key()).isEqualTo("X01000000/2019-12-12/2019-09-30T17:00:02.396833/my data+1.csv");
            assertThat(ref.size()).isEqualTo(2048L);
            assertThat(ref.eTag()).isEqualTo("abc123");
            assertThat(ref.versionKey()).isEqualTo("temp-uploads/X01000000/2019-12-12/2019-09-30T17:00:02.396833/my data+1.csv@v1");
        });
    }

    @Test
    void keepsOnlyCreatedObjectsAndAllRecords() {
        String body = "{\"Records\":[" + s3Record("ObjectCreated:Put", "a.csv") + "," + s3Record("ObjectRemoved:Delete", "b.csv")
                + "," + s3Record("ObjectCreated:CompleteMultipartUpload", "c.csv") + "]}";
        assertThat(parser.createdObjects(body)).extracting(S3ObjectRef::key).containsExactly("a.csv", "c.csv");
    }

    @Test
    void readsTheEventBridgeShape() {
        String body = """
                {"version":"0","id":"1","detail-type":"Object Created","source":"aws.s3","time":"2026-11-22T10:00:00Z",
                 "region":"eu-west-2","detail":{"version":"0","bucket":{"name":"inbox"},
                 "object":{"key":"mail/abc+def","size":10,"etag":"e1","version-id":"v9","sequencer":"1"},"reason":"PutObject"}}
                """;
        assertThat(parser.createdObjects(body)).singleElement().satisfies(ref -> {
            assertThat(ref.bucket()).isEqualTo("inbox");
            assertThat(ref.key()).isEqualTo("mail/abc def");
            assertThat(ref.versionId()).isEqualTo("v9");
            assertThat(ref.eventName()).isEqualTo("ObjectCreated:PutObject");
        });
    }

    @Test
    void unwrapsSnsEnvelopesAndSqsBodies() {
        String s3 = "{\"Records\":[" + s3Record("ObjectCreated:Put", "k%20x") + "]}";
        String sns = "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"Message\":" + quote(s3) + "}";
        String sqsWrapped = "{\"Records\":[{\"messageId\":\"m\",\"body\":" + quote(sns) + "}]}";

        assertThat(parser.createdObjects(sns)).extracting(S3ObjectRef::key).containsExactly("k x");
        assertThat(parser.createdObjects(sqsWrapped)).extracting(S3ObjectRef::key).containsExactly("k x");
    }

    @Test
    void theTestEventYieldsNothing() {
        assertThat(parser.createdObjects("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}")).isEmpty();
    }

    @Test
    void rejectsWhatIsNotANotificationWithAClearReason() {
        assertThatThrownBy(() -> parser.createdObjects("not json")).isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("Not an S3 event notification: the message body is not JSON");
        assertThatThrownBy(() -> parser.createdObjects("{\"hello\":1}")).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("no Records[]");
        assertThatThrownBy(() -> parser.createdObjects("{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{}}}]}"))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("s3.object.key is missing");
        assertThatThrownBy(() -> parser.createdObjects("")).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("empty");
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
