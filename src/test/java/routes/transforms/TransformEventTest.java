package routes.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import routes.shared.TaskFailure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invocation contract (§1.3) and the original's test_common_event cases (§1.8 1–8). */
class TransformEventTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The original's event fixture: task bydelsfakta, output dataset-out, one input dataset-in. */
    static String fixture() {
        return """
                {"execution_name": "test", "task": "bydelsfakta",
                 "payload": {"pipeline": {"id": "pipeline", "task_config": {"bydelsfakta": {"type": "status"}}},
                   "output_dataset": {"id": "dataset-out", "version": "1", "edition": "20200123", "s3_prefix": "%stage%/yellow/dataset-out/1/20200123/"},
                   "step_data": {"s3_input_prefixes": {"dataset-in": "raw/green/dataset-in/1/20181115/"}, "status": "??", "errors": []}}}""";
    }

    static TransformEvent event(String function, String type, Map<String, String> inputs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("execution_name", "x").put("task", "lambda_invoker");
        ObjectNode payload = root.putObject("payload");
        ObjectNode config = payload.putObject("pipeline").put("id", "p").putObject("task_config");
        config.putObject("write_to_processed").put("output_stage", "processed");
        config.putObject("lambda_invoker").put("arn", "bydelsfakta-data-processing-" + function).put("type", type);
        payload.putObject("output_dataset").put("id", "out").put("version", "1").put("edition", "20200420T201739")
                .put("s3_prefix", "%stage%/yellow/bydelsfakta-grafdata/out/version=1/edition=20200420T201739/");
        ObjectNode step = payload.putObject("step_data");
        ObjectNode prefixes = step.putObject("s3_input_prefixes");
        inputs.forEach(prefixes::put);
        step.put("status", "PENDING").putArray("errors");
        return TransformEvent.parse(root.toString());
    }

    static TransformFunction declaring(String... datasets) {
        SqlTransform.Builder builder = SqlTransform.named("f");
        for (String d : datasets) {
            builder.input(d);
        }
        return builder.type("status", OutputType.latest(Templates.A, "x")).build();
    }

    final TransformCatalogue catalogue = new TransformCatalogue(List.of());

    @Test
    void eventHandler() throws Exception { // case 1
        TransformEvent event = TransformEvent.parse(fixture());
        assertThat(event.type()).isEqualTo("status");
        assertThat(event.outputPrefix()).isEqualTo("intermediate/yellow/dataset-out/1/20200123/bydelsfakta/");
        assertThat(catalogue.inputPrefixes(declaring("dataset-in"), event)).containsExactly(Map.entry("dataset-in", "raw/green/dataset-in/1/20181115/"));
        assertThat(JSON.readTree(event.stepDataResult())).isEqualTo(JSON.readTree(
                "{\"status\":\"OK\",\"errors\":[],\"s3_input_prefixes\":{\"dataset-out\":\"intermediate/yellow/dataset-out/1/20200123/bydelsfakta/\"}}"));
    }

    @Test
    void everyStageIsReplacedAndTheInputErrorsPassThrough() throws Exception {
        String event = fixture().replace("\"%stage%/yellow/dataset-out/1/20200123/\"", "\"%stage%/x/%stage%/\"")
                .replace("\"errors\": []", "\"errors\": [{\"e\": 1}]");
        TransformEvent parsed = TransformEvent.parse(event);
        assertThat(parsed.outputPrefix()).isEqualTo("intermediate/x/intermediate/bydelsfakta/");
        assertThat(JSON.readTree(parsed.stepDataResult()).get("errors").toString()).isEqualTo("[{\"e\":1}]");
    }

    @Test
    void wrongKey() { // case 2: a declared input the event lacks fails first, before the extra one
        TransformEvent event = TransformEvent.parse(fixture());
        assertThatThrownBy(() -> catalogue.inputPrefixes(declaring("not-exists", "dataset-in"), event))
                .isInstanceOf(TaskFailure.class)
                .satisfies(e -> assertThat(((TaskFailure) e).getError()).isEqualTo("PrefixNotInInputError"))
                .hasMessageContaining("[not-exists]");
        TransformEvent withExtra = TransformEvent.parse(fixture().replace("\"dataset-in\": \"raw", "\"extra-input\": \"oh-no\", \"dataset-in\": \"raw"));
        assertThatThrownBy(() -> catalogue.inputPrefixes(declaring("not-exists", "dataset-in"), withExtra))
                .satisfies(e -> assertThat(((TaskFailure) e).getError()).isEqualTo("PrefixNotInInputError"));
    }

    @Test
    void unexpectedInput() { // case 3
        TransformEvent event = TransformEvent.parse(fixture().replace("\"dataset-in\": \"raw", "\"extra-input\": \"oh-no\", \"dataset-in\": \"raw"));
        assertThatThrownBy(() -> catalogue.inputPrefixes(declaring("dataset-in"), event))
                .satisfies(e -> assertThat(((TaskFailure) e).getError()).isEqualTo("ExtraPrefixesInInputError"))
                .hasMessageContaining("[extra-input]");
    }

    @Test
    void inputsArePassedByNameInTheFunctionsOrder() { // cases 7 and 8: the event's order does not matter
        TransformEvent event = event("f", "status", new LinkedHashMap<>(Map.of("b", "pb/", "a", "pa/")));
        assertThat(catalogue.inputPrefixes(declaring("a", "b"), event).keySet()).containsExactly("a", "b");
    }

    @Test
    void aScriptThatReadsATableItDidNotDeclareFailsWithItsName() { // cases 4–6: names must match
        TransformEngine engine = new TransformEngine();
        try (TransformEngine.Session session = engine.session()) {
            assertThatThrownBy(() -> session.run("f", "select * from undeclared_input"))
                    .isInstanceOf(TaskFailure.class)
                    .hasMessageContaining("undeclared_input");
        } finally {
            try {
                engine.close();
            } catch (Exception ignored) {
                // closing an in-memory database
            }
        }
    }

    @Test
    void missingAndExtraKeysAreErrors() {
        assertThatThrownBy(() -> TransformEvent.parse(fixture().replace("\"version\": \"1\", ", "")))
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("InvalidEvent: payload.output_dataset is missing [version]"));
        assertThatThrownBy(() -> TransformEvent.parse(fixture().replace("\"status\": \"??\"", "\"status\": \"??\", \"input_events\": []")))
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("InvalidEvent: payload.step_data has unexpected keys [input_events] (allowed: [s3_input_prefixes, status, errors])"));
        assertThatThrownBy(() -> TransformEvent.parse(fixture().replace("\"task\": \"bydelsfakta\",", "")))
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("InvalidEvent: the event has no key 'task'"));
        assertThatThrownBy(() -> TransformEvent.parse("not json")).isInstanceOf(TaskFailure.class).satisfies(e -> assertThat(TaskFailures.text(e)).startsWith("InvalidEvent: the event is not JSON"));
        assertThatThrownBy(() -> TransformEvent.parse(fixture().replace("\"bydelsfakta\": {\"type\": \"status\"}", "\"other\": {}")).type())
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("InvalidEvent: payload.pipeline.task_config has no object for task 'bydelsfakta' (it has [other])"));
        assertThatThrownBy(() -> TransformEvent.parse(fixture().replace("{\"type\": \"status\"}", "{}")).type())
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("InvalidEvent: payload.pipeline.task_config.bydelsfakta.type is missing (or not a string)"));
    }

    @Test
    void theFunctionComesFromThePathTheActivityOrTheArn() {
        TransformCatalogue two = new TransformCatalogue(List.of(named("boligpriser"), named("folkemengde")));
        two.setActivityFunctions("arn:aws:states:eu-west-1:1:activity:people=folkemengde");
        TransformEvent event = event("boligpriser", "status", Map.of());
        assertThat(two.choose(event, null, null).name()).isEqualTo("boligpriser");
        assertThat(two.choose(event, "folkemengde", null).name()).isEqualTo("folkemengde");
        assertThat(two.choose(event, null, "arn:aws:states:eu-west-1:1:activity:people").name()).isEqualTo("folkemengde");
        assertThat(two.choose(event, null, "arn:aws:states:eu-west-1:1:activity:other").name()).isEqualTo("boligpriser");
        assertThat(TransformCatalogue.nameOf("arn:aws:lambda:eu-west-1:1:function:bydelsfakta-data-processing-boligpriser")).isEqualTo("boligpriser");
        assertThatThrownBy(() -> two.choose(event, "nope", null))
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("UnknownFunction: no transform named 'nope'; the known ones are [boligpriser, folkemengde]"));
    }

    static TransformFunction named(String name) {
        return SqlTransform.named(name).type("status", OutputType.latest(Templates.A, "x")).build();
    }
}
