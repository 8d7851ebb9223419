package routes.snapshot;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One collection's item in the status table (key {@code CorrelationId} + {@code CollectionName}), as this pipeline
 * reads it. Numbers are DynamoDB numbers; a missing {@code FilesReceived} counts as 0, a missing {@code FilesExported}
 * or {@code FilesSent} is null.
 */
public record CollectionItem(String correlationId, String collectionName, String status, Long filesExported,
                             long filesReceived, Long filesSent, String receivedBy, String succeededBy) {
    public static final String CORRELATION_ID = "CorrelationId";
    public static final String COLLECTION_NAME = "CollectionName";
    public static final String COLLECTION_STATUS = "CollectionStatus";
    public static final String FILES_EXPORTED = "FilesExported";
    public static final String FILES_RECEIVED = "FilesReceived";
    public static final String FILES_SENT = "FilesSent";
    /** The digests of the files already counted (a string set): makes counting a file idempotent. */
    public static final String RECEIVED_FILE_IDS = "ReceivedFileIds";
    /** The receipt (file) whose conditional update moved the collection to Received. */
    public static final String RECEIVED_BY = "ReceivedBy";
    /** The receipt (success file) whose conditional update moved the collection to Success. */
    public static final String SUCCEEDED_BY = "SucceededBy";

    public static final String EXPORTING = "Exporting";
    public static final String EXPORTED = "Exported";
    public static final String SENT = "Sent";
    public static final String RECEIVED = "Received";
    public static final String SUCCESS = "Success";

    /** Statuses from which a fully received collection may move to {@code Received}. */
    public static final Set<String> RECEIVABLE = Set.of(EXPORTED, SENT);
    /** Statuses from which a success file may move a collection to {@code Success}. */
    public static final Set<String> SUCCEEDABLE = Set.of(SENT, RECEIVED);
    public static final Set<String> ALL_RECEIVED = Set.of(RECEIVED, SUCCESS);
    public static final Set<String> ALL_SUCCESSFUL = Set.of(SUCCESS);

    public static CollectionItem from(Map<String, AttributeValue> item) {
        return new CollectionItem(s(item, CORRELATION_ID), s(item, COLLECTION_NAME), s(item, COLLECTION_STATUS),
                n(item, FILES_EXPORTED), orZero(n(item, FILES_RECEIVED)), n(item, FILES_SENT),
                s(item, RECEIVED_BY), s(item, SUCCEEDED_BY));
    }

    /**
     * Every file has arrived: status {@code Exported} or {@code Sent} and received ≥ exported (the original's rule;
     * {@code FilesSent} is not compared). A receivable status without {@code FilesExported} is not received.
     */
    public boolean isReceived() {
        return RECEIVABLE.contains(status) && filesExported != null && filesReceived >= filesExported;
    }

    /** A success file may complete this collection: status {@code Sent} or {@code Received}. */
    public boolean isReadyForSuccess() {
        return SUCCEEDABLE.contains(status);
    }

    /** Whether every collection of a run has one of {@code statuses}; false for a run without collections. */
    public static boolean allIn(Collection<CollectionItem> collections, Set<String> statuses) {
        return !collections.isEmpty() && collections.stream().allMatch(c -> statuses.contains(c.status()));
    }

    /** The statuses of some collections, in order (for logs). */
    public static List<String> statuses(Collection<CollectionItem> collections) {
        return collections.stream().map(c -> c.collectionName() + "=" + c.status()).toList();
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s() != null ? value.s() : value.n();
    }

    private static Long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        String text = value.n() != null ? value.n() : value.s();
        return text == null ? null : new java.math.BigDecimal(text).longValue();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
