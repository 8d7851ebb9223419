package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import routes.shared.TaskFailure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task input, exactly as the original's Lambdas received it from the {@code lambda_invoker} task:
 * {@code {"execution_name", "task", "payload": {"pipeline", "output_dataset", "step_data"}}}. The three objects inside
 * {@code payload} and {@code payload} itself must have exactly their keys (the original built dataclasses from
 * them, so a missing or an extra key failed); at the top level only the three keys are read.
 */
public record TransformEvent(String executionName, String task, String pipelineId, JsonNode taskConfig,
                             String outputId, String outputVersion, String outputEdition, String outputS3Prefix,
                             Map<String, String> inputPrefixes, JsonNode status, JsonNode errors) {

    public static final String INVALID_EVENT = "InvalidEvent";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static TransformEvent parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TaskFailure(INVALID_EVENT, "the event is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TaskFailure(INVALID_EVENT, "the event must be a JSON object");
        }
        String executionName = text(required(root, "execution_name", ""), "execution_name");
        String task = text(required(root, "task", ""), "task");
        JsonNode payload = exactly(required(root, "payload", ""), "payload", "pipeline", "output_dataset", "step_data");
        JsonNode pipeline = exactly(payload.get("pipeline"), "payload.pipeline", "id", "task_config");
        JsonNode output = exactly(payload.get("output_dataset"), "payload.output_dataset", "id", "version", "edition", "s3_prefix");
        JsonNode stepData = exactly(payload.get("step_data"), "payload.step_data", "s3_input_prefixes", "status", "errors");
        JsonNode prefixes = stepData.get("s3_input_prefixes");
        if (!prefixes.isObject()) {
            throw new TaskFailure(INVALID_EVENT, "payload.step_data.s3_input_prefixes must be an object of dataset id -> S3 prefix");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        prefixes.fields().forEachRemaining(e -> inputs.put(e.getKey(), text(e.getValue(), "payload.step_data.s3_input_prefixes." + e.getKey())));
        if (!pipeline.get("task_config").isObject()) {
            throw new TaskFailure(INVALID_EVENT, "payload.pipeline.task_config must be an object");
        }
        return new TransformEvent(executionName, task, text(pipeline.get("id"), "payload.pipeline.id"), pipeline.get("task_config"),
                text(output.get("id"), "payload.output_dataset.id"), text(output.get("version"), "payload.output_dataset.version"),
                text(output.get("edition"), "payload.output_dataset.edition"), text(output.get("s3_prefix"), "payload.output_dataset.s3_prefix"),
                Collections.unmodifiableMap(inputs), stepData.get("status"), stepData.get("errors"));
    }

    /** {@code payload.pipeline.task_config[task]}: this task's configuration. */
    public JsonNode thisTaskConfig() {
        JsonNode config = taskConfig.get(task);
        if (config == null || !config.isObject()) {
            throw new TaskFailure(INVALID_EVENT, "payload.pipeline.task_config has no object for task '" + task + "' (it has " + keys(taskConfig) + ")");
        }
        return config;
    }

    /** {@code task_config[task].type}, which selects what the function outputs. */
    public String type() {
        JsonNode type = thisTaskConfig().get("type");
        if (type == null || !type.isTextual()) {
            throw new TaskFailure(INVALID_EVENT, "payload.pipeline.task_config." + task + ".type is missing (or not a string)");
        }
        return type.textValue();
    }

    /** {@code task_config[task].arn} (a Lambda name or ARN such as {@code bydelsfakta-data-processing-boligpriser}), or null. */
    public String functionArn() {
        JsonNode arn = thisTaskConfig().get("arn");
        return arn != null && arn.isTextual() ? arn.textValue() : null;
    }

    /** {@code s3_prefix} with every {@code %stage%} replaced by {@code intermediate}, plus {@code <task>/}. */
    public String outputPrefix() {
        return outputS3Prefix.replace("%stage%", "intermediate") + task + "/";
    }

    /** The new step_data: the output prefix under the output dataset's id, status OK, the input errors unchanged. */
    public String stepDataResult() {
        ObjectNode result = JSON.createObjectNode();
        result.putObject("s3_input_prefixes").put(outputId, outputPrefix());
        result.put("status", "OK");
        result.set("errors", errors);
        return result.toString();
    }

    private static JsonNode required(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new TaskFailure(INVALID_EVENT, "the event has no key '" + path + key + "'");
        }
        return value;
    }

    private static JsonNode exactly(JsonNode node, String path, String... keys) {
        if (node == null || !node.isObject()) {
            throw new TaskFailure(INVALID_EVENT, path + " must be an object with the keys " + List.of(keys));
        }
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!node.has(key)) {
                missing.add(key);
            }
        }
        List<String> extra = new ArrayList<>();
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                extra.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new TaskFailure(INVALID_EVENT, path + " is missing " + missing);
        }
        if (!extra.isEmpty()) {
            throw new TaskFailure(INVALID_EVENT, path + " has unexpected keys " + extra + " (allowed: " + List.of(keys) + ")");
        }
        return node;
    }

    private static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new TaskFailure(INVALID_EVENT, path + " must be a string");
        }
        return node.textValue();
    }

    private static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
