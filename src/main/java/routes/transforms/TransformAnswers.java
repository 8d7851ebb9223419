package routes.transforms;

import routes.shared.PythonJson;
import routes.shared.TaskFailure;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP way in's answer to a failed transform: the status code and {@code {"error", "cause"}} as a task would fail. */
public class TransformAnswers {
    public int status(Exception failure) {
        if (failure instanceof TaskFailure task) {
            return "UnknownFunction".equals(task.getError()) ? 404 : 422;
        }
        return 502;
    }

    public String failure(Exception failure) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (failure instanceof TaskFailure task) {
            body.put("error", task.getError());
            body.put("cause", task.getTaskCause());
        } else {
            body.put("error", TaskFailure.RETRIES_EXHAUSTED);
            body.put("cause", failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        return PythonJson.dumpsUnicode(body);
    }
}
