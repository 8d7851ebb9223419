package routes.shared;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/**
 * The beans every pipeline shares, bound once: the AWS SDK clients (which the Camel aws2 components autowire by
 * type), the S3 notification parser, the idempotency ledger and side-effect guard, dead-letter handling and metrics.
 * Pipeline beans are declared in their own route file's {@code beans:} section.
 */
public class SharedBeans implements CamelConfiguration {
    @PropertyInject(value = "aws.region", defaultValue = "")
    String region;
    @PropertyInject(value = "aws.access-key-id", defaultValue = "")
    String accessKeyId;
    @PropertyInject(value = "aws.secret-access-key", defaultValue = "")
    String secretAccessKey;
    @PropertyInject(value = "aws.endpoint.s3", defaultValue = "")
    String s3Endpoint;
    @PropertyInject(value = "aws.endpoint.sqs", defaultValue = "")
    String sqsEndpoint;
    @PropertyInject(value = "aws.endpoint.dynamodb", defaultValue = "")
    String dynamodbEndpoint;
    @PropertyInject(value = "aws.endpoint.sns", defaultValue = "")
    String snsEndpoint;
    @PropertyInject(value = "aws.endpoint.ses", defaultValue = "")
    String sesEndpoint;
    @PropertyInject(value = "aws.endpoint.sfn", defaultValue = "")
    String sfnEndpoint;
    @PropertyInject(value = "ledger.table", defaultValue = "")
    String ledgerTable;
    @PropertyInject(value = "ledger.retention", defaultValue = "P30D")
    String ledgerRetention;
    @PropertyInject(value = "ledger.effect-lease", defaultValue = "PT5M")
    String effectLease;

    private AwsClients clients;

    @BindToRegistry("awsClients")
    public AwsClients awsClients() {
        if (clients == null) {
            String regionOrDefault = region == null || region.isBlank() ? "us-east-1" : region;
            clients = new AwsClients(regionOrDefault, accessKeyId, secretAccessKey, service -> switch (service) {
                case "s3" -> s3Endpoint;
                case "sqs" -> sqsEndpoint;
                case "dynamodb" -> dynamodbEndpoint;
                case "sns" -> snsEndpoint;
                case "ses" -> sesEndpoint;
                case "sfn" -> sfnEndpoint;
                default -> "";
            });
        }
        return clients;
    }

    @BindToRegistry("s3Client")
    public S3Client s3Client() {
        return awsClients().s3();
    }

    @BindToRegistry("sqsClient")
    public SqsClient sqsClient() {
        return awsClients().sqs();
    }

    @BindToRegistry("dynamoDbClient")
    public DynamoDbClient dynamoDbClient() {
        return awsClients().dynamoDb();
    }

    @BindToRegistry("snsClient")
    public SnsClient snsClient() {
        return awsClients().sns();
    }

    @BindToRegistry("sesClient")
    public SesClient sesClient() {
        return awsClients().sesV1();
    }

    @BindToRegistry("sesV2Client")
    public SesV2Client sesV2Client() {
        return awsClients().ses();
    }

    @BindToRegistry("sfnClient")
    public SfnClient sfnClient() {
        return awsClients().sfn();
    }

    @BindToRegistry("s3Events")
    public S3EventParser s3Events() {
        return new S3EventParser();
    }

    @BindToRegistry("idempotencyLedger")
    public IdempotencyLedger idempotencyLedger(DynamoDbClient dynamoDbClient) {
        return new IdempotencyLedger(dynamoDbClient, ledgerTable, Duration.parse(ledgerRetention), Clock.systemUTC());
    }

    @BindToRegistry("sideEffectGuard")
    public SideEffectGuard sideEffectGuard(IdempotencyLedger idempotencyLedger) {
        return new SideEffectGuard(idempotencyLedger, Duration.parse(effectLease));
    }
}
