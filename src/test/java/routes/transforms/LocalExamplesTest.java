package routes.transforms;

import local.LocalResources;
import org.junit.jupiter.api.Test;
import routes.transforms.functions.Functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example event under docs/examples/ runs in the local run as docs/transforms.md says: it names a registered
 * function and a type it accepts, its inputs are exactly the function's, and each input prefix holds exactly one
 * seeded object of local-aws/resources.yaml whose file is in the repository; every registered function has one.
 */
class LocalExamplesTest {
    static final Path EXAMPLES = Path.of("docs/examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyExampleEventRunsOnTheSeededInputs() throws IOException {
        TransformCatalogue catalogue = new TransformCatalogue(Functions.ALL);
        LocalResources resources = LocalResources.load(LocalResources.catalogue(Path.of("local-aws")), LocalResources.localProperties(Map.of()));
        List<Path> examples = examples();
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            TransformEvent event = TransformEvent.parse(Files.readString(example));
            TransformFunction function = catalogue.choose(event, null, null);
            catalogue.type(function, event);
            Map<String, String> prefixes = catalogue.inputPrefixes(function, event);
            prefixes.forEach((dataset, prefix) -> assertThat(resources.objects())
                    .as("%s: the seeded object of %s under %s", example, dataset, prefix)
                    .filteredOn(o -> o.key().startsWith(prefix.endsWith("/") ? prefix : prefix + "/") && !o.key().endsWith("/"))
                    .singleElement()
                    .satisfies(o -> assertThat(o.file()).isRegularFile()));
        }
    }

    @Test
    void everyRegisteredFunctionHasAnExample() throws IOException {
        TransformCatalogue catalogue = new TransformCatalogue(Functions.ALL);
        List<String> named = new java.util.ArrayList<>();
        for (Path example : examples()) {
            named.add(catalogue.choose(TransformEvent.parse(Files.readString(example)), null, null).name());
        }
        assertThat(named).containsAll(catalogue.names());
    }
}
