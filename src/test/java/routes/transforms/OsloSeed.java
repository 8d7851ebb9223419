package routes.transforms;

import routes.transforms.functions.Functions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes the local run's seed inputs (local-aws/seed/bydelsfakta/, declared under {@code objects:} in
 * local-aws/resources.yaml): every input dataset of every registered function, from the synthetic Oslo generator
 * ({@link OsloData#dataset}), as {@code <dataset id>.csv}:
 * {@code java -cp target/test-classes:target/classes routes.transforms.OsloSeed local-aws/seed/bydelsfakta}.
 */
public final class OsloSeed {
    private OsloSeed() {
    }

    /** The input datasets of the registered functions, each once, in registration order. */
    static Set<String> datasets() {
        Set<String> datasets = new LinkedHashSet<>();
        Functions.ALL.forEach(f -> datasets.addAll(f.inputs().values()));
        return datasets;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "local-aws/seed/bydelsfakta");
        Files.createDirectories(dir);
        OsloData oslo = new OsloData(1);
        for (String dataset : datasets()) {
            Path file = oslo.dataset(dataset, dir);
            if (!file.getFileName().toString().equals(dataset + ".csv")) {
                throw new IllegalStateException("the generator of " + dataset + " wrote " + file + ", not " + dataset + ".csv");
            }
        }
    }
}
