package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** alder-distribusjon-status (template E); hand-checked district: 07 Bydel Vestre Aker, sub-district 0702. */
class AlderDistribusjonStatusTest extends FunctionGoldenSupport {
    static Map<String, Path> inputs;

    @BeforeAll
    static void write() {
        inputs = Map.of("befolkning-etter-kjonn-og-alder", OSLO.befolkning(data));
    }

    static long count(int seed, int age, int sex) {
        int max = age < 90 ? 60 : 120 - age + 1;
        return OsloData.count(seed, 2019, age * 2 + sex, 0, Math.max(1, max));
    }

    @Test
    void latestYearByAgeAndSex() {
        List<Map<String, Object>> files = run("alder-distribusjon-status", "status", inputs, "07");
        JsonNode values = entry(file(files, "07"), "0702").get("values");
        assertThat(values).hasSize(121);
        long total = FolkemengdeTest.population(702, 2019);
        long men = count(702, 30, 1);
        long women = count(702, 30, 2);
        assertThat(values.get(30).toString()).isEqualTo("{\"age\":\"30\",\"mann\":" + men + ",\"kvinne\":" + women + ",\"value\":" + (men + women)
                + ",\"ratio\":" + ((double) (men + women) / total) + ",\"date\":2019}");
        assertThat(file(files, "07").get("meta").get("heading").asText()).isEqualTo("Aldersdistribusjon fordelt på kjønn");
    }

    @Test
    void theTypeIsIgnoredAsInTheOriginal() {
        assertThat(catalogue.get("alder-distribusjon-status").types()).isEmpty();
        assertThat(catalogue.type(catalogue.get("alder-distribusjon-status"), TransformEventTest.event("alder-distribusjon-status", "anything", Map.of())))
                .isEqualTo("anything");
    }
}
