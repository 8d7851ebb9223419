package routes.snapshot;

import routes.shared.PythonJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The monitoring topic's message: exactly the original's JSON text, title {@code <Type title-cased> - <status>}. */
public final class MonitoringMessage {
    public static final String ALL_COLLECTIONS_SUCCESSFUL = "All collections successful";

    private MonitoringMessage() {
    }

    public static String json(String snapshotType, String status, Object exportDate, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("severity", "Critical");
        body.put("notification_type", "Information");
        body.put("slack_username", "Snapshot Sender");
        body.put("title_text", titleCase(snapshotType) + " - " + status);
        body.put("custom_elements", List.of(
                element("Export date", exportDate),
                element("Correlation Id", correlationId)));
        return PythonJson.dumps(body);
    }

    /** Python's {@code str.title()}: the first cased character of each run of cased characters upper, the rest lower. */
    public static String titleCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousCased = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
            out.appendCodePoint(cased ? (previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c)) : c);
            previousCased = cased;
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static Map<String, Object> element(String key, Object value) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("key", key);
        element.put("value", value);
        return element;
    }
}
