package routes.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;

import java.io.IOException;
import java.util.List;

/** {@link MultipartReader} (package-private) for the benchmark in package {@code bench}. */
public final class MultipartAccess {
    private MultipartAccess() {
    }

    public static List<BodyPart> bodyParts(Part part) throws MessagingException, IOException {
        return MultipartReader.bodyParts(part);
    }
}
