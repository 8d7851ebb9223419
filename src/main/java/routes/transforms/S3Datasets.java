package routes.transforms;

import routes.shared.PythonJson;
import routes.shared.TaskFailure;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transforms' bucket: finds the one object of each input prefix, downloads it, writes the output files.
 */
public class S3Datasets {
    private S3Client s3Client;
    private String bucket;

    public void setS3Client(S3Client s3Client) {
        this.s3Client = s3Client;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getBucket() {
        return bucket;
    }

    /** An input object as the listing names it: its key and ETag (a new ETag for every change of the object). */
    public record InputObject(String key, String eTag) {
    }

    /**
     * The only object under each prefix (dataset id -> object). The prefix is a folder ({@code a/b} is read
     * as {@code a/b/}, so {@code a/bc/...} does not match), every page of the listing counts, and folder markers
     * (keys ending in {@code /}) are not objects.
     */
    public Map<String, InputObject> locate(Map<String, String> prefixes) {
        Map<String, InputObject> keys = new LinkedHashMap<>();
        prefixes.forEach((dataset, prefix) -> {
            String folder = prefix.endsWith("/") ? prefix : prefix + "/";
            List<String> found = new ArrayList<>();
            String eTag = null;
            for (S3Object object : s3Client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents()) {
                if (!object.key().endsWith("/")) {
                    found.add(object.key());
                    eTag = object.eTag();
                }
                if (found.size() > 10) {
                    break;
                }
            }
            if (found.isEmpty()) {
                throw new TaskFailure("EmptyPrefixError", "input dataset '" + dataset + "': no object under s3://" + bucket + "/" + folder);
            }
            if (found.size() > 1) {
                throw new TaskFailure("MultipleFilesInPrefixError", "input dataset '" + dataset + "': more than one object under s3://"
                        + bucket + "/" + folder + " (" + String.join(", ", found.subList(0, Math.min(3, found.size())))
                        + (found.size() > 3 ? ", ..." : "") + "); expected exactly one");
            }
            keys.put(dataset, new InputObject(found.get(0), eTag));
        });
        return keys;
    }

    /** The version of an object for the engine's input cache: {@code bucket/key@ETag}, null without an ETag. */
    public String version(String key, String eTag) {
        return eTag == null || eTag.isEmpty() ? null : bucket + "/" + key + "@" + eTag;
    }

    /** Writes the object to {@code file}; returns the version read (the object may have changed since the listing). */
    public String download(String key, Path file) {
        return version(key, s3Client.getObject(b -> b.bucket(bucket).key(key), file).eTag());
    }

    /**
     * Writes each file as {@code <prefix><id>.json} ({@code <district>.json} when it has no id), UTF-8 JSON as Python
     * wrote it ({@code ensure_ascii=False}). Writing again overwrites with the same content: safe to repeat.
     * Returns the keys written.
     */
    public List<String> write(String prefix, List<Map<String, Object>> files) {
        List<String> written = new ArrayList<>();
        for (Map<String, Object> file : files) {
            Object id = file.get("id");
            String name = (id == null || String.valueOf(id).isEmpty() ? file.get("district") : id) + ".json";
            byte[] body = PythonJson.dumpsUnicode(file).getBytes(StandardCharsets.UTF_8);
            s3Client.putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromBytes(body));
            written.add(prefix + name);
        }
        return written;
    }
}
