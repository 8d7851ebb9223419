package routes.email;

import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the embedded local AWS and the whole application: an email stored in the inbox bucket (as SES would)
 * and an email sent to the local SMTP port both end as cleaned CSVs in the data bucket; a PNG ends in the
 * unprocessable bucket with its reason.
 */
@ExtendWith(LocalAwsExtension.class)
class EmailIntakeIT {
    static final String INBOX = "es-development-data-inbox";
    static final String DATA = "es-development-data-amr-data";
    static final String UNPROCESSABLE = "es-development-data-unprocessable";

    @Test
    void emailsInTheInboxBucketAndOverSmtpEndAsCleanedCsvInTheDataBucket(LocalAws aws) throws Exception {
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        try (LocalAws.RunningApplication app = aws.startApplication(Map.of(
                "pipelines.enabled", "email",
                "email.smtp.enabled", "true",
                "email.smtp.port", Integer.toString(smtpPort)))) {
            aws.s3().putObject(b -> b.bucket(INBOX).key("it-sheffield-email"), RequestBody.fromBytes(Fixtures.sheffieldEmail()));

            String prefixless = "/" + Fixtures.SHEFFIELD_ENTRY;
            String key = awaitKey(aws, DATA, "sheffield/", prefixless);
            HeadObjectResponse head = aws.s3().headObject(b -> b.bucket(DATA).key(key));
            assertThat(head.contentLength()).isEqualTo(17325);
            assertThat(head.metadata()).containsEntry("email-id", "it-sheffield-email");
            assertThat(key).matches("sheffield/\\d{8}-\\d{6}/" + Fixtures.SHEFFIELD_ENTRY);

            sendSmtp(smtpPort, "sheffield@datafeeds.localhost", Fixtures.emailWithAttachments(
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

    /** The conversation swaks or smtplib has with the local SMTP receiver. */
    static void sendSmtp(int port, String to, byte[] message) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            command(out, in, "EHLO it.local", "250");
            command(out, in, "MAIL FROM:<supplier@example.com>", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..");
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            command(out, in, (text.endsWith("\r\n") ? "" : "\r\n") + ".", "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String expected) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String reply;
        do {
            reply = in.readLine();
        } while (reply != null && reply.length() > 3 && reply.charAt(3) == '-');
        assertThat(reply).as("reply to " + line.strip()).startsWith(expected);
    }
}
