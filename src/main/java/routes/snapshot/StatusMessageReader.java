package routes.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import routes.shared.Abbreviation;
import routes.shared.PermanentFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the status queue's messages as the original did, and validates them.
 * <ul>
 *   <li>{@link #messages}: a body with {@code Records}, a list of objects, gives one message per record that has a
 *   {@code body} (an object used as is, anything else parsed as JSON text); when that yields nothing, the whole
 *   body is one bare message.</li>
 *   <li>{@link #parse}: the four mandatory fields must be present, not null and not {@code ""}; {@code is_success_file}
 *   is a string (any case) or a JSON boolean; {@code file_name} or {@code filename} names the file.</li>
 * </ul>
 * Anything unreadable is a {@link PermanentFailure}, so it goes to the dead-letter queue with the reason.
 */
public class StatusMessageReader {
    public static final List<String> MANDATORY = List.of("correlation_id", "collection_name", "snapshot_type", "export_date");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bare messages in a queue message body, each as JSON text. */
    public List<String> messages(String body) {
        JsonNode event = readJson(body, "Message body");
        List<String> messages = new ArrayList<>();
        JsonNode records = event.path("Records");
        if (records.isArray()) {
            for (JsonNode record : records) {
                if (record.isObject() && record.has("body")) {
                    JsonNode recordBody = record.get("body");
                    messages.add(recordBody.isTextual() ? recordBody.textValue() : recordBody.toString());
                }
            }
        }
        if (messages.isEmpty()) {
            messages.add(body);
        }
        return messages;
    }

    /** Validates one bare message of an SQS message ({@code index}: its place in a {@code Records} wrapper). */
    public StatusMessage parse(String text, String sqsMessageId, Integer index) {
        return parse(text, sqsMessageId == null ? null : sqsMessageId + "#" + (index == null ? 0 : index));
    }

    /**
     * Validates one bare message. {@code fallbackReceiptId} (the SQS message id and record index) identifies the file
     * when the message names none.
     */
    public StatusMessage parse(String text, String fallbackReceiptId) {
        JsonNode message = readJson(text, "Status message");
        if (!message.isObject()) {
            throw new PermanentFailure("Status message is not a JSON object: " + Abbreviation.oneLine(text, 200));
        }
        List<String> missing = missingMandatoryFields(message);
        if (!missing.isEmpty()) {
            throw new PermanentFailure("Status message is missing mandatory field(s) " + String.join(", ", missing)
                    + " (absent, null or empty)");
        }
        String fileName = fileName(message);
        boolean successFile = isSuccessFile(message.get("is_success_file"));
        String receiptId = fileName != null ? "file:" + fileName
                : fallbackReceiptId != null && !fallbackReceiptId.isBlank() ? "message:" + fallbackReceiptId : null;
        return new StatusMessage(key(message, "correlation_id"), key(message, "collection_name"),
                key(message, "snapshot_type"), key(message, "export_date"), message.get("export_date"), fileName,
                successFile, flag(message, "shutdown_flag"), flag(message, "reprocess_files"), receiptId);
    }

    /** Mandatory fields that are absent, null or the empty string (other values, even {@code false}, count as given). */
    public static List<String> missingMandatoryFields(JsonNode message) {
        List<String> missing = new ArrayList<>();
        for (String field : MANDATORY) {
            JsonNode value = message.get(field);
            if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
                missing.add(field);
            }
        }
        return missing;
    }

    /** {@code "true"} in any case or JSON {@code true}; absent, null, other strings and {@code false} are not. */
    public static boolean isSuccessFile(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return value.textValue().toLowerCase(Locale.ROOT).equals("true");
        }
        throw new PermanentFailure("is_success_file must be a string or a boolean, not " + value);
    }

    private static String fileName(JsonNode message) {
        for (String field : new String[] {"file_name", "filename"}) {
            JsonNode value = message.get(field);
            if (value != null && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }

    /** A mandatory value as a key: strings as they are, other scalars as their JSON text ({@code true}, {@code 5}). */
    private static String key(JsonNode message, String field) {
        JsonNode value = message.get(field);
        if (!value.isValueNode()) {
            throw new PermanentFailure("Status message field " + field + " must be a string, not " + Abbreviation.oneLine(value.toString(), 200));
        }
        return value.asText();
    }

    private static JsonNode flag(JsonNode message, String field) {
        return message.has(field) ? message.get(field) : TextNode.valueOf("true");
    }

    private static JsonNode readJson(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new PermanentFailure(what + " is empty");
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JsonNodeFactory.instance.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw new PermanentFailure(what + " is not JSON: " + Abbreviation.oneLine(text, 200));
        }
    }

}
