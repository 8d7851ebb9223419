package routes.transforms;

import org.duckdb.DuckDBConnection;
import routes.shared.TaskFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The columnar engine the transforms run on: one in-memory DuckDB database per process holding only the shared
 * library ({@code transforms/library.sql}: the aggregation, ratio and year-selection macros). Each invocation gets
 * its own connection whose inputs are TEMP tables, gone when the session closes, so nothing is shared between
 * invocations. No extension is installed or loaded (there is no network): S3 objects are read from temp files.
 */
public class TransformEngine implements AutoCloseable {
    /** Read as text, so leading zeros stay ({@code 01}, {@code 0101}); as the original's dtype=object columns. */
    static final Set<String> ID_COLUMNS = Set.of(Frame.SUB_DISTRICT_ID, Frame.SUB_DISTRICT_NAME, Frame.DISTRICT_ID, Frame.DISTRICT_NAME);
    /** The year column of every input, {@code date} once loaded. */
    static final String YEAR = "aar";
    private static final String LIBRARY = "transforms/library.sql";

    private DuckDBConnection database;
    // drops evicted input tables; used only while holding this engine's monitor
    private DuckDBConnection housekeeping;
    private int threads = 1;
    private long inputCacheBytes = 32L * 1024 * 1024;
    private InputCache inputs;

