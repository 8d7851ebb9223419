package routes.email;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3 stand-in for route tests: objects in memory, puts recorded, and a switch to make puts fail. Like S3 it answers
 * 400 to a key over 1024 UTF-8 bytes and to user metadata over 2 KB (counted strictly: the {@code x-amz-meta-} header
 * names and the values, in UTF-8 bytes).
 */
public class InMemoryS3 implements S3Client {
    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_METADATA_BYTES = 2048;

    public record StoredObject(String bucket, String key, byte[] body, String contentType, Map<String, String> metadata) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** As S3 gives a single-part object's: the quoted MD5 of the body, so a changed object has a new one. */
        public String eTag() {
            try {
                return "\"" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(body)) + "\"";
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    public final List<StoredObject> puts = new CopyOnWriteArrayList<>();
    public final AtomicInteger failingPuts = new AtomicInteger();
    /** When not 0, every put is refused with this HTTP status (400: InvalidArgument, else InternalError). */
    public final AtomicInteger refusePuts = new AtomicInteger();

    public void clear() {
        objects.clear();
        puts.clear();
        failingPuts.set(0);
        refusePuts.set(0);
    }

    public void store(String bucket, String key, byte[] body, Map<String, String> metadata) {
        objects.put(bucket + "/" + key, new StoredObject(bucket, key, body, null, metadata));
    }

    public StoredObject get(String bucket, String key) {
        return objects.get(bucket + "/" + key);
    }

    public List<StoredObject> in(String bucket) {
        return objects.values().stream().filter(o -> o.bucket().equals(bucket)).sorted(java.util.Comparator.comparing(StoredObject::key)).toList();
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        StoredObject object = get(request.bucket(), request.key());
        if (object == null) {
            throw NoSuchKeyException.builder().message("no such key " + request.key()).statusCode(404).build();
        }
        GetObjectResponse response = GetObjectResponse.builder().contentLength((long) object.body().length)
                .contentType(object.contentType()).metadata(object.metadata()).eTag(object.eTag()).build();
        try {
            return transformer.transform(response, AbortableInputStream.create(new ByteArrayInputStream(object.body())));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return getObject(request, ResponseTransformer.toInputStream());
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        StoredObject object = get(request.bucket(), request.key());
        if (object == null) {
            throw NoSuchKeyException.builder().message("no such key").statusCode(404).build();
        }
        return HeadObjectResponse.builder().contentLength((long) object.body().length).metadata(object.metadata()).eTag(object.eTag()).build();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if (failingPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw SdkClientException.create("simulated S3 outage");
        }
        if (refusePuts.get() != 0) {
            int status = refusePuts.get();
            throw (S3Exception) S3Exception.builder().statusCode(status).message("simulated refusal (Service: S3, Status Code: " + status + ")")
                    .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                            .errorCode(status == 400 ? "InvalidArgument" : "InternalError").errorMessage("simulated refusal").build())
                    .build();
        }
        if (utf8(request.key()) > MAX_KEY_BYTES) {
            throw (S3Exception) S3Exception.builder().statusCode(400).message("KeyTooLongError: " + utf8(request.key()) + " bytes").build();
        }
        if (metadataBytes(request.metadata()) > MAX_METADATA_BYTES) {
            throw (S3Exception) S3Exception.builder().statusCode(400)
                    .message("MetadataTooLarge: " + metadataBytes(request.metadata()) + " bytes").build();
        }
        byte[] bytes;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoredObject object = new StoredObject(request.bucket(), request.key(), bytes, request.contentType(), request.metadata());
        objects.put(request.bucket() + "/" + request.key(), object);
        puts.add(object);
        return PutObjectResponse.builder().eTag(object.eTag()).build();
    }

    @Override
    public software.amazon.awssdk.services.s3.model.ListObjectsV2Response listObjectsV2(
            software.amazon.awssdk.services.s3.model.ListObjectsV2Request request) {
        List<software.amazon.awssdk.services.s3.model.S3Object> contents = in(request.bucket()).stream()
                .filter(o -> request.prefix() == null || o.key().startsWith(request.prefix()))
                .map(o -> software.amazon.awssdk.services.s3.model.S3Object.builder().key(o.key()).size((long) o.body().length).eTag(o.eTag()).build())
                .toList();
        return software.amazon.awssdk.services.s3.model.ListObjectsV2Response.builder().contents(contents)
                .keyCount(contents.size()).isTruncated(false).build();
    }

    @Override
    public software.amazon.awssdk.services.s3.model.DeleteObjectResponse deleteObject(
            software.amazon.awssdk.services.s3.model.DeleteObjectRequest request) {
        objects.remove(request.bucket() + "/" + request.key());
        return software.amazon.awssdk.services.s3.model.DeleteObjectResponse.builder().build();
    }

    @Override
    public software.amazon.awssdk.services.s3.model.CopyObjectResponse copyObject(
            software.amazon.awssdk.services.s3.model.CopyObjectRequest request) {
        StoredObject source = get(request.sourceBucket(), request.sourceKey());
        if (source == null) {
            throw NoSuchKeyException.builder().message("no such key " + request.sourceKey()).statusCode(404).build();
        }
        objects.put(request.destinationBucket() + "/" + request.destinationKey(), new StoredObject(request.destinationBucket(),
                request.destinationKey(), source.body(), source.contentType(), source.metadata()));
        return software.amazon.awssdk.services.s3.model.CopyObjectResponse.builder().build();
    }

    /** The size S3 limits to 2 KB, counted strictly (with the {@code x-amz-meta-} prefix of each name). */
    public static int metadataBytes(Map<String, String> metadata) {
        return metadata.entrySet().stream().mapToInt(e -> utf8("x-amz-meta-" + e.getKey()) + utf8(e.getValue())).sum();
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
