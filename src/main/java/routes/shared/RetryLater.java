package routes.shared;

/**
 * The message cannot be processed yet: something another system does will make it processable later (a collection
 * that is not ready for its success file). The shared error handling leaves it on its SQS queue, invisible for a
 * growing delay ({@link VisibilityBackoff}), and dead-letters it only after many receives; no redelivery in the app.
 */
public class RetryLater extends RuntimeException {
    public RetryLater(String message) {
        super(message, null, false, false);
    }
}
