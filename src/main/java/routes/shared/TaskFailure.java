package routes.shared;

/**
 * Fails a Step Functions task at once with this error name and cause (SendTaskFailure), through the task-error
 * configuration. Stand-in with the interface agreed in the coordination README until the shared Step Functions piece
 * lands; that version replaces this file.
 */
public class TaskFailure extends PermanentFailure {
    private final String error;

    public TaskFailure(String error, String cause) {
        super(cause);
        this.error = error;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return getMessage();
    }
}
