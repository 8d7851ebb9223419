package routes.transforms;

import routes.shared.PythonJson;
import routes.shared.TaskFailure;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP way in's answer to a failed transform: the status code and {@code {"error", "cause"}} as a task would fail. */
public class TransformAnswers {
    public int status(Exception failure) {
        if (taskFailure(failure) instanceof TaskFailure task) {
            return "UnknownFunction".equals(task.getError()) ? 404 : 422;
        }
        return 502;
    }

    public String failure(Exception failure) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (taskFailure(failure) instanceof TaskFailure task) {
            body.put("error", task.getError());
            body.put("cause", task.getTaskCause());
        } else {
            body.put("error", TaskFailure.RETRIES_EXHAUSTED);
            body.put("cause", failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        return PythonJson.dumpsUnicode(body);
    }

    /** The TaskFailure behind a failure (Camel may wrap what a bean threw), or the failure itself. */
    static Throwable taskFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TaskFailure) {
                return t;
            }
        }
        return failure;
    }
}
