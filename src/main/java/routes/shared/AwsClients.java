package routes.shared;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * Builds the AWS SDK clients every pipeline shares, from the {@code aws.*} properties: a region, optional static
 * credentials (otherwise the SDK's default chain) and an optional endpoint per service (empty = real AWS).
 * The same clients back the Camel aws2 components (autowired by type) and the beans that need conditional writes.
 */
public class AwsClients {
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Function<String, String> endpoints;

    /**
     * @param endpoints service name ({@code s3}, {@code sqs}, {@code dynamodb}, {@code sns}, {@code ses}, {@code sfn}) to
     *                  endpoint URL, or null/blank for AWS's own
     */
    public AwsClients(String region, String accessKeyId, String secretAccessKey, Function<String, String> endpoints) {
        this.region = Region.of(region);
        this.credentials = isBlank(accessKeyId) || isBlank(secretAccessKey)
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        this.endpoints = endpoints;
    }

    public Region region() {
        return region;
    }

    public S3Client s3() {
        var builder = configure(S3Client.builder(), "s3", Duration.ofSeconds(60))
                // S3-compatible stores (S3Proxy, MinIO) reject the SDK's default CRC trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!isBlank(endpoints.apply("s3"))) {
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), "sqs", Duration.ofSeconds(40)).build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), "dynamodb", Duration.ofSeconds(10)).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder(), "sns", Duration.ofSeconds(30)).build();
    }

    public SesV2Client ses() {
        return configure(SesV2Client.builder(), "ses", Duration.ofSeconds(30)).build();
    }

    /** SES v1 API, used by Camel's aws2-ses component. */
    public software.amazon.awssdk.services.ses.SesClient sesV1() {
        return configure(software.amazon.awssdk.services.ses.SesClient.builder(), "ses", Duration.ofSeconds(30)).build();
    }

    /** GetActivityTask long-polls for up to 60 s: the socket timeout must outlast it. */
    public SfnClient sfn() {
        return configure(SfnClient.builder(), "sfn", Duration.ofSeconds(70)).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service, Duration socketTimeout) {
        builder.region(region).credentialsProvider(credentials);
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder()
                    .socketTimeout(socketTimeout)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .maxConnections(64));
        }
        String endpoint = endpoints.apply(service);
        if (!isBlank(endpoint)) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        return builder;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
