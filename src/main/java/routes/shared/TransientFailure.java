package routes.shared;

/**
 * A failure worth retrying (a 5xx answer, throttling, a timeout, another replica holding a claim): redelivered with
 * backoff a bounded number of times, then dead-lettered.
 */
public class TransientFailure extends RuntimeException {
    public TransientFailure(String reason) {
        super(reason);
    }

    public TransientFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
