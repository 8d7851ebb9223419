package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** boligpriser (template A, no aggregation); hand-checked district: 03 Bydel Sagene. */
class BoligpriserTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("boligpriser-blokkleiligheter", OSLO.boligpriser(data));
    }

    @Test
    void status() {
        List<Map<String, Object>> files = run("boligpriser", "status", inputs, "03");
        assertThat(files).extracting(f -> f.get("id")).containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "00");
        JsonNode sagene = file(files, "03");
        assertThat(sagene.get("district").asText()).isEqualTo("Bydel Sagene");
        // 0301 in 2019: (301 + 2019) % 7 = 3, so present: count(301, 2019, 1, 30000, 60000) + 0.5
        assertThat(entry(sagene, "0301").get("values")).isEqualTo(TemplatesTest.json(
                "[{\"value\":" + (OsloData.count(301, 2019, 1, 30000, 60000) + 0.5) + ",\"date\":2019}]"));
        assertThat(entry(sagene, "03").get("values").get(0).get("value").asDouble()).isEqualTo(OsloData.count(3, 2019, 1, 40000, 40000));
        assertThat(entry(sagene, "03").get("avgRow").asBoolean()).isTrue();
        assertThat(entry(sagene, "00").get("values").get(0).get("value").asDouble()).isEqualTo(OsloData.count(0, 2019, 1, 50000, 20000) + 0.25);
        assertThat(entry(sagene, "00").get("geography").asText()).isEqualTo("Oslo i alt");
        // 0305 in 2019: (305 + 2019) % 7 = 0 -> no value: its row is dropped, so it has no entry
        assertThat(sagene.get("data")).extracting(e -> e.get("id").asText()).containsExactly("0301", "0302", "0303", "0304", "0306", "0307", "0308", "03", "00");
        JsonNode meta = sagene.get("meta");
        assertThat(meta.get("heading").asText()).isEqualTo("Gjennomsnittpris (kr) pr kvm for blokkleilighet");
        assertThat(meta.get("publishedDate").asText()).isEqualTo("2020-04-20");
        assertThat(meta.get("scale").get("ratio").toString()).isEqualTo("[0.0,0.0]");
        assertThat(meta.fieldNames()).toIterable().containsExactly("heading", "series", "publishedDate", "help", "scope", "scale");
    }

    @Test
    void historisk() {
        List<Map<String, Object>> files = run("boligpriser", "historisk", inputs, "03");
        JsonNode values = entry(file(files, "03"), "0301").get("values");
        // every year but those where (301 + year) % 7 == 0 (2009, 2016)
        assertThat(values).extracting(v -> v.get("date").asInt()).containsExactly(2008, 2010, 2011, 2012, 2013, 2014, 2015, 2017, 2018, 2019);
    }

    @Test
    void anUnknownTypeIsNamed() {
        TransformEvent event = TransformEventTest.event("boligpriser", "alle_status", Map.of("boligpriser-blokkleiligheter", "p/"));
        assertThatThrownBy(() -> catalogue.type(catalogue.get("boligpriser"), event))
                .satisfies(e -> assertThat(TaskFailures.text(e)).isEqualTo("UnknownType: boligpriser does not know type 'alle_status'; it accepts [status, historisk]"));
    }
}
