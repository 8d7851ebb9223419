package routes.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import routes.shared.PermanentFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extraction (reference §3.10 #53–#60), mandatory keys (#30–#34), success flag routing (#6–#11) and defaults. */
class StatusMessageReaderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final StatusMessageReader reader = new StatusMessageReader();
    static final String MESSAGE = "{\"correlation_id\":\"correlationId1\",\"collection_name\":\"db.collection1\","
            + "\"snapshot_type\":\"fulls\",\"export_date\":\"2021-01-01\"}";

    // #53
    @Test
    void aRecordWithAnObjectBodyGivesThatObject() throws Exception {
        assertThat(reader.messages("{\"Records\":[{\"body\":" + MESSAGE + "}]}")).singleElement()
                .satisfies(m -> assertThat(JSON.readTree(m)).isEqualTo(JSON.readTree(MESSAGE)));
    }

    // #54
    @Test
    void twoObjectBodiesGiveBothInOrder() {
        String second = MESSAGE.replace("collection1", "collection2");
        assertThat(reader.messages("{\"Records\":[{\"body\":" + MESSAGE + "},{\"body\":" + second + "}]}"))
                .containsExactly(MESSAGE, second);
    }

    // #55, #56
    @Test
    void stringBodiesAreParsedJson() {
        String quoted = JSON.valueToTree(MESSAGE).toString();
        String quoted2 = JSON.valueToTree(MESSAGE.replace("collection1", "collection2")).toString();
        assertThat(reader.messages("{\"Records\":[{\"body\":" + quoted + "}]}")).containsExactly(MESSAGE);
        assertThat(reader.messages("{\"Records\":[{\"body\":" + quoted + "},{\"body\":" + quoted2 + "}]}"))
                .containsExactly(MESSAGE, MESSAGE.replace("collection1", "collection2"));
    }

    // #57-#60: no usable record: the whole event is the message
    @ParameterizedTest
    @ValueSource(strings = {"{\"Records\":\"test_value\"}", "{\"Tests\":\"test_value\"}", "{\"Records\":[]}", "{\"Records\":[{\"Test\":{}}]}"})
    void withoutRecordBodiesTheWholeEventIsTheMessage(String event) {
        assertThat(reader.messages(event)).containsExactly(event);
    }

    @Test
    void aBodyThatIsNotJsonIsWrongInput() {
        assertThatThrownBy(() -> reader.messages("{\"Records\":[{\"body\":\"not json\"}]}").forEach(m -> reader.parse(m, null)))
                .isInstanceOf(PermanentFailure.class).hasMessage("Status message is not JSON: not json");
        assertThatThrownBy(() -> reader.messages("<xml/>")).isInstanceOf(PermanentFailure.class);
        assertThatThrownBy(() -> reader.messages("")).isInstanceOf(PermanentFailure.class).hasMessage("Message body is empty");
    }

    // #30 - #34
    @Test
    void mandatoryKeysMissingNullOrEmptyAreReported() throws Exception {
        assertThat(StatusMessageReader.missingMandatoryFields(JSON.readTree("{\"correlation_id\":\"test\",\"collection_name\":\"test\",\"snapshot_type\":\"test\"}")))
                .containsExactly("export_date");
        assertThat(StatusMessageReader.missingMandatoryFields(JSON.readTree("{\"correlation_id\":\"test\",\"collection_name\":\"test\",\"snapshot_type\":\"test\",\"export_date\":null}")))
                .containsExactly("export_date");
        assertThat(StatusMessageReader.missingMandatoryFields(JSON.readTree("{\"correlation_id\":\"test\",\"collection_name\":\"test\",\"snapshot_type\":\"test\",\"export_date\":\"\"}")))
                .containsExactly("export_date");
        assertThat(StatusMessageReader.missingMandatoryFields(JSON.readTree("{\"correlation_id\":\"test\",\"collection_name\":\"test\",\"snapshot_type\":\"test\",\"export_date\":\"test\"}")))
                .isEmpty();
        assertThat(StatusMessageReader.missingMandatoryFields(JSON.readTree("{\"correlation_id\":\"test\",\"collection_name\":\"test\",\"snapshot_type\":\"test\",\"export_date\":true}")))
                .isEmpty();
        assertThat(StatusMessageReader.missingMandatoryFields(JSON.readTree("{}")))
                .containsExactly("correlation_id", "collection_name", "snapshot_type", "export_date");
    }

    @Test
    void anInvalidMessageIsWrongInputNamingTheMissingFields() {
        assertThatThrownBy(() -> reader.parse("{\"correlation_id\":\"c\",\"collection_name\":null}", "m#0"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("Status message is missing mandatory field(s) collection_name, snapshot_type, export_date (absent, null or empty)");
    }

    // #34: a boolean export date is accepted and passed through as it is
    @Test
    void aBooleanExportDateIsAcceptedAndKeptAsJson() {
        StatusMessage message = reader.parse(MESSAGE.replace("\"2021-01-01\"", "true"), null);
        assertThat(message.exportDate()).isEqualTo("true");
        assertThat(message.exportDateValue().isBoolean()).isTrue();
    }

    // #6-#11 and §3.11.9: is_success_file
    @Test
    void successFileFlag() throws Exception {
        assertThat(StatusMessageReader.isSuccessFile(null)).isFalse();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("null"))).isFalse();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("\"\""))).isFalse();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("\"false\""))).isFalse();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("\"true\""))).isTrue();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("\"TRUE\""))).isTrue();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("\"True\""))).isTrue();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("true"))).isTrue();
        assertThat(StatusMessageReader.isSuccessFile(JSON.readTree("false"))).isFalse();
        assertThatThrownBy(() -> StatusMessageReader.isSuccessFile(JSON.readTree("1"))).isInstanceOf(PermanentFailure.class)
                .hasMessage("is_success_file must be a string or a boolean, not 1");
    }

    // #2 and §3.3: derived values
    @Test
    void derivedValues() {
        StatusMessage message = reader.parse(MESSAGE.replace("}", ",\"file_name\":\"test_file\"}"), "m-1#0");
        assertThat(message.messageGroupId()).isEqualTo("db_collection1");
        assertThat(message.fileName()).isEqualTo("test_file");
        assertThat(message.receiptId()).isEqualTo("file:test_file");
        assertThat(message.shutdownFlag().textValue()).isEqualTo("true");
        assertThat(message.reprocessFiles().textValue()).isEqualTo("true");
        assertThat(message.successFile()).isFalse();
    }

    @Test
    void theReadmesFilenameNamesTheFileToo() {
        assertThat(reader.parse(MESSAGE.replace("}", ",\"filename\":\"folder/x.gz.enc\"}"), null).fileName()).isEqualTo("folder/x.gz.enc");
    }

    @Test
    void withoutAFileNameTheSqsMessageIdAndRecordIndexIdentifyTheFile() {
        StatusMessage message = reader.parse(MESSAGE, "abc", 2);
        assertThat(message.fileNameOrNotSet()).isEqualTo("NOT_SET");
        assertThat(message.receiptId()).isEqualTo("message:abc#2");
        assertThat(reader.parse(MESSAGE, null, null).receiptId()).isNull();
    }

    @Test
    void flagsArePassedThroughVerbatimEvenNull() {
        StatusMessage message = reader.parse(MESSAGE.replace("}", ",\"shutdown_flag\":null,\"reprocess_files\":\"false\"}"), null);
        assertThat(message.shutdownFlag().isNull()).isTrue();
        assertThat(message.reprocessFiles().textValue()).isEqualTo("false");
    }

    @Test
    void aMessageThatIsNotAnObjectIsWrongInput() {
        assertThatThrownBy(() -> reader.parse("[1,2]", null)).isInstanceOf(PermanentFailure.class)
                .hasMessage("Status message is not a JSON object: [1,2]");
        assertThatThrownBy(() -> reader.parse(MESSAGE.replace("\"db.collection1\"", "{\"a\":1}"), null))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("collection_name must be a string");
    }
}
