package routes.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import routes.transforms.functions.Functions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Runs registered functions on the synthetic Oslo data (written once per test class) with a fixed clock. */
abstract class FunctionGoldenSupport {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2020-04-20T20:17:39Z"), ZoneOffset.UTC);
    static final OsloData OSLO = new OsloData(1);
    static TransformEngine engine;
    static TransformRunner runner;
    static TransformCatalogue catalogue = new TransformCatalogue(Functions.ALL);
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        engine = new TransformEngine();
        engine.start();
        runner = new TransformRunner();
        runner.setEngine(engine);
        runner.setClock(CLOCK);
        data = Files.createTempDirectory("oslo-data-");
    }

    @AfterAll
    static void stop() throws SQLException {
        engine.close();
    }

    /** Runs and checks against the golden output, keeping the bytes of file {@code district} and of 00.json. */
    static List<Map<String, Object>> run(String function, String type, Map<String, Path> inputs, String district) {
        List<Map<String, Object>> files = runner.runFiles(catalogue.get(function), type, inputs, "out");
        Golden.check(function, type, files, List.of(district, "00"));
        return files;
    }

    static JsonNode file(List<Map<String, Object>> files, String id) {
        for (JsonNode f : TemplatesTest.json(files)) {
            if (f.get("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no file " + id);
    }

    static JsonNode entry(JsonNode file, String id) {
        for (JsonNode e : file.get("data")) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + id);
    }
}
