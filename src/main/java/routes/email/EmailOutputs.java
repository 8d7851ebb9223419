package routes.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.ClientError;
import routes.shared.Sha256;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's only side effects: objects in the data bucket and in the unprocessable bucket. Each object carries
 * the email id ({@code email-id} metadata); unprocessable ones also the {@code reason}. Writes are safe to repeat: the
 * keys are deterministic per email and file, and a key already written by the same email is simply overwritten with
 * the same bytes. A key already taken by another email (two emails to one area in the same second with the same file
 * name) is never overwritten: this email's object gets {@code -<8 hex of its id>} before the extension instead.
 * A failed write throws, so the route retries it and finally dead-letters the email: nothing is silently lost.
 * S3 refuses user metadata over 2 KB (names and values in UTF-8), and would refuse such a write on every retry and
 * replay: the values are printable ASCII, cut to {@value #MAX_EMAIL_ID} ({@code email-id}), {@value #MAX_SOURCE_NAME}
 * ({@code source-name}) and {@value #MAX_REASON} ({@code reason}) characters, 1758 bytes at most even counting each
 * name's {@code x-amz-meta-} prefix. Keys are kept within S3's 1024 bytes by {@link EmailKeys#bounded}.
 * With {@code dryRun} the writes are only logged.
 */
// Not aws2-s3: a write is a loop (HeadObject for the key's owner, a conditional put, a new key on conflict), not one call.
public class EmailOutputs {
    public static final String EMAIL_ID = "email-id";
    public static final String REASON = "reason";
    public static final String SOURCE = "source-name";
    static final int MAX_EMAIL_ID = 200;
    static final int MAX_SOURCE_NAME = 300;
    static final int MAX_REASON = 1200;
    private static final String CUT = " ... ";
    private static final Logger LOG = LoggerFactory.getLogger(EmailOutputs.class);

    private S3Client s3;
    private String dataBucket;
    private String unprocessableBucket;
    private boolean dryRun;
    private EmailKeys keys;

    public EmailOutputs() {
    }

    public EmailOutputs(S3Client s3, String dataBucket, String unprocessableBucket, boolean dryRun, EmailKeys keys) {
        setS3Client(s3);
        setKeys(keys);
        setDataBucket(dataBucket);
        setUnprocessableBucket(unprocessableBucket);
        setDryRun(dryRun);
    }

    public void setS3Client(S3Client s3) {
        this.s3 = s3;
    }

    public void setKeys(EmailKeys keys) {
        this.keys = keys;
    }

    public void setDataBucket(String dataBucket) {
        this.dataBucket = dataBucket;
    }

    public void setUnprocessableBucket(String unprocessableBucket) {
        this.unprocessableBucket = unprocessableBucket;
    }

    /** true = log the S3 writes instead of making them. */
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String dataBucket() {
        return dataBucket;
    }

    public String unprocessableBucket() {
        return unprocessableBucket;
    }

    /** A cleaned CSV to the data bucket; returns the key written. */
    public String toData(IncomingFile file) {
        String key = put(dataBucket, file, file.contentType() == null ? "text/csv" : file.contentType(), null);
        LOG.info("email {}: '{}' cleaned -> s3://{}/{}", file.emailId(), file.name(), dataBucket, key);
        return key;
    }

    /** A file this pipeline cannot use, with the reason in its metadata; returns the key written. */
    public String toUnprocessable(IncomingFile file, String reason) {
        String key = put(unprocessableBucket, file, file.contentType(), reason);
        LOG.warn("email {}: '{}' unprocessable -> s3://{}/{}: {}", file.emailId(), file.name(), unprocessableBucket, key, reason);
        return key;
    }

    /** The route's unprocessable step: the reason is the {@link Unprocessable} just caught or the file's decision. */
    public String unprocessable(IncomingFile file, String reason) {
        return toUnprocessable(file, reason == null || reason.isEmpty() ? "unprocessable" : reason);
    }

    /** An email that could not be routed (no recipient, unknown area, malformed MIME): the whole email. */
    public String unroutable(ReceivedEmail email) {
        return emailToUnprocessable(email, email.problem());
    }

    /** An email with neither a usable attachment nor a usable download link: the whole email. */
    public String nothingToTake(ReceivedEmail email, String downloadFailures, String mimeProblem) {
        return emailToUnprocessable(email, "no attachment and no usable download link"
                + (downloadFailures == null ? "" : downloadFailures) + (mimeProblem == null ? "" : mimeProblem));
    }

    /** The whole email, when it cannot be routed (no recipient, unknown area, malformed, nothing to take from it). */
    public String emailToUnprocessable(ReceivedEmail email, String reason) {
        String prefix = email.prefix() != null ? email.prefix() : keys.prefix("unrouted", email.receivedAt());
        String name = EmailKeys.emlName(email.id());
        IncomingFile whole = new IncomingFile(email.id(), name, EmailKeys.bounded(prefix + "/" + name),
                email.raw(), "message/rfc822", 0, reason);
        return toUnprocessable(whole, reason);
    }

    private String put(String bucket, IncomingFile file, String contentType, String reason) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(EMAIL_ID, emailId(file.emailId()));
        metadata.put(SOURCE, abbreviated(ascii(file.name()), MAX_SOURCE_NAME));
        if (reason != null) {
            metadata.put(REASON, abbreviated(ascii(reason), MAX_REASON));
        }
        if (dryRun) {
            LOG.info("email {}: dry run, would write s3://{}/{} {}", file.emailId(), bucket, file.key(), metadata);
            return file.key();
        }
        String key = file.key();
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<String> owner = ownerOf(bucket, key);
            if (owner.isPresent() && !owner.get().equals(metadata.get(EMAIL_ID))) {
                String other = key;
                key = EmailKeys.withSuffix(file.key(), "-" + shortHash(file.emailId() + (attempt == 0 ? "" : "#" + attempt)));
                LOG.warn("email {}: s3://{}/{} belongs to email {}; writing {} instead", file.emailId(), bucket, other, owner.get(), key);
                continue;
            }
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).metadata(metadata);
            if (contentType != null) {
                request.contentType(contentType);
            }
            if (owner.isEmpty()) {
                request.ifNoneMatch("*");
            }
            try {
                try {
                    s3.putObject(request.build(), RequestBody.fromFile(file.file()));
                    return key;
                } catch (S3Exception e) {
                    if (e.statusCode() == 412) {
                        continue; // someone wrote it between our check and our write: look again
                    }
                    if (e.statusCode() != 501 || owner.isPresent()) {
                        throw e;
                    }
                    s3.putObject(request.ifNoneMatch(null).build(), RequestBody.fromFile(file.file()));
                    return key;
                }
            } catch (S3Exception e) {
                throw refused(bucket, key, file, e);
            }
        }
        throw new routes.shared.TransientFailure("Could not find a free key for " + file.key() + " in " + bucket);
    }

    /**
     * What S3 refused, for the dead letter: the object, its size and S3's status, code and message (not the SDK's
     * opaque {@code S3Exception}). A 4xx other than 408/429 refuses the request itself (a key or metadata S3 will not
     * take, a missing bucket, no permission): retrying or replaying cannot succeed, so it is dead-lettered at once.
     * Anything else may pass later and is retried first.
     */
    static RuntimeException refused(String bucket, String key, IncomingFile file, S3Exception e) {
        String size;
        try {
            size = java.nio.file.Files.size(file.file()) + " bytes";
        } catch (java.io.IOException | RuntimeException unknown) {
            size = "size unknown";
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String what = "S3 refused to write s3://" + bucket + "/" + key + " (" + size + "): " + e.statusCode()
                + (code == null ? "" : " " + code) + ": " + message;
        int status = e.statusCode();
        if (ClientError.isPermanent(status)) {
            return new routes.shared.PermanentFailure(what + "; a retry or replay cannot succeed", e);
        }
        return new routes.shared.TransientFailure(what, e);
    }

    private Optional<String> ownerOf(String bucket, String key) {
        return head(s3, bucket, key).map(head -> head.metadata().getOrDefault(EMAIL_ID, ""));
    }

    /** The object's HeadObject answer, or empty when there is no such object. */
    static Optional<HeadObjectResponse> head(S3Client s3, String bucket, String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The first 4 bytes of the text's SHA-256, as hex. */
    static String shortHash(String text) {
        return Sha256.hex(text).substring(0, 8);
    }

    /** S3 metadata travels in HTTP headers: printable ASCII only. */
    static String ascii(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    /**
     * {@code text} of at most {@code max} characters: when longer, its beginning and its end joined by {@code " ... "}
     * (a reason's end says what went wrong, a name's end has the extension).
     */
    static String abbreviated(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = max - CUT.length();
        int head = (keep + 1) / 2;
        return text.substring(0, head) + CUT + text.substring(text.length() - (keep - head));
    }

    /**
     * The {@code email-id} value: the id, or when longer than {@value #MAX_EMAIL_ID} characters its beginning and a
     * hash of the whole, so two long ids stay distinct (the value decides which email owns a key).
     */
    static String emailId(String id) {
        String ascii = ascii(id);
        if (ascii.length() <= MAX_EMAIL_ID) {
            return ascii;
        }
        String hash = "-" + shortHash(id);
        return ascii.substring(0, MAX_EMAIL_ID - hash.length()) + hash;
    }
}
