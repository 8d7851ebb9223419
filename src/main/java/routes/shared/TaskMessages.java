package routes.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Reads an SQS message sent by a {@code .waitForTaskToken} task: {@code {"TaskToken": "...", "Input": {...}}}, or the
 * token beside the other fields of the event ({@code {"TaskToken": "...", "a": 1}} means input {@code {"a": 1}}).
 * {@code taskToken} is accepted for {@code TaskToken}.
 */
public class TaskMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A task token and the task's input JSON. */
    public static final class TaskMessage {
        private final String token;
        private final String input;

        public TaskMessage(String token, String input) {
            this.token = token;
            this.input = input;
        }

        public String getToken() {
            return token;
        }

        public String getInput() {
            return input;
        }
    }

    public TaskMessage read(String body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PermanentFailure("A task message is not JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode object)) {
            throw new PermanentFailure("A task message must be a JSON object with a TaskToken");
        }
        String field = object.has("TaskToken") ? "TaskToken" : object.has("taskToken") ? "taskToken" : null;
        JsonNode token = field == null ? null : object.get(field);
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new PermanentFailure("A task message has no TaskToken (a string): fields " + fieldNames(object));
        }
        ObjectNode rest = object.deepCopy();
        rest.remove(field);
        JsonNode input = rest.size() == 1 && rest.has("Input") ? rest.get("Input") : rest;
        try {
            return new TaskMessage(token.asText(), JSON.writeValueAsString(input));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fieldNames(ObjectNode object) {
        StringBuilder names = new StringBuilder();
        object.fieldNames().forEachRemaining(n -> names.append(names.length() == 0 ? "" : ", ").append(n));
        return names.length() == 0 ? "(none)" : names.toString();
    }
}
