package routes.transforms;

import routes.shared.TempFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs one function on one invocation's inputs: downloads each input object to a temp file, loads it into a fresh
 * engine session, runs the function for the type, and deletes the files again.
 */
public class TransformRunner {
    private TransformEngine engine;
    private S3Datasets datasets;
    private Clock clock = Clock.systemUTC();
    private boolean fixOriginalDefects;

    public void setEngine(TransformEngine engine) {
        this.engine = engine;
    }

    public void setDatasets(S3Datasets datasets) {
        this.datasets = datasets;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** transforms.fix-original-defects: write the files without the original's byte-level defects ({@link OriginalDefects}). */
    public void setFixOriginalDefects(boolean fixOriginalDefects) {
        this.fixOriginalDefects = fixOriginalDefects;
    }

    /**
     * The output files of {@code function} for {@code type}, from the input objects {@code keys} (dataset id -> object;
     * a version the engine holds already is not downloaded again).
     */
    public List<Map<String, Object>> run(TransformFunction function, String type, Map<String, S3Datasets.InputObject> keys,
                                         String outputDataset) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("transform-input-");
            try (TransformEngine.Session session = engine.session()) {
                int n = 0;
                for (Map.Entry<String, String> input : function.inputs().entrySet()) {
                    Path file = dir.resolve((n++) + ".csv");
                    S3Datasets.InputObject object = keys.get(input.getValue());
                    session.load(input.getKey(), input.getValue(), datasets.version(object.key(), object.eTag()), file,
                            spool -> datasets.download(object.key(), spool));
                }
                return output(function.run(session, type, outputDataset, clock));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot spool the inputs of " + function.name() + ": " + e.getMessage(), e);
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    /** As {@link #run} with the inputs already on disk (dataset id -> file): tests and the benchmark. */
    public List<Map<String, Object>> runFiles(TransformFunction function, String type, Map<String, Path> files, String outputDataset) {
        try (TransformEngine.Session session = engine.session()) {
            function.inputs().forEach((table, dataset) -> session.load(table, dataset, files.get(dataset)));
            return output(function.run(session, type, outputDataset, clock));
        }
    }

    private List<Map<String, Object>> output(List<Map<String, Object>> files) {
        return fixOriginalDefects ? OriginalDefects.fix(files) : files;
    }
}
