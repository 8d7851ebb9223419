package routes.shared;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two shapes of a .waitForTaskToken message, and what is not a task. */
class TaskMessagesTest {
    private final TaskMessages messages = new TaskMessages();

    @Test
    void tokenAndInput() {
        TaskMessages.TaskMessage m = messages.read("{\"TaskToken\":\"t1\",\"Input\":{\"a\":1,\"b\":[2]}}");
        assertThat(m.getToken()).isEqualTo("t1");
        assertThat(m.getInput()).isEqualTo("{\"a\":1,\"b\":[2]}");
    }

    @Test
    void tokenBesideTheEventsFields() {
        TaskMessages.TaskMessage m = messages.read("{\"payload\":{\"x\":1},\"taskToken\":\"t2\",\"Input\":3}");
        assertThat(m.getToken()).isEqualTo("t2");
        assertThat(m.getInput()).isEqualTo("{\"payload\":{\"x\":1},\"Input\":3}");
    }

    @Test
    void whatIsNotATaskIsWrongInputWithAClearReason() {
        Map.of("not json", "A task message is not JSON: ",
                "[1]", "A task message must be a JSON object with a TaskToken",
                "{\"TaskToken\":5}", "A task message has no TaskToken (a string): fields TaskToken",
                "{}", "A task message has no TaskToken (a string): fields (none)")
                .forEach((body, reason) -> assertThatThrownBy(() -> messages.read(body))
                        .isInstanceOf(PermanentFailure.class).hasMessageStartingWith(reason));
    }

    @Test
    void templateGroupsResolveTheirParameters() {
        assertThat(TemplatedRouteGroups.resolve("{{pipeline}}", Map.of("pipeline", "review"))).isEqualTo("review");
        assertThat(TemplatedRouteGroups.resolve("{{other}}", Map.of("pipeline", "review"))).isEqualTo("{{other}}");
        assertThat(TemplatedRouteGroups.resolve("uploads", null)).isEqualTo("uploads");
    }
}