    /**
     * transforms.engine-threads: DuckDB's worker threads for the whole engine. One by default: an Oslo-sized task is
     * a few thousand rows, where a second thread costs more than it gives (the population file loaded in 56 ms with
     * one thread, 92 ms with two; bench/README.md), and tasks run side by side on their own pollers anyway.
     */
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("transforms.engine-threads must be at least 1, not " + threads);
        }
        this.threads = threads;
    }

    /**
     * transforms.input-cache-mb: the engine memory the inputs held between tasks may take, by S3 object version
     * ({@link InputCache}; each table counted by {@link Session#tableBytes}); 0 turns it off.
     */
    public void setInputCacheMb(long inputCacheMb) {
        if (inputCacheMb < 0) {
            throw new IllegalArgumentException("transforms.input-cache-mb must be 0 or more, not " + inputCacheMb);
        }
        setInputCacheBytes(inputCacheMb * 1024 * 1024);
    }

    void setInputCacheBytes(long bytes) {
        this.inputCacheBytes = bytes;
    }

    public synchronized void start() {
        if (database != null) {
            return;
        }
        try {
            Properties settings = new Properties();
            settings.setProperty("autoinstall_known_extensions", "false");
            settings.setProperty("autoload_known_extensions", "false");
            database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", settings);
            try (Statement statement = database.createStatement()) {
                statement.execute("set threads = " + threads);
                for (String sql : SqlScript.statements(SqlScript.load(LIBRARY))) {
                    statement.execute(sql);
                }
            }
            housekeeping = (DuckDBConnection) database.duplicate();
            inputs = new InputCache(inputCacheBytes);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start the transforms engine: " + e.getMessage(), e);
        }
    }

    public Session session() {
        start();
        try {
            return new Session(this, (DuckDBConnection) database.duplicate());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open a transforms engine session: " + e.getMessage(), e);
        }
    }

    /** The bytes and number of input versions held (tests and the benchmark). */
    public synchronized long[] heldInputs() {
        return inputs == null ? new long[]{0, 0} : new long[]{inputs.bytes(), inputs.size()};
    }

    /** Drops every held input no session reads: the benchmark, between tasks, to measure a first read. */
    public synchronized void forgetInputs() {
        if (inputs != null) {
            inputs.evictions(0).values().forEach(this::drop);
        }
    }

    synchronized void evict() {
        inputs.evictions(inputs.budgetBytes()).values().forEach(this::drop);
    }

    private void drop(InputCache.Entry entry) {
        try (Statement statement = housekeeping.createStatement()) {
            statement.execute("drop table if exists " + identifier(entry.table()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the held input " + entry.table() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        if (database != null) {
            housekeeping.close();
            database.close();
            database = null;
            housekeeping = null;
            inputs = null;
        }
    }

    /**
     * Where an input the engine does not hold comes from: writes it to {@code file} and returns the version written
     * (the engine keeps the table only when that is the version asked for).
     */
    @FunctionalInterface
    public interface Source {
        String writeTo(Path file);
    }

    /** One invocation's connection: its inputs as temp tables, the function's statements, the output queries. */
    public static final class Session implements AutoCloseable {
        private final TransformEngine engine;
        private final DuckDBConnection connection;
        private final Map<String, String> datasetOfTable = new LinkedHashMap<>();
        private final List<String> leased = new ArrayList<>();

        Session(TransformEngine engine, DuckDBConnection connection) {
            this.engine = engine;
            this.connection = connection;
        }

        /**
         * Loads S3 object {@code version} ({@code bucket/key@ETag}; null when unknown) as {@code table}: a view of
         * the engine's table of that version when it holds one, else from {@code source} through {@code file}, kept
         * for the next task when it fits the cache. The table reads exactly as {@link #load(String, String, Path)}.
         */
        public void load(String table, String datasetId, String version, Path file, Source source) {
            InputCache cache = engine.inputs;
            if (version == null || !cache.enabled()) {
                source.writeTo(file);
                load(table, datasetId, file);
                return;
            }
            InputCache.Entry entry;
            synchronized (cache.lockFor(version)) {
                entry = cache.lease(version);
                if (entry == null) {
                    String written = source.writeTo(file);
                    CsvSchema schema = schemaOf(file, datasetId);
                    long bytes = tableBytes(schema, size(file));
                    if (!version.equals(written) || !cache.fits(bytes)) {
                        load(table, datasetId, file, schema);
                        return;
                    }
                    String name = cache.newTable();
                    execute(datasetId, createFrom("create table " + identifier(name), file, schema));
                    entry = cache.add(version, new InputCache.Entry(name, bytes));
                    if (!entry.table().equals(name)) {
                        execute(datasetId, "drop table " + identifier(name));
                    }
                }
                leased.add(version);
            }
            execute(datasetId, "create temp view " + identifier(table) + " as select * from " + identifier(entry.table()));
            datasetOfTable.put(table, datasetId);
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the size of the spooled input " + file + ": " + e.getMessage(), e);
            }
        }

        /**
         * Loads a {@code ;}-separated UTF-8 CSV with a header as temp table {@code table}, typed as pandas reads it
         * ({@link CsvSchema}): the id and name columns as text, integer columns with missing cells as decimals;
         * {@code aar} renamed to {@code date}. The columns are declared, so the engine does no detection of its own.
         */
        public void load(String table, String datasetId, Path csv) {
            load(table, datasetId, csv, schemaOf(csv, datasetId));
        }

        private void load(String table, String datasetId, Path csv, CsvSchema schema) {
            execute(datasetId, createFrom("create temp table " + identifier(table), csv, schema));
            datasetOfTable.put(table, datasetId);
        }

        /**
         * What a held table costs DuckDB, estimated: 8 bytes a number and 16 a text cell, plus the file's bytes for
         * the text (the population file x1: 3.5 MB estimated, 4.4 MB measured by duckdb_memory(), which also counts
         * its segments' spare room; a 70 KB input: 0.2 MB estimated, 0.3 MB measured).
         */
        static long tableBytes(CsvSchema schema, long fileBytes) {
            long width = 0;
            for (String type : schema.types()) {
                width += CsvSchema.TEXT.equals(type) ? 16 : 8;
            }
            return schema.rows() * width + fileBytes;
        }

        private static String createFrom(String create, Path csv, CsvSchema schema) {
            String rename = schema.names().contains(YEAR) ? " rename (" + identifier(YEAR) + " as " + Frame.DATE + ")" : "";
            return create + " as select *" + rename + " from " + readCsv(csv, schema);
        }

        private void execute(String datasetId, String sql) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new TaskFailure("InvalidInput", "input dataset '" + datasetId + "' is not a readable ';'-separated CSV: " + firstLine(e));
            }
        }

        /** Runs a function's script: every statement in order; the last one is returned as the frame when it is a query. */
        public Frame run(String functionName, String script) {
            List<String> statements = SqlScript.statements(script);
            Frame last = null;
            for (String sql : statements) {
                last = query(functionName, sql);
            }
            return last;
        }

        public Frame query(String functionName, String sql) {
            // a new Statement per query: after an error DuckDB's JDBC closes the statement
            try (Statement statement = connection.createStatement()) {
                if (statement.execute(sql)) {
                    try (ResultSet result = statement.getResultSet()) {
                        return Frame.read(result);
                    }
                }
                return null;
            } catch (SQLException e) {
                throw new TaskFailure("InvalidInput", functionName + " cannot compute its output from the input datasets "
                        + datasetOfTable.values() + ": " + firstLine(e));
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the temp tables and views go with the connection either way
            }
            if (!leased.isEmpty()) {
                leased.forEach(engine.inputs::release);
                leased.clear();
                engine.evict();
            }
        }
    }

    /** The columns and types of an input file as the engine loads it: ids as text, the year an integer. */
    public static CsvSchema schemaOf(Path csv, String datasetId) {
        return CsvSchema.scan(csv, datasetId, ID_COLUMNS, Set.of(YEAR));
    }

    /** The engine's table function reading {@code csv} with {@code schema}'s columns declared (no detection). */
    public static String readCsv(Path csv, CsvSchema schema) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < schema.names().size(); i++) {
            columns.append(i == 0 ? "" : ", ").append(literal(schema.names().get(i))).append(": ").append(literal(schema.types().get(i)));
        }
        return "read_csv(" + literal(csv.toString()) + ", delim = ';', header = true, quote = '\"', escape = '\"', encoding = 'utf-8',"
                + " auto_detect = false, columns = {" + columns + "})";
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        // DuckDB repeats the statement's line; the file name of a temp input says nothing to the reader
        return first.replaceAll("'/[^']*\\.csv'", "the input file");
    }
}
