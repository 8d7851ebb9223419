package routes.email;

import jakarta.mail.internet.MimeMessage;

import java.nio.file.Path;

/**
 * An email read from the inbox bucket: its id (the inbox key SES chose), the spooled raw file and the message parsed
 * from it (parts are read from the file on demand, never held in the heap), a scratch folder for the files derived
 * from it (deleted when the exchange completes), and, when known, its recipient, area and key prefix. {@code problem}
 * says why the whole email is unprocessable (no recipient, unknown area, malformed MIME), or is null.
 */
public record ReceivedEmail(String id, String bucket, String key, Path raw, MimeMessage message, Path scratch,
                            String recipient, String area, String prefix, java.time.Instant receivedAt, String problem) {
    @Override
    public String toString() {
        return "email " + id;
    }
}
