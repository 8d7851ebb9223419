package routes.uploads;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.PermanentFailure;
import routes.shared.S3EventParser;
import routes.shared.S3ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an S3 object-created notification of the uploads bucket into the upload it belongs to. Every key must be
 * {@code <council>/<election date>/<timestamp>/<file>} and in the uploads bucket, or the message is wrong input
 * (rejected before any external call). Our own {@code report.json} is ignored. A message naming several uploads (a
 * batched notification) is split into one notification per upload.
 */
public class UploadNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(UploadNotifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3EventParser events = new S3EventParser();
    private String uploadsBucket;

    public UploadNotifications() {
    }

    public UploadNotifications(String uploadsBucket) {
        setUploadsBucket(uploadsBucket);
    }

    /** The bucket councils upload to; a notification for another bucket is wrong input. */
    public void setUploadsBucket(String uploadsBucket) {
        this.uploadsBucket = uploadsBucket;
    }

    /** The uploads a notification names, one object of each (in order). */
    public List<S3ObjectRef> read(String body) {
        Map<String, S3ObjectRef> byFolder = new LinkedHashMap<>();
        for (S3ObjectRef ref : events.createdObjects(body)) {
            if (!uploadsBucket.equals(ref.bucket())) {
                throw new PermanentFailure("Notification for s3://" + ref.bucket() + "/" + ref.key()
                        + ": not the uploads bucket " + uploadsBucket);
            }
            UploadKey key = UploadKey.parse(ref.key());
            if (key.isReport()) {
                LOG.info("Ignoring {}: a report, not a council file", ref.key());
                continue;
            }
            byFolder.putIfAbsent(key.folder(), ref);
        }
        return new ArrayList<>(byFolder.values());
    }

    /** The folder {@code <council>/<date>/<timestamp>} of the one upload a notification names (its business key). */
    public String folderOf(List<S3ObjectRef> uploads) {
        return UploadKey.parse(uploads.get(0).key()).folder();
    }

    /** One S3 notification (the standard {@code Records[]} shape) per upload, to be queued and handled alone. */
    public List<String> separate(List<S3ObjectRef> uploads) {
        List<String> out = new ArrayList<>();
        for (S3ObjectRef ref : uploads) {
            out.add(notificationOf(ref));
        }
        return out;
    }

    static String notificationOf(S3ObjectRef ref) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("eventSource", "aws:s3");
        record.put("eventName", ref.eventName() == null ? "ObjectCreated:Put" : ref.eventName());
        if (ref.eventTime() != null) {
            record.put("eventTime", ref.eventTime());
        }
        ObjectNode s3 = record.putObject("s3");
        s3.putObject("bucket").put("name", ref.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", java.net.URLEncoder.encode(ref.key(), java.nio.charset.StandardCharsets.UTF_8).replace("%2F", "/"));
        if (ref.size() != null) {
            object.put("size", ref.size());
        }
        if (ref.eTag() != null) {
            object.put("eTag", ref.eTag());
        }
        return root.toString();
    }
}
