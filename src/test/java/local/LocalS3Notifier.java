package local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * S3 event notifications for the local S3 (S3Proxy sends none). For each bucket declared with {@code notify}, it
 * lists the bucket through the S3 API every poll (all pages) and sends S3's standard {@code ObjectCreated:Put}
 * notification JSON to the queue, once per object version (key + ETag; for a file copied into the folder, which has
 * no stored ETag, key + modification time + size, and the event carries the content's MD5 as its ETag). An object is announced only once it looks
 * the same (ETag, size, last-modified) in two consecutive polls, so a file still being copied into
 * {@code <dataDir>/s3/<bucket>/} is announced when complete. What was announced is remembered in
 * {@code <stateDir>/<bucket>.announced}, so a restart does not announce it again. Keys with a path segment starting
 * with a dot (S3Proxy's multipart parts, editors' and OS files) are ignored, and so is the 0-byte stub object S3Proxy
 * keeps under a multipart upload's id while the upload is in progress (S3 announces only the completed object).
 */
public final class LocalS3Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalS3Notifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    /**
     * What one poll saw of an object. Files copied into the bucket folder have no stored ETag: their version is their
     * modification time and size (and the notification carries their MD5, as S3 would).
     */
    private record Observation(String eTag, long size, Instant lastModified) {
        String version() {
            return eTag.isEmpty() ? "t" + lastModified.toEpochMilli() + "-" + size : eTag;
        }
    }

    private final S3Client s3;
    private final SqsClient sqs;
    private final Function<String, String> queueUrls;
    private final Map<String, String> queueByBucket;
    private final Path stateDir;
    private final String region;
    private final Clock clock;
    private final Map<String, Set<String>> announced = new HashMap<>();
    private final Map<String, Map<String, Observation>> lastPoll = new HashMap<>();
    private ScheduledExecutorService scheduler;

    /**
     * @param queueByBucket bucket name to the name of the queue its events go to
     * @param queueUrls     queue name to queue URL
     */
    public LocalS3Notifier(S3Client s3, SqsClient sqs, Function<String, String> queueUrls, Map<String, String> queueByBucket,
                           Path stateDir, String region, Clock clock) {
        this.s3 = s3;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.queueByBucket = new LinkedHashMap<>(queueByBucket);
        this.stateDir = stateDir;
        this.region = region;
        this.clock = clock;
        queueByBucket.keySet().forEach(bucket -> announced.put(bucket, loadAnnounced(bucket)));
    }

    /** Also notifies {@code queue} of objects created in {@code bucket} from now on. */
    public synchronized void watch(String bucket, String queue) {
        queueByBucket.put(bucket, queue);
        announced.computeIfAbsent(bucket, this::loadAnnounced);
    }

    /** Polls every {@code interval} on a background thread until closed. */
    public LocalS3Notifier start(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-s3-notifier");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("Local S3 notifier poll failed: {}", e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One poll of every bucket; returns how many notifications were sent. */
    public synchronized int pollOnce() {
        int sent = 0;
        for (Map.Entry<String, String> entry : queueByBucket.entrySet()) {
            sent += poll(entry.getKey(), entry.getValue());
        }
        return sent;
    }

    private int poll(String bucket, String queue) {
        Map<String, Observation> previous = lastPoll.getOrDefault(bucket, Map.of());
        Map<String, Observation> current = new HashMap<>();
        Set<String> done = announced.get(bucket);
        int sent = 0;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (ignored(object.key())) {
                continue;
            }
            Observation seen = new Observation(unquote(object.eTag()), object.size(), object.lastModified());
            current.put(object.key(), seen);
            String versionKey = seen.version() + " " + encodeKey(object.key());
            if (done.contains(versionKey) || !seen.equals(previous.get(object.key()))) {
                continue; // already announced, or new/changing since the last poll: wait until it is stable
            }
            if (seen.size() == 0 && multipartStub(bucket, object.key())) {
                continue;
            }
            String eTag = seen.eTag().isEmpty() ? md5(bucket, object.key()) : seen.eTag();
            if (eTag == null) {
                continue; // deleted meanwhile
            }
            String event = eventJson(region, bucket, object.key(), seen.size(), eTag, nextSequencer(), clock.instant());
            SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(queueUrls.apply(queue)).messageBody(event);
            if (queue.endsWith(".fifo")) {
                send.messageGroupId(bucket).messageDeduplicationId(UUID.nameUUIDFromBytes(
                        versionKey.getBytes(StandardCharsets.UTF_8)).toString());
            }
            sqs.sendMessage(send.build());
            done.add(versionKey);
            remember(bucket, versionKey);
            LOG.info("Local S3 notifier: s3://{}/{} ({} bytes) -> {}", bucket, object.key(), seen.size(), queue);
            sent++;
        }
        lastPoll.put(bucket, current);
        return sent;
    }

    /**
     * Whether a 0-byte object is S3Proxy's stub of a multipart upload: its key is the id of an upload in progress, or
     * it is gone already (the upload completed between the listing and now, and the stub was removed).
     */
    private boolean multipartStub(String bucket, String key) {
        boolean inProgress = s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads().stream()
                .anyMatch(upload -> key.equals(upload.uploadId()));
        if (inProgress) {
            return true;
        }
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return false;
        } catch (NoSuchKeyException e) {
            return true;
        }
    }

    /** S3Proxy's own files and hidden files: any path segment starting with a dot; folder markers. */
    static boolean ignored(String key) {
        if (key.endsWith("/")) {
            return true;
        }
        for (String segment : key.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * S3's standard event notification (as S3 sends it to SQS) for one created object. The key is URL-encoded the way
     * S3 does it: spaces as {@code +}, slashes kept.
     */
    public static String eventJson(String region, String bucket, String key, long size, String eTag, String sequencer,
                                   Instant time) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", time.truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", sequencer);
        response.put("x-amz-id-2", "local/" + sequencer);
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "local-notifier");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", "LOCAL");
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(key));
        object.put("size", size);
        object.put("eTag", eTag);
        object.put("sequencer", sequencer);
        ObjectNode root = JSON.createObjectNode();
        root.putArray("Records").add(record);
        return root.toString();
    }

    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String nextSequencer() {
        return String.format("%018X", SEQUENCE.incrementAndGet());
    }

    /** The MD5 of an object's content (S3's ETag of a single-part upload), read through the S3 API; null if gone. */
    private String md5(String bucket, String key) {
        try (InputStream in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build())) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read s3://" + bucket + "/" + key, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unquote(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }

    private Path stateFile(String bucket) {
        return stateDir.resolve(bucket + ".announced");
    }

    private Set<String> loadAnnounced(String bucket) {
        Path file = stateFile(bucket);
        try {
            return Files.exists(file) ? new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new HashSet<>();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the notifier state " + file, e);
        }
    }

    private void remember(String bucket, String versionKey) {
        try {
            Files.createDirectories(stateDir);
            Files.writeString(stateFile(bucket), versionKey + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the notifier state under " + stateDir, e);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
