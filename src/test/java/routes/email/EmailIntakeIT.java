package routes.email;

import local.LocalAws;
import local.LocalAwsExtension;
import local.LocalSmtpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the embedded local AWS and the whole application: an email stored in the inbox bucket (as SES would)
 * and an email sent to the local SMTP receiver (LocalAws's SES receipt rule stand-in) both end as cleaned CSVs in the data bucket; a PNG ends in the
 * unprocessable bucket with its reason.
 */
@ExtendWith(LocalAwsExtension.class)
class EmailIntakeIT {
    static final String INBOX = "es-development-data-inbox";
    static final String DATA = "es-development-data-amr-data";
    static final String UNPROCESSABLE = "es-development-data-unprocessable";

    @Test
    void emailsInTheInboxBucketAndOverSmtpEndAsCleanedCsvInTheDataBucket(LocalAws aws) throws Exception {
        try (LocalAws.RunningApplication app = aws.startApplication(Map.of("pipelines.enabled", "email"))) {
            aws.s3().putObject(b -> b.bucket(INBOX).key("it-sheffield-email"), RequestBody.fromBytes(Fixtures.sheffieldEmail()));

            String prefixless = "/" + Fixtures.SHEFFIELD_ENTRY;
            String key = awaitKey(aws, DATA, "sheffield/", prefixless);
            HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(DATA).key(key));
            assertThat(head.contentLength()).isEqualTo(17325);
            assertThat(head.metadata()).containsEntry("email-id", "it-sheffield-email");
            assertThat(key).matches("sheffield/\\d{8}-\\d{6}/" + Fixtures.SHEFFIELD_ENTRY);

            LocalSmtpReceiver.send(aws.smtpPort(), "sheffield@datafeeds.localhost", Fixtures.emailWithAttachments(
                    "sheffield@datafeeds.localhost", "smtp-export.zip", "application/zip",
                    Fixtures.zip("smtp-export.csv", Fixtures.cr(), "logo.png", Fixtures.png())));
            String smtpKey = awaitKey(aws, DATA, "sheffield/", "/smtp-export.csv");
            assertThat(aws.s3().headObject(b -> b.bucket(DATA).key(smtpKey)).contentLength()).isEqualTo(677);
            String png = awaitKey(aws, UNPROCESSABLE, "sheffield/", "/logo.png");
            assertThat(aws.s3().headObject(b -> b.bucket(UNPROCESSABLE).key(png)).metadata().get("reason"))
                    .contains("unsupported extension .png");
        }
    }

    private static String awaitKey(LocalAws aws, String bucket, String prefix, String suffix) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            aws.pollS3Notifications();
            Optional<String> found = aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(o -> o.key()).filter(k -> k.endsWith(suffix)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no object ending " + suffix + " in " + bucket + " within 30 s");
    }
}
