package routes.snapshot;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions on a status item (reference §3.10 #22–#29, #35–#44). */
class CollectionItemTest {
    static CollectionItem item(String status, Integer exported, Integer received, Integer sent) {
        return CollectionItem.from(SnapshotTestAws.item("correlationId1", "db.collection1", status, exported, received, sent));
    }

    static List<CollectionItem> items(String... statuses) {
        return java.util.Arrays.stream(statuses).map(s -> item(s, 1, 1, 1)).toList();
    }

    // #22-#29
    @Test
    void completion() {
        assertThat(CollectionItem.allIn(items("Exported"), Set.of("Exported"))).isTrue();
        assertThat(CollectionItem.allIn(items("Exported", "Exported"), Set.of("Exported"))).isTrue();
        assertThat(CollectionItem.allIn(items("Exported"), Set.of("Exported", "Sent"))).isTrue();
        assertThat(CollectionItem.allIn(items("Exported", "Sent"), Set.of("Exported", "Sent"))).isTrue();
        assertThat(CollectionItem.allIn(items("Exporting"), Set.of("Sent"))).isFalse();
        assertThat(CollectionItem.allIn(items("Exporting", "Exporting"), Set.of("Sent"))).isFalse();
        assertThat(CollectionItem.allIn(items("Exporting"), Set.of("Exported", "Sent"))).isFalse();
        assertThat(CollectionItem.allIn(items("Exporting", "Exporting"), Set.of("Exported", "Sent"))).isFalse();
    }

    // §3.11.6: a run without collections is not complete
    @Test
    void noCollectionsIsNotComplete() {
        assertThat(CollectionItem.allIn(List.of(), CollectionItem.ALL_SUCCESSFUL)).isFalse();
    }

    // #35-#41
    @Test
    void received() {
        assertThat(item("Sent", 1, 1, 1).isReceived()).isTrue();
        assertThat(item("Exported", 1, 1, 1).isReceived()).isTrue();
        assertThat(item("Sent", 2, 1, 1).isReceived()).isFalse();
        assertThat(item("Exported", 1, 1, 2).isReceived()).isTrue();
        assertThat(item("Sent", 1, 2, 1).isReceived()).isTrue();
        assertThat(item("Exported", 2, 1, 2).isReceived()).isFalse();
        assertThat(item("Exporting", 1, 1, 1).isReceived()).isFalse();
    }

    @Test
    void missingCountersAreZeroOrUnknown() {
        CollectionItem item = item("Sent", null, null, null);
        assertThat(item.filesReceived()).isZero();
        assertThat(item.filesExported()).isNull();
        assertThat(item.isReceived()).isFalse();
    }

    // #42-#44
    @Test
    void readyForSuccess() {
        assertThat(item("Received", 1, 1, 1).isReadyForSuccess()).isTrue();
        assertThat(item("Sent", 1, 1, 1).isReadyForSuccess()).isTrue();
        assertThat(item("Exported", 1, 1, 1).isReadyForSuccess()).isFalse();
    }
}
