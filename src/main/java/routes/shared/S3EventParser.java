package routes.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an S3 event notification into one {@link S3ObjectRef} per created object. Accepts S3's own
 * {@code Records[]} shape, the EventBridge "Object Created" shape, either wrapped in an SNS envelope, and SQS-style
 * {@code Records[].body} wrappers. Keys are URL-decoded with "plus means space" semantics, as S3 encodes them.
 * The {@code s3:TestEvent} S3 sends when a notification is configured yields no object. Pipelines never parse
 * notifications themselves: they call {@link #createdObjects(String)} and split the result.
 */
public class S3EventParser {
    /** Headers set by {@link #describe(Exchange)} for log lines and routing. */
    public static final String BUCKET = "S3Bucket";
    public static final String KEY = "S3Key";
    public static final String SIZE = "S3Size";
    public static final String ETAG = "S3ETag";
    public static final String VERSION_KEY = "S3VersionKey";

    private static final Logger LOG = LoggerFactory.getLogger(S3EventParser.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NESTING = 4;

    public List<S3ObjectRef> createdObjects(String body) {
        if (body == null || body.isBlank()) {
            throw new PermanentFailure("Not an S3 event notification: the message body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("Not an S3 event notification: the message body is not JSON (" + e.getOriginalMessage() + ")");
        }
        List<S3ObjectRef> out = new ArrayList<>();
        collect(root, out, 0);
        return out;
    }

    /** Sets the standard headers for the object in the body (an {@link S3ObjectRef}). */
    public void describe(Exchange exchange) {
        S3ObjectRef ref = exchange.getMessage().getBody(S3ObjectRef.class);
        exchange.getMessage().setHeader(BUCKET, ref.bucket());
        exchange.getMessage().setHeader(KEY, ref.key());
        exchange.getMessage().setHeader(SIZE, ref.size());
        exchange.getMessage().setHeader(ETAG, ref.eTag());
        exchange.getMessage().setHeader(VERSION_KEY, ref.versionKey());
    }

    private void collect(JsonNode node, List<S3ObjectRef> out, int depth) {
        if (depth > MAX_NESTING || node == null || !node.isObject()) {
            throw new PermanentFailure("Not an S3 event notification: unrecognised message shape");
        }
        if (node.has("Type") && node.has("Message") && node.get("Message").isTextual()) {
            collect(parseNested(node.get("Message").asText()), out, depth + 1); // SNS envelope
            return;
        }
        if ("s3:TestEvent".equals(node.path("Event").asText())) {
            LOG.info("Ignoring the s3:TestEvent sent when a bucket notification is configured");
            return;
        }
        if (node.has("detail") && "aws.s3".equals(node.path("source").asText())) {
            if ("Object Created".equals(node.path("detail-type").asText())) {
                out.add(fromEventBridge(node));
            }
            return;
        }
        JsonNode records = node.get("Records");
        if (records != null && records.isArray()) {
            for (JsonNode record : records) {
                if (record.has("s3")) {
                    if (record.path("eventName").asText("ObjectCreated:").startsWith("ObjectCreated:")) {
                        out.add(fromS3Record(record));
                    }
                } else if (record.has("body")) {
                    JsonNode body = record.get("body");
                    collect(body.isTextual() ? parseNested(body.asText()) : body, out, depth + 1);
                } else if (record.has("Sns")) {
                    collect(parseNested(record.path("Sns").path("Message").asText()), out, depth + 1);
                } else {
                    throw new PermanentFailure("Not an S3 event notification: a record has no s3 element");
                }
            }
            return;
        }
        throw new PermanentFailure("Not an S3 event notification: no Records[] and not an EventBridge S3 event");
    }

    private static JsonNode parseNested(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new PermanentFailure("Not an S3 event notification: an envelope's message is not JSON");
        }
    }

    private static S3ObjectRef fromS3Record(JsonNode record) {
        JsonNode s3 = record.path("s3");
        JsonNode object = s3.path("object");
        return new S3ObjectRef(
                required(s3.path("bucket").path("name"), "s3.bucket.name"),
                decodeKey(required(object.path("key"), "s3.object.key")),
                object.hasNonNull("size") ? object.get("size").asLong() : null,
                text(object, "eTag"),
                text(object, "versionId"),
                text(object, "sequencer"),
                text(record, "eventName"),
                text(record, "eventTime"));
    }

    private static S3ObjectRef fromEventBridge(JsonNode event) {
        JsonNode detail = event.path("detail");
        JsonNode object = detail.path("object");
        return new S3ObjectRef(
                required(detail.path("bucket").path("name"), "detail.bucket.name"),
                decodeKey(required(object.path("key"), "detail.object.key")),
                object.hasNonNull("size") ? object.get("size").asLong() : null,
                text(object, "etag"),
                text(object, "version-id"),
                text(object, "sequencer"),
                "ObjectCreated:" + detail.path("reason").asText("PutObject"),
                text(event, "time"));
    }

    private static String required(JsonNode node, String name) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new PermanentFailure("Not an S3 event notification: " + name + " is missing");
        }
        return node.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** S3 URL-encodes keys in notifications, with '+' for a space (Python's unquote_plus). */
    static String decodeKey(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("Not an S3 event notification: the object key is not valid URL encoding");
        }
    }
}
