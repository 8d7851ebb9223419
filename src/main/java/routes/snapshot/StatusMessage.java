package routes.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One validated file message of a snapshot-sender run.
 *
 * @param fileName        {@code file_name} (or the README's {@code filename}); null when absent
 * @param receiptId       what makes this file's receipt unique within its collection: the file name, else the SQS
 *                        message id (plus the record index); null when neither is known (then it is counted as is)
 * @param shutdownFlag    passed through verbatim to the export-state message ({@code "true"} when absent)
 * @param reprocessFiles  passed through verbatim to the export-state message ({@code "true"} when absent)
 */
public record StatusMessage(String correlationId, String collectionName, String snapshotType, String exportDate,
                            JsonNode exportDateValue, String fileName, boolean successFile, JsonNode shutdownFlag,
                            JsonNode reprocessFiles, String receiptId) {

    /** The collection's FIFO message group: its name with every {@code .} replaced by {@code _}. */
    public String messageGroupId() {
        return collectionName.replace('.', '_');
    }

    /** The file name for logs, {@code NOT_SET} when the message has none (as the original logs it). */
    public String fileNameOrNotSet() {
        return fileName == null ? "NOT_SET" : fileName;
    }

    /** How this message is named in logs and dead letters. */
    public String businessKey() {
        return correlationId + "/" + collectionName + "/" + fileNameOrNotSet() + (successFile ? " (success file)" : "");
    }
}
