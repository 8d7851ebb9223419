package routes.transforms;

import local.LocalResources;
import org.junit.jupiter.api.Test;
import routes.transforms.functions.Functions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered function can be run in the local run with one command (docs/transforms.md, "Running a function
 * locally"): its event docs/examples/<function>.json names it, asks for a type it accepts and reads exactly its inputs,
 * each from a prefix that local-aws/resources.yaml seeds with exactly one object, whose file is the generator's.
 */
class LocalExamplesTest {
    /** The README's example is named after its output dataset. */
    static Path example(String function) {
        return Path.of("docs/examples", "befolkningsutvkl-forv-utvkl".equals(function) ? "befolkningsutvikling-og-forventet-utvikling.json" : function + ".json");
    }

    @Test
    void everyFunctionHasAnEventOnTheSeededInputs() throws IOException {
        List<LocalResources.SeedObject> seeds = LocalResources.load(LocalResources.catalogue(Path.of("local-aws")),
                LocalResources.localProperties(Map.of())).objects();
        Path generated = Files.createTempDirectory("oslo-seed-");
        OsloData oslo = new OsloData(1);
        TransformCatalogue catalogue = new TransformCatalogue(Functions.ALL);
        for (TransformFunction function : Functions.ALL) {
            Path file = example(function.name());
            assertThat(file).as(function.name()).exists();
            TransformEvent event = TransformEvent.parse(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(catalogue.choose(event, null, null).name()).as(file.toString()).isEqualTo(function.name());
            catalogue.type(function, event);
            Map<String, String> prefixes = catalogue.inputPrefixes(function, event);
            prefixes.forEach((dataset, prefix) -> {
                List<LocalResources.SeedObject> under = seeds.stream().filter(o -> o.key().startsWith(prefix)).toList();
                assertThat(under).as("%s: seeds under %s", function.name(), prefix).hasSize(1);
                try {
                    assertThat(Files.readString(under.get(0).file(), StandardCharsets.UTF_8)).as("%s is the generator's", under.get(0).file())
                            .isEqualTo(Files.readString(oslo.dataset(dataset, generated.resolve(dataset)), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        // and nothing seeded that no function reads
        assertThat(seeds.stream().filter(o -> o.key().startsWith("processed/")).map(o -> o.key().split("/")[2]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(OsloSeed.datasets());
    }
}
