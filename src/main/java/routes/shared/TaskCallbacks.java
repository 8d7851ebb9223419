package routes.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.util.function.Supplier;

/**
 * Completes Step Functions tasks (activity tasks and {@code .waitForTaskToken} tasks alike): success with an output,
 * failure with an error and cause, heartbeat. A completion is a side effect recorded in the ledger under the token's
 * hash, so a redelivered message, a second worker or a second reviewer's click never completes a task twice.
 * A token Step Functions no longer accepts (timed out, closed, malformed) is logged by its hash and dropped: it is
 * recorded too, so nothing retries it for ever. The token itself is never logged.
 * (Camel's aws2-step-functions has no SendTaskSuccess/Failure/Heartbeat operations, hence this bean.)
 */
public class TaskCallbacks {
    /** What a callback did. */
    public enum Outcome {
        /** Step Functions accepted it now. */
        SENT,
        /** The task was completed before (the ledger says so); nothing was sent. */
        ALREADY_SENT,
        /** Step Functions no longer knows the token (TaskTimedOut, InvalidToken, TaskDoesNotExist): dropped. */
        TOKEN_GONE
    }

    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String GONE = "TOKEN_GONE";

    private static final Logger LOG = LoggerFactory.getLogger(TaskCallbacks.class);

    private final SfnClient sfn;
    private final SideEffectGuard guard;
    private final Supplier<MeterRegistry> meters;

    public TaskCallbacks(SfnClient sfn, SideEffectGuard guard, Supplier<MeterRegistry> meters) {
        this.sfn = sfn;
        this.guard = guard;
        this.meters = meters;
    }

    public TaskCallbacks(SfnClient sfn, SideEffectGuard guard) {
        this(sfn, guard, () -> Metrics.globalRegistry);
    }

    /** SendTaskSuccess with {@code outputJson}, once per token. */
    public Outcome succeed(String pipeline, String taskToken, String outputJson) {
        return complete(pipeline, taskToken, SUCCEEDED, () -> {
            try {
                sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(outputJson));
            } catch (InvalidOutputException e) {
                // our output is wrong, not the token: the task-error configuration fails the task instead
                throw new TaskFailure(TaskFailure.INVALID_OUTPUT, "Step Functions refused the task's output: "
                        + e.awsErrorDetails().errorMessage(), e);
            }
        });
    }

    /** SendTaskFailure with {@code error} and {@code cause} (cut to Step Functions' limits), once per token. */
    public Outcome fail(String pipeline, String taskToken, String error, String cause) {
        String errorName = Abbreviation.of(error, TaskFailure.MAX_ERROR);
        String causeText = Abbreviation.of(cause, TaskFailure.MAX_CAUSE);
        return complete(pipeline, taskToken, FAILED,
                () -> sfn.sendTaskFailure(b -> b.taskToken(taskToken).error(errorName).cause(causeText)));
    }

    /**
     * Fails the task with the error and cause {@link TaskFailure#describe} gives for {@code failure}, after
     * {@code attempts} tries (null: one).
     */
    public Outcome failWith(String pipeline, String taskToken, Throwable failure, Integer attempts) {
        TaskFailure described = TaskFailure.describe(failure, attempts);
        return fail(pipeline, taskToken, described.getError(), described.getTaskCause());
    }

    /** SendTaskHeartbeat (not recorded: it is repeatable). */
    public Outcome heartbeat(String taskToken) {
        return heartbeat(null, taskToken);
    }

    /** SendTaskHeartbeat, counted under {@code pipeline}. */
    public Outcome heartbeat(String pipeline, String taskToken) {
        try {
            sfn.sendTaskHeartbeat(b -> b.taskToken(requireToken(taskToken)));
            count(pipeline, "heartbeat", Outcome.SENT);
            return Outcome.SENT;
        } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException e) {
            LOG.warn("Step Functions task {} is gone ({}): heartbeats stop", tokenHash(taskToken), errorName(e));
            count(pipeline, "heartbeat", Outcome.TOKEN_GONE);
            return Outcome.TOKEN_GONE;
        }
    }

    /** Whether this task was already completed (and how: SUCCEEDED, FAILED or TOKEN_GONE), as far as the ledger knows. */
    public String completion(String pipeline, String taskToken) {
        return guard.ledger().resultOf(pipeline, effectKey(taskToken)).orElse(null);
    }

    /** Whether the ledger has a completion for this token (a redelivered message need not be processed again). */
    public boolean isCompleted(String pipeline, String taskToken) {
        return guard.isDone(pipeline, effectKey(taskToken));
    }

    /** How logs, ledger keys and errors name a token: a prefix of its SHA-256, never the token. */
    public static String tokenHash(String taskToken) {
        return taskToken == null ? "(no token)" : "sha256:" + Sha256.hex(taskToken).substring(0, 16);
    }

    static String effectKey(String taskToken) {
        return "task-callback#" + Sha256.hex(requireToken(taskToken));
    }

    private Outcome complete(String pipeline, String taskToken, String completion, Runnable request) {
        boolean[] ran = {false};
        String result = guard.once(pipeline, effectKey(taskToken), () -> {
            ran[0] = true;
            try {
                request.run();
                return completion;
            } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException e) {
                LOG.warn("Step Functions task {} is gone ({}): its {} is dropped", tokenHash(taskToken), errorName(e),
                        completion.equals(SUCCEEDED) ? "success" : "failure");
                return GONE + " " + errorName(e);
            }
        });
        Outcome outcome;
        if (result != null && result.startsWith(GONE)) {
            outcome = Outcome.TOKEN_GONE;
        } else if (ran[0]) {
            outcome = Outcome.SENT;
            LOG.info("Step Functions task {} {}", tokenHash(taskToken), completion.equals(SUCCEEDED) ? "succeeded" : "failed");
        } else {
            outcome = Outcome.ALREADY_SENT;
            LOG.info("Step Functions task {} was already completed ({}): nothing sent", tokenHash(taskToken), result);
        }
        count(pipeline, completion.equals(SUCCEEDED) ? "success" : "failure", outcome);
        return outcome;
    }

    private void count(String pipeline, String callback, Outcome outcome) {
        Counter.builder("step_functions_callbacks").tag("pipeline", pipeline == null ? "" : pipeline)
                .tag("callback", callback).tag("outcome", outcome.name().toLowerCase())
                .description("Step Functions task callbacks by outcome").register(meters.get()).increment();
    }

    private static String errorName(SfnException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName().replace("Exception", "");
    }

    private static String requireToken(String taskToken) {
        if (taskToken == null || taskToken.isBlank()) {
            throw new PermanentFailure("No Step Functions task token: there is no task to complete");
        }
        return taskToken;
    }
}
