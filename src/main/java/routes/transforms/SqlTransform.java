package routes.transforms;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transform written as a SQL file ({@code transforms/<name>.sql}: statements over the input tables, ending with the
 * query whose rows are the output frame) plus a table of the types it accepts ({@link OutputType}).
 */
public final class SqlTransform implements TransformFunction {
    private static final String ANY_TYPE = "*";
    private final String name;
    private final Map<String, String> inputs;
    private final Map<String, OutputType> types;
    private final String sqlResource;

    private SqlTransform(String name, Map<String, String> inputs, Map<String, OutputType> types, String sqlResource) {
        this.name = name;
        this.inputs = Collections.unmodifiableMap(inputs);
        this.types = Collections.unmodifiableMap(types);
        this.sqlResource = sqlResource;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> inputs() {
        return inputs;
    }

    @Override
    public Set<String> types() {
        return types.containsKey(ANY_TYPE) ? Set.of() : types.keySet();
    }

    @Override
    public List<Map<String, Object>> run(TransformEngine.Session session, String type, String outputDataset, Clock clock) {
        OutputType output = types.containsKey(ANY_TYPE) ? types.get(ANY_TYPE) : types.get(type);
        Frame frame = session.run(name, SqlScript.load(sqlResource));
        if (output.query() != null) {
            frame = session.query(name, output.query());
        }
        if (output.latestYear()) {
            frame = frame.latestYear();
        }
        Object scale = output.scaleColumn() == null ? null : Metadata.scale(frame, output.scaleColumn());
        frame = frame.dropMissing(output.dropMissing());
        Map<String, Object> meta = Metadata.of(output.heading(), output.seriesHeadings(), clock, scale);
        return DistrictFiles.generate(frame, output.template(), output.series(), meta, outputDataset);
    }

    public static final class Builder {
        private final String name;
        private final Map<String, String> inputs = new LinkedHashMap<>();
        private final Map<String, OutputType> types = new LinkedHashMap<>();
        private String sql;

        private Builder(String name) {
            this.name = name;
            this.sql = "transforms/" + name + ".sql";
        }

        /** An input dataset, available to the SQL as the table named like it with {@code _} for {@code -}. */
        public Builder input(String datasetId) {
            inputs.put(TransformFunction.tableOf(datasetId), datasetId);
            return this;
        }

        public Builder sql(String resource) {
            this.sql = resource;
            return this;
        }

        /** The output whatever the type (the original ignored it): the function then lists no types. */
        public Builder anyType(OutputType output) {
            types.put(ANY_TYPE, output);
            return this;
        }

        public Builder type(String type, OutputType output) {
            types.put(type, output);
            return this;
        }

        public SqlTransform build() {
            return new SqlTransform(name, inputs, types, sql);
        }
    }
}
