package routes.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityBackoffTest {
    @Test
    void theDelayDoublesPerReceiveUpToTheMaximum() {
        VisibilityBackoff backoff = new VisibilityBackoff(null, null, "PT30S", "PT15M", 8);
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToLong(backoff::delaySeconds).toArray())
                .containsExactly(30, 60, 120, 240, 480, 900, 900, 900);
    }

    @Test
    void sqsCapsTheVisibilityTimeoutAtTwelveHours() {
        assertThat(new VisibilityBackoff(null, null, "PT10H", "P2D", 8).delaySeconds(3)).isEqualTo(43_200);
    }
}
