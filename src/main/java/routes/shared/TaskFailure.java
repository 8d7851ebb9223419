package routes.shared;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A Step Functions task fails with this error name and cause ({@code SendTaskFailure}, at once, no retry): a pipeline's
 * task processor throws it when the input is wrong, naming the dataset, column or value at fault in the cause.
 * {@link #describe} turns any other failure into the error and cause the task-error configuration sends.
 */
public class TaskFailure extends PermanentFailure {
    /** A {@link PermanentFailure} that is not a TaskFailure: the input was rejected. */
    public static final String INVALID_INPUT = "InvalidTaskInput";
    /** A transient fault (AWS 5xx, throttling, a timeout) that outlasted the retries. */
    public static final String RETRIES_EXHAUSTED = "TaskRetriesExhausted";
    /** The processor's output was refused by Step Functions (not JSON, or too large). */
    public static final String INVALID_OUTPUT = "InvalidTaskOutput";
    /** Step Functions' limits on SendTaskFailure. */
    static final int MAX_ERROR = 256;
    static final int MAX_CAUSE = 32768;

    private final String error;

    public TaskFailure(String error, String cause) {
        super(cause);
        this.error = error;
    }

    public TaskFailure(String error, String cause, Throwable reason) {
        super(cause, reason);
        this.error = error;
    }

    public String getError() {
        return error;
    }

    /** The cause Step Functions records (Throwable's getCause is the Java cause). */
    public String getTaskCause() {
        return getMessage();
    }

    /**
     * The error and cause a failed task ends with: a TaskFailure as thrown; other wrong input as
     * {@value #INVALID_INPUT}; anything else, after {@code attempts} tries, as {@value #RETRIES_EXHAUSTED} with a
     * cause naming what failed (the AWS service, its status and error code, or the exception type) and its message.
     */
    public static TaskFailure describe(Throwable thrown, Integer attempts) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TaskFailure task) {
                return task;
            }
            if (t instanceof PermanentFailure) {
                return new TaskFailure(INVALID_INPUT, String.valueOf(t.getMessage()));
            }
        }
        // Camel wraps what a bean threw (RuntimeBeanExpressionException etc.): name the bean's failure
        Throwable failure = thrown;
        while (failure instanceof org.apache.camel.RuntimeCamelException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        int tries = attempts == null || attempts < 1 ? 1 : attempts;
        String what;
        if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            var details = aws.awsErrorDetails();
            what = details.serviceName() + " answered " + aws.statusCode()
                    + (details.errorCode() == null ? "" : " " + details.errorCode());
        } else {
            what = failure == null ? "Unknown failure" : failure.getClass().getSimpleName();
        }
        String message = failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorMessage() : failure == null ? "" : failure.getMessage();
        return new TaskFailure(RETRIES_EXHAUSTED, what + " after " + tries + " attempt" + (tries == 1 ? "" : "s")
                + (message == null || message.isBlank() ? "" : ": " + message));
    }
}
