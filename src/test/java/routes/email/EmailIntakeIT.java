package routes.email;

import local.LocalAws;
import local.LocalAwsExtension;
import local.LocalSmtpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
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

    /**
     * Issue 9, items 8 and 10, on the real emulators: a 300-character accented file name is stored by the
     * filesystem-backed S3 (S3Proxy refused its 404-byte segment with "File name too long"); an email to an area
     * that does not exist yet goes to unrouted/, the area is added to the watched areas file without a restart, and
     * the one documented call re-runs the email into the new area.
     */
    @Test
    void aNewAreaWorksWithoutARestartAndTheReplayCallReRunsItsUnroutedEmail(LocalAws aws, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path areas = java.nio.file.Files.writeString(dir.resolve("email-areas.txt"), "# more areas\n");
        try (LocalAws.RunningApplication app = aws.startApplication(Map.of("pipelines.enabled", "email",
                "email.areas-file", areas.toString()))) {
            String accented = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                    ("é".repeat(300) + ".csv").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
            aws.s3().putObject(b -> b.bucket(INBOX).key("it-accents"), RequestBody.fromBytes(
                    Fixtures.emailWithAttachments("sheffield@datafeeds.localhost", accented, "text/csv", Fixtures.cr())));
            assertThat(awaitKey(aws, DATA, "sheffield/", "é".repeat(98) + ".csv")).isNotNull();

            aws.s3().putObject(b -> b.bucket(INBOX).key("it-bristol"), RequestBody.fromBytes(
                    Fixtures.emailWithAttachments("bristol@datafeeds.localhost", "bristol-export.csv", "text/csv", Fixtures.cr())));
            String unrouted = awaitKey(aws, UNPROCESSABLE, "unrouted/", "/it-bristol.eml");

            java.nio.file.Files.writeString(areas, "bristol\n", java.nio.file.StandardOpenOption.APPEND);
            java.net.http.HttpResponse<String> replay = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url() + "/admin/email/unrouted/replay"))
                            .header("Authorization", "Bearer local").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(replay.body()).contains("\"requeued\":[\"it-bristol\"]");

            String time = unrouted.split("/")[1];
            assertThat(awaitKey(aws, DATA, "bristol/", "/bristol-export.csv")).isEqualTo("bristol/" + time + "/bristol-export.csv");
        }
    }

    private static String awaitKey(LocalAws aws, String bucket, String prefix, String suffix) {
        return await("an object ending " + suffix + " in " + bucket).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    aws.pollS3Notifications();
                    return aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                            .map(o -> o.key()).filter(k -> k.endsWith(suffix)).findFirst();
                }, Optional::isPresent).get();
    }
}
