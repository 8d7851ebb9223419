package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Copies an S3 object to a temporary file (never into the heap) and deletes the file when the exchange completes,
 * whether it succeeds or fails. Objects larger than {@code maxBytes} are refused before a byte is read.
 */
public class S3Spool {
    /** A spooled object: where it is on disk and what S3 said about it. */
    public record SpooledObject(String bucket, String key, Path file, long size, String contentType, String eTag,
                                Map<String, String> metadata) {
    }

    private final S3Client s3;
    private final Path directory;

    public S3Spool(S3Client s3, Path directory) {
        this.s3 = s3;
        this.directory = directory;
    }

    public S3Spool(S3Client s3) {
        this(s3, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Spools {@code bucket/key}; the file lives until {@code exchange} completes. */
    public SpooledObject spool(Exchange exchange, String bucket, String key, long maxBytes) {
        SpooledObject spooled = spool(bucket, key, maxBytes);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                TempFiles.delete(spooled.file());
            }
        });
        return spooled;
    }

    /** Spools {@code bucket/key}; the caller deletes the file. */
    public SpooledObject spool(String bucket, String key, long maxBytes) {
        Path file = null;
        try (ResponseInputStream<GetObjectResponse> in = open(bucket, key)) {
            GetObjectResponse head = in.response();
            long length = head.contentLength() == null ? -1 : head.contentLength();
            if (maxBytes > 0 && length > maxBytes) {
                throw new PermanentFailure("s3://" + bucket + "/" + key + " is " + length + " bytes, over the limit of " + maxBytes);
            }
            Files.createDirectories(directory);
            file = Files.createTempFile(directory, "spool-", ".tmp");
            long copied = copy(in, file, maxBytes, bucket, key);
            return new SpooledObject(bucket, key, file, copied, head.contentType(), head.eTag(), head.metadata());
        } catch (IOException e) {
            TempFiles.delete(file);
            throw new UncheckedIOException("Could not spool s3://" + bucket + "/" + key, e);
        } catch (RuntimeException e) {
            TempFiles.delete(file);
            throw e;
        }
    }

    private ResponseInputStream<GetObjectResponse> open(String bucket, String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new PermanentFailure("s3://" + bucket + "/" + key + " does not exist (deleted after it was announced?)");
        }
    }

    private static long copy(InputStream in, Path file, long maxBytes, String bucket, String key) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (maxBytes > 0 && total > maxBytes) {
                    throw new PermanentFailure("s3://" + bucket + "/" + key + " is over the limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

}
