package local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.email.InMemoryS3;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSmtpReceiverTest {
    final InMemoryS3 s3 = new InMemoryS3();
    LocalSmtpReceiver smtp;

    @BeforeEach
    void start() throws Exception {
        smtp = LocalSmtpReceiver.start(0, s3, "inbox", 10_000);
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    @Test
    void aMessageIsStoredInTheInboxBucketWithItsEnvelopeRecipient() throws Exception {
        byte[] email = "To: someone@x.org\r\nSubject: hi\r\n\r\n.leading dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        LocalSmtpReceiver.send(smtp.port(), "Sheffield@datafeeds.localhost", email);

        assertThat(s3.in("inbox")).hasSize(1);
        InMemoryS3.StoredObject stored = s3.in("inbox").get(0);
        assertThat(stored.key()).startsWith("smtp-");
        assertThat(stored.metadata()).containsEntry("envelope-recipient", "Sheffield@datafeeds.localhost");
        assertThat(stored.text()).isEqualTo("To: someone@x.org\r\nSubject: hi\r\n\r\n.leading dot\r\nbody\r\n");
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndNotStored() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", smtp.port());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write("HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                in.readLine();
            }
            out.write(("x".repeat(20_000) + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("552");
        }
        assertThat(s3.in("inbox")).isEmpty();
    }

    @Test
    void closingStopsListening() throws Exception {
        int port = smtp.port();
        smtp.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aBusyPortIsAClearError() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalSmtpReceiver.start(smtp.port(), s3, "inbox", 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.1:" + smtp.port());
    }

    @Test
    void aMessageWithoutRecipientIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", smtp.port());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write("HELO x\r\nMAIL FROM:<a@b>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readLine();
            in.readLine();
            assertThat(in.readLine()).startsWith("503");
        }
        assertThat(s3.in("inbox")).isEmpty();
    }
}
