package routes.snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.PermanentFailure;
import routes.shared.RetryLater;
import routes.shared.TransientFailure;

import java.util.List;

/**
 * A collection's way through a run, one decision per route step: count a file once, move the collection to
 * {@code Received} when all its files are in, to {@code Success} when its success file arrives, and tell whether the
 * whole run has got there. Transitions are conditional updates; only their winner goes on to the side effects (and a
 * redelivery of the winner's own message, recognised by the receipt it stored, so a crash never loses them).
 */
public class CollectionProgress {
    private static final Logger LOG = LoggerFactory.getLogger(CollectionProgress.class);

    private StatusTable statusTable;
    private SnapshotMetrics metrics;

    public CollectionProgress() {
    }

    public CollectionProgress(StatusTable statusTable, SnapshotMetrics metrics) {
        this.statusTable = statusTable;
        this.metrics = metrics;
    }

    public void setStatusTable(StatusTable statusTable) {
        this.statusTable = statusTable;
    }

    public void setMetrics(SnapshotMetrics metrics) {
        this.metrics = metrics;
    }

    /** Counts the data file once; a duplicate gives the collection as it is. A missing status item is wrong input. */
    public CollectionItem countFile(StatusMessage message) {
        StatusTable.FileCount count = statusTable.countFile(message.correlationId(), message.collectionName(), message.receiptId());
        if (count.counted()) {
            metrics.fileReceived(message);
        } else {
            LOG.info("File {} of {} was counted before; not counting it again", message.fileNameOrNotSet(), message.collectionName());
        }
        CollectionItem collection = count.collection();
        LOG.info("Collection {} is {}: {} of {} exported files received ({} sent)", collection.collectionName(),
                collection.status(), collection.filesReceived(), collection.filesExported(), collection.filesSent());
        return collection;
    }

    /**
     * Moves a fully received collection to {@code Received}. True for the one writer whose conditional update won
     * (or a redelivery of that writer's message): only it sends the export-state message.
     */
    public boolean completeReception(StatusMessage message, CollectionItem collection) {
        if (ownTransition(message, collection.status(), CollectionItem.RECEIVED, collection.receivedBy())) {
            LOG.info("Collection {} was moved to Received by this file before; finishing its steps", message.collectionName());
            return true;
        }
        if (CollectionItem.RECEIVABLE.contains(collection.status()) && collection.filesExported() == null) {
            throw new PermanentFailure("Status item " + message.correlationId() + "/" + message.collectionName()
                    + " is " + collection.status() + " but has no FilesExported");
        }
        if (!collection.isReceived()) {
            LOG.debug("Collection {} has not been fully received so no further processing", message.collectionName());
            return false;
        }
        boolean won = statusTable.markReceived(message.correlationId(), message.collectionName(), message.receiptId());
        if (!won) {
            LOG.info("Collection {} was moved to Received by another file", message.collectionName());
        }
        return won;
    }

    /** The collection a success file is about, read strongly consistent. */
    public CollectionItem currentCollection(StatusMessage message) {
        return statusTable.current(message.correlationId(), message.collectionName());
    }

    /**
     * Moves the collection to {@code Success}. True for the winner (or its own redelivery). A collection that is not
     * {@code Sent}/{@code Received} yet is a {@link RetryLater}: the success file came early and waits on the queue.
     */
    public boolean completeSuccess(StatusMessage message, CollectionItem collection) {
        if (ownTransition(message, collection.status(), CollectionItem.SUCCESS, collection.succeededBy())) {
            LOG.info("Collection {} was moved to Success by this success file before; finishing its steps", message.collectionName());
            return true;
        }
        if (CollectionItem.SUCCESS.equals(collection.status())) {
            LOG.info("Collection {} is already Success; duplicate success file ignored", message.collectionName());
            return false;
        }
        if (!collection.isReadyForSuccess()) {
            throw new RetryLater("Success file for " + message.correlationId() + "/" + message.collectionName()
                    + " arrived while the collection is " + collection.status() + " (not Sent or Received yet)");
        }
        boolean won = statusTable.markSuccess(message.correlationId(), message.collectionName(), message.receiptId());
        if (won) {
            metrics.collectionSuccessful(message);
            return true;
        }
        CollectionItem now = currentCollection(message);
        if (CollectionItem.SUCCESS.equals(now.status())) {
            LOG.info("Collection {} was moved to Success by another success file", message.collectionName());
            return false;
        }
        throw new TransientFailure("Collection " + message.collectionName() + " changed to " + now.status()
                + " while its success file was processed; retrying");
    }

    /** Whether every collection of the run is {@code Received} or {@code Success} (consistent, all pages). */
    public boolean allCollectionsReceived(StatusMessage message) {
        return allIn(message, CollectionItem.ALL_RECEIVED, "received");
    }

    /** Whether every collection of the run is {@code Success} (consistent, all pages). */
    public boolean allCollectionsSuccessful(StatusMessage message) {
        return allIn(message, CollectionItem.ALL_SUCCESSFUL, "successful");
    }

    private boolean allIn(StatusMessage message, java.util.Set<String> statuses, String what) {
        List<CollectionItem> collections = statusTable.collections(message.correlationId());
        boolean all = CollectionItem.allIn(collections, statuses);
        if (!all) {
            LOG.info("All collections have not been fully {} for {}: {}", what, message.correlationId(), CollectionItem.statuses(collections));
        }
        return all;
    }

    private static boolean ownTransition(StatusMessage message, String status, String target, String by) {
        return target.equals(status) && message.receiptId() != null && message.receiptId().equals(by);
    }
}
