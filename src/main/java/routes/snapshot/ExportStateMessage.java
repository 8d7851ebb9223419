package routes.snapshot;

import routes.shared.PythonJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export-state message that tells snapshot-sender to send a collection's {@code _success} file: exactly the
 * original's JSON text (this key order, Python's default separators).
 */
public final class ExportStateMessage {
    private ExportStateMessage() {
    }

    public static String json(StatusMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shutdown_flag", message.shutdownFlag());
        body.put("correlation_id", message.correlationId());
        body.put("topic_name", message.collectionName());
        body.put("snapshot_type", message.snapshotType());
        body.put("reprocess_files", message.reprocessFiles());
        body.put("export_date", message.exportDateValue());
        body.put("send_success_indicator", "true");
        return PythonJson.dumps(body);
    }

    /** The FIFO deduplication id: the SHA-256 of the body, as content-based deduplication would compute it. */
    public static String deduplicationId(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
