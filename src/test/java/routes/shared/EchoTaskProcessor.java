package routes.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test pipeline's task processor (test-routes/step-functions-echo.yaml). By the input's {@code action}: echo
 * (default: {@code {"echo": <input>, "source": <taskSource>}}), fail (TaskFailure with {@code error}, {@code cause}),
 * flaky (a TransientFailure the first {@code times} calls for that {@code id}), sleep ({@code millis}, then echo),
 * defer (the token is kept under {@code id}, no output).
 */
public class EchoTaskProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    public static final Map<String, String> DEFERRED_TOKENS = new ConcurrentHashMap<>();

    public String action(String input) throws Exception {
        return JSON.readTree(input).path("action").asText("echo");
    }

    public void defer(String input, String taskToken) throws Exception {
        String id = JSON.readTree(input).path("id").asText("");
        CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        DEFERRED_TOKENS.put(id, taskToken);
    }

    /** Counted per call (a retry re-runs this step only). */
    public String process(String input, String source) throws Exception {
        JsonNode node = JSON.readTree(input);
        String id = node.path("id").asText("");
        CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        switch (node.path("action").asText("echo")) {
            case "fail" -> throw new TaskFailure(node.path("error").asText(), node.path("cause").asText());
            case "flaky" -> {
                if (CALLS.get(id).get() <= node.path("times").asInt()) {
                    throw new TransientFailure("S3 answered 503 for " + id);
                }
            }
            case "sleep" -> Thread.sleep(node.path("millis").asLong());
            default -> { }
        }
        ObjectNode output = JSON.createObjectNode();
        output.set("echo", node);
        output.put("source", source);
        return JSON.writeValueAsString(output);
    }

    public static int calls(String id) {
        AtomicInteger calls = CALLS.get(id);
        return calls == null ? 0 : calls.get();
    }
}
