package routes.shared;

/**
 * Input that is wrong, not a failure of ours: never redelivered, sent straight to the pipeline's dead-letter queue
 * (or wherever the pipeline routes unprocessable input) with {@link #getMessage()} as the reason.
 * The message must be specific and must never contain a secret.
 */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
