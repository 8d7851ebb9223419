package routes.email;

/**
 * Input that this pipeline cannot turn into meter data (an unknown recipient, a PNG, a zip bomb, a corrupt
 * spreadsheet...). Not a failure: the route catches it and stores the object in the unprocessable bucket with
 * {@link #getMessage()} as the {@code reason} metadata, where a person looks for it.
 */
public class Unprocessable extends RuntimeException {
    public Unprocessable(String reason) {
        super(reason);
    }

    public Unprocessable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
