package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** transforms.fix-original-defects: false (default) keeps the original's bytes, true fixes them, for every function. */
class OriginalDefectsTest extends FunctionGoldenSupport {

    @AfterEach
    void keepTheDefaultForTheOtherTests() {
        runner.setFixOriginalDefects(false);
    }

    List<Map<String, Object>> run(boolean fix, String function, String type, Map<String, Path> inputs) {
        runner.setFixOriginalDefects(fix);
        return runner.runFiles(catalogue.get(function), type, inputs, "out");
    }

    @Test
    void theHeadingKey() {
        Map<String, Path> vgs = Map.of("ikke-fullfort-vgs", OSLO.dataset("ikke-fullfort-vgs", data));
        assertThat(file(run(false, "ikke-fullfort-vgs", "status", vgs), "03").get("meta").get("series").toString())
                .isEqualTo("[{\"Heading\":\"Antall personer, ikke fullført i løpet av 5 år\",\"subheading\":\"\"}]");
        List<Map<String, Object>> fixed = run(true, "ikke-fullfort-vgs", "status", vgs);
        assertThat(file(fixed, "03").get("meta").get("series").toString())
                .isEqualTo("[{\"heading\":\"Antall personer, ikke fullført i løpet av 5 år\",\"subheading\":\"\"}]");
        // nothing else changes: the rest of the file is the original's
        assertThat(file(fixed, "03").get("data")).isEqualTo(file(run(false, "ikke-fullfort-vgs", "status", vgs), "03").get("data"));
    }

    @Test
    void theDistrictNameTypo() throws IOException {
        Path csv = OSLO.boligpriser(data.resolve("typo"));
        Files.writeString(csv, Files.readString(csv, StandardCharsets.UTF_8).replace("Bydel Søndre Nordstrand", "Byel Søndre Nordstrand"), StandardCharsets.UTF_8);
        Map<String, Path> inputs = Map.of("boligpriser-blokkleiligheter", csv);
        JsonNode kept = file(run(false, "boligpriser", "status", inputs), "15");
        assertThat(kept.get("district").asText()).isEqualTo("Byel Søndre Nordstrand");
        assertThat(entry(kept, "15").get("geography").asText()).isEqualTo("Byel Søndre Nordstrand");
        List<Map<String, Object>> fixed = run(true, "boligpriser", "status", inputs);
        assertThat(file(fixed, "15").get("district").asText()).isEqualTo("Bydel Søndre Nordstrand");
        assertThat(entry(file(fixed, "15"), "15").get("geography").asText()).isEqualTo("Bydel Søndre Nordstrand");
        assertThat(entry(file(fixed, "00"), "15").get("geography").asText()).isEqualTo("Bydel Søndre Nordstrand");
    }

    @Test
    void theRoomsHeadingTypo() {
        Map<String, Path> inputs = Map.of("husholdninger-etter-rom-per-person", OSLO.romPerPerson(data));
        assertThat(file(run(false, "trangboddhet", "under-0-5_status", inputs), "01").get("meta").get("heading").asText()).isEqualTo("Under 0,5 rom per preson");
        assertThat(file(run(true, "trangboddhet", "under-0-5_status", inputs), "01").get("meta").get("heading").asText()).isEqualTo("Under 0,5 rom per person");
    }
}
