package routes.transforms;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One dataset transform (one of the original's Lambdas). Most are a {@link SqlTransform}: a SQL file plus a table
 * of types; a function with its own output shape implements this directly.
 */
public interface TransformFunction {
    /** The name after {@code bydelsfakta-data-processing-} in the Lambda's name, e.g. {@code boligpriser}. */
    String name();

    /** Input table name (the dataset id with {@code -} as {@code _}) -> dataset id, in declaration order. */
    Map<String, String> inputs();

    /** The accepted {@code type} values, in documentation order; empty = the type is ignored. */
    Set<String> types();

    /** The output files (maps ready for JSON) of this invocation, the inputs already loaded into {@code session}. */
    List<Map<String, Object>> run(TransformEngine.Session session, String type, String outputDataset, Clock clock);

    static String tableOf(String datasetId) {
        return datasetId.replace('-', '_');
    }
}
