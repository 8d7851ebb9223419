package routes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmHeapTest {
    @Test
    void aHeapFlagInAnyFormCountsAsSet() {
        assertThat(JvmHeap.isSet(List.of("-Dfoo=bar", "-Xmx512m"))).isTrue();
        assertThat(JvmHeap.isSet(List.of("-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError"))).isTrue();
        assertThat(JvmHeap.isSet(List.of("-XX:MaxRAM=768m"))).isTrue();
        assertThat(JvmHeap.isSet(List.of("-XX:MaxHeapSize=1g"))).isTrue();
    }

    @Test
    void otherFlagsDoNotSetTheHeap() {
        assertThat(JvmHeap.isSet(List.of())).isFalse();
        assertThat(JvmHeap.isSet(List.of("-Xms512m", "-XX:InitialRAMPercentage=50", "-Xss1m", "-Dlog4j2.level=WARN"))).isFalse();
    }
}
