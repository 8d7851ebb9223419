package routes.shared;

/**
 * One object named by an S3 event notification: bucket, URL-decoded key and what S3 said about it.
 * {@code size}, {@code eTag}, {@code versionId} and {@code sequencer} may be null when the notification omits them.
 */
public record S3ObjectRef(String bucket, String key, Long size, String eTag, String versionId, String sequencer,
                          String eventName, String eventTime) {

    /** {@code s3://<bucket>/<key>}: how logs and dead letters name the object. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** A stable identity of this object version, for idempotency keys: bucket/key plus version id or ETag. */
    public String versionKey() {
        String version = versionId != null && !versionId.isBlank() ? versionId : (eTag != null ? eTag : "");
        return bucket + "/" + key + "@" + version;
    }
}
