package routes.shared;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Completes Step Functions tasks (activity tasks and {@code .waitForTaskToken} tasks alike): success with an output,
 * failure with an error and cause, heartbeat. Success and failure are side effects recorded in the ledger under the
 * token's hash, so a redelivered message or a second reviewer's click never completes a task twice. A token that
 * Step Functions no longer knows (timed out, already closed) is wrong input, not a transient failure.
 * (Camel's aws2-step-functions has no SendTaskSuccess/Failure/Heartbeat operations, hence this bean.)
 */
public class TaskCallbacks {
    private final SfnClient sfn;
    private final SideEffectGuard guard;

    public TaskCallbacks(SfnClient sfn, SideEffectGuard guard) {
        this.sfn = sfn;
        this.guard = guard;
    }

    /** What a completion did (stand-in for the shared Step Functions piece's interface, see the coordination README). */
    public enum Outcome { SENT, ALREADY_SENT, TOKEN_GONE }

    public Outcome succeed(String pipeline, String taskToken, String outputJson) {
        return complete(pipeline, taskToken, () -> sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(outputJson)));
    }

    public Outcome fail(String pipeline, String taskToken, String error, String cause) {
        return complete(pipeline, taskToken, () -> sfn.sendTaskFailure(b -> b.taskToken(taskToken).error(error).cause(cause)));
    }

    private Outcome complete(String pipeline, String taskToken, Runnable request) {
        boolean[] made = {false};
        String result = guard.once(pipeline, effectKey(taskToken), () -> {
            made[0] = true;
            try {
                request.run();
                return Outcome.SENT.name();
            } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException e) {
                return Outcome.TOKEN_GONE.name();
            }
        });
        if (made[0]) {
            return Outcome.valueOf(result);
        }
        return Outcome.TOKEN_GONE.name().equals(result) ? Outcome.TOKEN_GONE : Outcome.ALREADY_SENT;
    }

    /** Whether this task was already completed (and how: SUCCEEDED or FAILED), as far as the ledger knows. */
    public String completion(String pipeline, String taskToken) {
        return guard.ledger().resultOf(pipeline, effectKey(taskToken)).orElse(null);
    }

    public Outcome heartbeat(String taskToken) {
        try {
            sfn.sendTaskHeartbeat(b -> b.taskToken(taskToken));
            return Outcome.SENT;
        } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException e) {
            return Outcome.TOKEN_GONE;
        }
    }

    static String effectKey(String taskToken) {
        return "task-callback#" + DeadLetters.sha256(taskToken);
    }

    private static void call(Runnable request) {
        try {
            request.run();
        } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException e) {
            throw new PermanentFailure("Step Functions no longer accepts this task token: " + e.getClass().getSimpleName());
        }
    }
}
