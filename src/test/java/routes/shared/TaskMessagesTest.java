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
    void aTaskProcessorWithoutTaskErrorsIsNamedAtStart() {
        org.apache.camel.model.RouteDefinition source = new org.apache.camel.model.RouteDefinition("sfn-activity:w");
        source.setId("review-activity");
        source.setTemplateParameters(Map.of("pipeline", "review", "processor", "direct:review-task"));
        org.apache.camel.model.RouteDefinition processor = new org.apache.camel.model.RouteDefinition("direct:review-task");
        processor.setId("review-task");

        assertThat(TaskProcessorCheck.problems(java.util.List.of(source, processor))).containsExactly("Route review-task "
                + "(direct:review-task) is a Step Functions task processor: declare routeConfigurationId: task-errors, "
                + "or its failures are neither retried nor sent as SendTaskFailure");
        processor.setRouteConfigurationId("task-errors");
        assertThat(TaskProcessorCheck.problems(java.util.List.of(source, processor))).isEmpty();
        assertThat(TaskProcessorCheck.problems(java.util.List.of(source))).containsExactly(
                "Route review-activity hands its tasks to direct:review-task, which no route consumes");
    }

    @Test
    void templateGroupsResolveTheirParameters() {
        assertThat(TemplatedRouteGroups.resolve("{{pipeline}}", Map.of("pipeline", "review"))).isEqualTo("review");
        assertThat(TemplatedRouteGroups.resolve("{{other}}", Map.of("pipeline", "review"))).isEqualTo("{{other}}");
        assertThat(TemplatedRouteGroups.resolve("uploads", null)).isEqualTo("uploads");
    }
}
