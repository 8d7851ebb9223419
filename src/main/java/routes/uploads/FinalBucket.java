package routes.uploads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.TransientFailure;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The final (data) bucket of a valid upload: each file copied under the same key with its metadata and content type
 * (skipped when the final copy already has the same ETag), and {@code report.json} written with a conditional put
 * so that a report with fewer files never replaces one with more, even when two writers race.
 */
// Not aws2-s3: its putObject has no If-Match, the condition that keeps a smaller report from replacing a larger one.
public class FinalBucket {
    static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(FinalBucket.class);

    private S3Client s3Client;
    private String bucket;

    public FinalBucket() {
    }

    public FinalBucket(S3Client s3Client, String bucket) {
        setS3Client(s3Client);
        setBucket(bucket);
    }

    public void setS3Client(S3Client s3Client) {
        this.s3Client = s3Client;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    private S3Client s3() {
        return s3Client;
    }

    public void copyFiles(Upload upload) {
        for (Upload.ListedFile file : upload.files()) {
            String existing = eTagOf(file.key());
            if (existing != null && existing.equals(file.eTag())) {
                LOG.info("s3://{}/{} already holds this file", bucket, file.key());
                continue;
            }
            s3().copyObject(b -> b.sourceBucket(upload.bucket()).sourceKey(file.key())
                    .destinationBucket(bucket).destinationKey(file.key()).metadataDirective(MetadataDirective.COPY));
            LOG.info("Copied {} to s3://{}/{}", file.key(), bucket, file.key());
        }
    }

    /** The route's step: writes {@code report.json} unless the stored one lists as many files or more. */
    public void writeReport(Upload upload) {
        writeReportIfLarger(upload);
    }

    /** Writes {@code report.json} unless the stored one lists as many files or more; returns whether it wrote. */
    public boolean writeReportIfLarger(Upload upload) {
        String key = upload.reportKey();
        byte[] json = UploadReport.pretty(upload).getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String eTag = null;
            try (ResponseInputStream<GetObjectResponse> stored = s3().getObject(b -> b.bucket(bucket).key(key))) {
                int storedFiles = UploadReport.fileSetSize(stored);
                if (storedFiles >= upload.checks().size()) {
                    LOG.info("s3://{}/{} already lists {} file(s): kept", bucket, key, storedFiles);
                    return false;
                }
                eTag = stored.response().eTag();
            } catch (NoSuchKeyException e) {
                eTag = null;
            } catch (S3Exception e) {
                if (e.statusCode() != 403 && e.statusCode() != 404) {
                    throw e;
                }
            } catch (IOException e) {
                LOG.warn("s3://{}/{} is not a readable report: replacing it", bucket, key);
            }
            String expected = eTag;
            try {
                s3().putObject(b -> {
                    b.bucket(bucket).key(key).contentType("application/json");
                    if (expected == null) {
                        b.ifNoneMatch("*");
                    } else {
                        b.ifMatch(expected);
                    }
                }, RequestBody.fromBytes(json));
                LOG.info("Wrote s3://{}/{}", bucket, key);
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() != 412 && e.statusCode() != 409) {
                    throw e;
                }
                LOG.info("s3://{}/{} changed while writing it (attempt {}): reading it again", bucket, key, attempt);
            }
        }
        throw new TransientFailure("s3://" + bucket + "/" + key + " kept changing while it was written");
    }

    private String eTagOf(String key) {
        try {
            HeadObjectResponse head = s3().headObject(b -> b.bucket(bucket).key(key));
            return head.eTag();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 403) {
                return null;
            }
            throw e;
        }
    }

}
