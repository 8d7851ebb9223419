package routes.transforms;

import routes.shared.TaskFailure;

/** A task failure as the execution history shows it: {@code <error>: <cause>}. */
final class TaskFailures {
    private TaskFailures() {
    }

    static String text(Throwable e) {
        if (!(e instanceof TaskFailure failure)) {
            throw new AssertionError("not a TaskFailure: " + e, e);
        }
        return failure.getError() + ": " + failure.getTaskCause();
    }
}
