package routes.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** Task events as the original's lambda_invoker task got them, for the route tests, the ITs and the benchmark. */
public final class TaskEvents {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String EDITION = "20200420T201739";

    private TaskEvents() {
    }

    /** {@code function} with {@code type}, writing output dataset {@code output}, reading {@code inputs} (dataset id -> prefix). */
    public static String event(String function, String type, String output, Map<String, String> inputs) {
        var root = JSON.createObjectNode().put("execution_name", "test").put("task", "lambda_invoker");
        var payload = root.putObject("payload");
        var config = payload.putObject("pipeline").put("id", output).putObject("task_config");
        config.putObject("write_to_processed").put("output_stage", "processed");
        config.putObject("lambda_invoker").put("arn", "bydelsfakta-data-processing-" + function).put("type", type);
        payload.putObject("output_dataset").put("id", output).put("version", "1").put("edition", EDITION)
                .put("s3_prefix", "%stage%/yellow/bydelsfakta-grafdata/" + output + "/version=1/edition=" + EDITION + "/");
        var step = payload.putObject("step_data");
        var prefixes = step.putObject("s3_input_prefixes");
        inputs.forEach(prefixes::put);
        step.put("status", "PENDING").putArray("errors");
        return root.toString();
    }

    /** Where that event's district files go. */
    public static String outputPrefix(String output) {
        return "intermediate/yellow/bydelsfakta-grafdata/" + output + "/version=1/edition=" + EDITION + "/lambda_invoker/";
    }
}
