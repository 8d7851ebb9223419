package routes.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Re-runs the emails that went to {@code unrouted/} in the unprocessable bucket (no recipient, an area not configured
 * yet, unparseable headers), e.g. after adding their area: {@code POST /admin/email/unrouted/replay}. For each such
 * object (or only those under {@code unrouted/<prefix>}) the email's inbox key (its {@code email-id} metadata) is
 * announced again on the inbox-events queue as S3 announced it, with the receipt time of the unrouted key, so the
 * email is read with today's areas and lands where it would have landed on the day. The unrouted copy is deleted
 * first (the inbox still holds the email): one that still cannot be routed is written there again, under the same
 * key. When the inbox object is gone (expired), the unrouted copy is first copied back into the inbox bucket, whose
 * own notification then announces it (with today's time, and without the receipt's envelope-recipient metadata).
 */
public class UnroutedEmails {
    static final String PREFIX = "unrouted/";
    private static final Logger LOG = LoggerFactory.getLogger(UnroutedEmails.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private S3Client s3;
    private SqsClient sqs;
    private String unprocessableBucket;
    private String inboxBucket;
    private String inboxQueue;

    /** A bean configured by its setters (routes/email-operations.yaml). */
    public UnroutedEmails() {
    }

    public UnroutedEmails(S3Client s3, SqsClient sqs, String unprocessableBucket, String inboxBucket, String inboxQueue) {
        setS3Client(s3);
        setSqsClient(sqs);
        setUnprocessableBucket(unprocessableBucket);
        setInboxBucket(inboxBucket);
        setInboxQueue(inboxQueue);
    }

    public void setS3Client(S3Client s3) {
        this.s3 = s3;
    }

    public void setSqsClient(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void setUnprocessableBucket(String unprocessableBucket) {
        this.unprocessableBucket = unprocessableBucket;
    }

    public void setInboxBucket(String inboxBucket) {
        this.inboxBucket = inboxBucket;
    }

    /** The inbox-events queue: a name or a queue URL. */
    public void setInboxQueue(String inboxQueue) {
        this.inboxQueue = inboxQueue;
    }

    /**
     * Re-queues the unrouted emails under {@code unrouted/<prefix>} ({@code prefix} may be null: all of them) and
     * returns what was done: {@code requeued} (inbox keys announced again), {@code restored} (copied back into the
     * inbox first), {@code skipped} (unrouted key and why).
     */
    public Map<String, Object> replay(String prefix) {
        String listed = PREFIX + (prefix == null ? "" : prefix.strip());
        List<String> requeued = new ArrayList<>();
        List<String> restored = new ArrayList<>();
        List<Map<String, String>> skipped = new ArrayList<>();
        String queueUrl = null;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(unprocessableBucket).prefix(listed)).contents()) {
            String key = object.key();
            HeadObjectResponse head = s3.headObject(b -> b.bucket(unprocessableBucket).key(key));
            String inboxKey = head.metadata().get(EmailOutputs.EMAIL_ID);
            if (inboxKey == null || inboxKey.isBlank()) {
                skipped.add(Map.of("key", key, "reason", "no email-id metadata: the inbox key is unknown"));
                continue;
            }
            if (EmailOutputs.head(s3, inboxBucket, inboxKey).isEmpty()) {
                s3.copyObject(b -> b.sourceBucket(unprocessableBucket).sourceKey(key).destinationBucket(inboxBucket)
                        .destinationKey(inboxKey));
                s3.deleteObject(b -> b.bucket(unprocessableBucket).key(key));
                LOG.info("email {}: unrouted s3://{}/{} copied back into the inbox s3://{}/{} (it was gone); its notification re-runs it",
                        inboxKey, unprocessableBucket, key, inboxBucket, inboxKey);
                restored.add(inboxKey);
                continue;
            }
            if (queueUrl == null) {
                queueUrl = inboxQueue.startsWith("https://") || inboxQueue.startsWith("http://")
                        ? inboxQueue : sqs.getQueueUrl(b -> b.queueName(inboxQueue)).queueUrl();
            }
            s3.deleteObject(b -> b.bucket(unprocessableBucket).key(key));
            String url = queueUrl;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(notification(inboxKey, receivedAt(key))));
            LOG.info("email {}: unrouted s3://{}/{} re-queued on {}", inboxKey, unprocessableBucket, key, inboxQueue);
            requeued.add(inboxKey);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requeued", requeued);
        result.put("restored", restored);
        result.put("skipped", skipped);
        return result;
    }

    /** The receipt time in {@code unrouted/<YYYYMMDD-HHMMSS>/...}, as ISO-8601; null when the key has none. */
    static String receivedAt(String unroutedKey) {
        String[] segments = unroutedKey.split("/");
        if (segments.length < 3) {
            return null;
        }
        try {
            return LocalDateTime.parse(segments[1], STAMP).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An S3 ObjectCreated notification for the inbox object, as S3 writes it (the key URL-encoded). */
    String notification(String inboxKey, String eventTime) {
        String key = URLEncoder.encode(inboxKey, StandardCharsets.UTF_8);
        return "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\""
                + (eventTime == null ? "" : ",\"eventTime\":\"" + eventTime + "\"")
                + ",\"s3\":{\"bucket\":{\"name\":\"" + inboxBucket + "\"},\"object\":{\"key\":\"" + key + "\"}}}]}";
    }
}
