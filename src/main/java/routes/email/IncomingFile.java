package routes.email;

import java.nio.file.Path;

/**
 * One file on its way through the email pipeline: an attachment, a downloaded report, a zip entry or a converted
 * sheet. {@code key} is where it lands (data or unprocessable bucket), {@code file} a temporary file holding its bytes,
 * {@code depth} how many archives it came out of, {@code emailId} the email it belongs to (for logs and metadata).
 * {@code problem}, when set, is why it is unprocessable before any look at its bytes (e.g. an attachment over the
 * size limit, whose {@code file} is then the whole original email so nothing is lost).
 */
public record IncomingFile(String emailId, String name, String key, Path file, String contentType, int depth, String problem) {
    public IncomingFile(String emailId, String name, String key, Path file, String contentType, int depth) {
        this(emailId, name, key, file, contentType, depth, null);
    }

    public IncomingFile withFile(Path newFile) {
        return new IncomingFile(emailId, name, key, newFile, contentType, depth, problem);
    }

    public IncomingFile withKey(String newKey) {
        return new IncomingFile(emailId, name, newKey, file, contentType, depth, problem);
    }

    @Override
    public String toString() {
        return key;
    }
}
