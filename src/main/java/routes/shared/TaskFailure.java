package routes.shared;

/**
 * A Step Functions task that cannot succeed with this input: the task-error configuration fails the task at once
 * with {@link #error()} as the error name and {@link #cause()} as the cause (SendTaskFailure), no retries. The cause
 * names what is at fault (the input dataset, column, value) and never contains a secret.
 */
public class TaskFailure extends PermanentFailure {
    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
