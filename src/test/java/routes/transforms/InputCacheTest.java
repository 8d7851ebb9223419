package routes.transforms;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.shared.TaskFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine keeps loaded inputs by object version: read once, the same table for every later task, bounded. */
class InputCacheTest {
    @TempDir
    Path dir;
    TransformEngine engine;
    final AtomicInteger downloads = new AtomicInteger();
    int spooled;

    @AfterEach
    void stop() throws SQLException {
        engine.close();
    }

    TransformEngine engine(long budgetBytes) {
        engine = new TransformEngine();
        engine.setInputCacheBytes(budgetBytes);
        engine.start();
        return engine;
    }

    /** An input version whose download writes {@code content} and reports {@code written} as the version it read. */
    TransformEngine.Source source(String content, String written) {
        return file -> {
            downloads.incrementAndGet();
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return written;
        };
    }

    static String csv(int n, int rows) {
        StringBuilder text = new StringBuilder("aar;bydel_id;n\n");
        for (int i = 0; i < rows; i++) {
            text.append(2019 + i % 3).append(";0").append(1 + i % 9).append(';').append(n).append('\n');
        }
        return text.toString();
    }

    /** The rows the session sees in {@code table}, loading version {@code version} with {@code content}. */
    List<Object[]> read(String version, String content) {
        try (TransformEngine.Session session = engine.session()) {
            session.load("input", "the-dataset", version, dir.resolve((spooled++) + ".csv"), source(content, version));
            return session.query("test", "select * from input order by all").rows();
        }
    }

    @Test
    void aVersionIsDownloadedOnceAndReadsAsAFreshLoad() {
        engine(1 << 20);
        List<Object[]> first = read("b/k@\"1\"", csv(7, 30));
        List<Object[]> second = read("b/k@\"1\"", csv(7, 30));
        assertThat(downloads).hasValue(1);
        assertThat(second).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
        try (TransformEngine.Session session = engine.session()) {
            Path file = dir.resolve("plain.csv");
            source(csv(7, 30), null).writeTo(file);
            session.load("plain", "the-dataset", file);
            session.load("input", "the-dataset", "b/k@\"1\"", dir.resolve("again.csv"), source(csv(7, 30), "b/k@\"1\""));
            assertThat(session.query("test", "select * from plain order by all").rows()).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
            assertThat(session.query("test", "select column_name, column_type from (describe input)").rows())
                    .usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(session.query("test", "select column_name, column_type from (describe plain)").rows());
        }
        assertThat(downloads).hasValue(2); // the plain file's
        assertThat(engine.heldInputs()[1]).isEqualTo(1);
    }

    @Test
    void aChangedObjectIsANewVersion() {
        engine(1 << 20);
        read("b/k@\"1\"", csv(7, 30));
        List<Object[]> changed = read("b/k@\"2\"", csv(8, 30));
        assertThat(downloads).hasValue(2);
        assertThat(changed.get(0)[2]).isEqualTo(8L);
    }

    @Test
    void anObjectChangedBetweenListingAndDownloadIsReadButNotKept() {
        engine(1 << 20);
        try (TransformEngine.Session session = engine.session()) {
            session.load("input", "the-dataset", "b/k@\"1\"", dir.resolve("a.csv"), source(csv(9, 30), "b/k@\"2\""));
            assertThat(session.query("test", "select max(n) as n from input").rows().get(0)[0]).isEqualTo(9L);
        }
        assertThat(engine.heldInputs()[1]).isZero();
        read("b/k@\"1\"", csv(7, 30));
        assertThat(downloads).hasValue(2);
    }

    @Test
    void offAtZeroAndWithoutAVersion() throws SQLException {
        engine(0);
        read("b/k@\"1\"", csv(7, 30));
        read("b/k@\"1\"", csv(7, 30));
        assertThat(downloads).hasValue(2);
        assertThat(engine.heldInputs()[1]).isZero();
        engine.close();
        engine(1 << 20);
        read(null, csv(7, 30));
        read(null, csv(7, 30));
        assertThat(downloads).hasValue(4);
    }

    @Test
    void theLeastRecentlyUsedGoesFirstButNeverWhileASessionReadsIt() {
        String content = csv(1, 200);
        long size = heldBytes(content);
        engine(2 * size + size / 2); // room for two
        read("v1", content);
        read("v2", content);
        read("v1", content);
        assertThat(downloads).hasValue(2);
        try (TransformEngine.Session reading = engine.session()) {
            reading.load("input", "the-dataset", "v2", dir.resolve("r.csv"), source(content, "v2"));
            read("v3", content); // over budget: v1, the least recently used, goes; v2 is read by the open session
            assertThat(engine.heldInputs()[1]).isEqualTo(2);
            assertThat(reading.query("test", "select count(*) as n from input").rows().get(0)[0]).isEqualTo(200L);
        }
        int before = downloads.get();
        read("v2", content);
        read("v3", content);
        assertThat(downloads).hasValue(before);
        read("v1", content);
        assertThat(downloads).hasValue(before + 1);
        assertThat(engine.heldInputs()[0]).isLessThanOrEqualTo(2 * size + size / 2);
    }

    /** What the engine counts for a held table of {@code content}. */
    long heldBytes(String content) {
        try {
            Path file = Files.writeString(dir.resolve("measure.csv"), content, StandardCharsets.UTF_8);
            return TransformEngine.Session.tableBytes(TransformEngine.schemaOf(file, "the-dataset"), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theTableIsCountedByItsCellsNotJustTheFile() {
        String content = csv(1, 200); // 200 rows: aar and n numbers (8 bytes each), bydel_id text (16)
        assertThat(heldBytes(content)).isEqualTo(200 * (8 + 16 + 8) + content.getBytes(StandardCharsets.UTF_8).length);
        engine(1 << 20);
        read("v", content);
        assertThat(engine.heldInputs()).containsExactly(heldBytes(content), 1L);
    }

    @Test
    void aTableLargerThanTheBudgetIsReadButNotKept() {
        engine(heldBytes(csv(1, 200)) - 1);
        read("big", csv(1, 200));
        read("big", csv(1, 200));
        assertThat(downloads).hasValue(2);
        assertThat(engine.heldInputs()[1]).isZero();
    }

    @Test
    void aBrokenFileIsNotKeptAndFailsEveryTimeWithItsError() {
        engine(1 << 20);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> read("broken", "aar;n\n2019;1;2\n")).isInstanceOf(TaskFailure.class)
                    .satisfies(e -> assertThat(TaskFailures.text(e)).endsWith("line 2 has 3 fields, the header has 2"));
        }
        assertThat(downloads).hasValue(2);
        assertThat(engine.heldInputs()[1]).isZero();
    }

    @Test
    void tasksReadingOneVersionAtOnceLoadItOnce() throws Exception {
        engine(1 << 20);
        String content = csv(5, 500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path file = dir.resolve("c" + i + ".csv");
                tasks.add(() -> {
                    try (TransformEngine.Session session = engine.session()) {
                        session.load("input", "the-dataset", "shared", file, source(content, "shared"));
                        return ((Number) session.query("test", "select sum(n) as n from input").rows().get(0)[0]).longValue();
                    }
                });
            }
            for (Future<Long> sum : pool.invokeAll(tasks)) {
                assertThat(sum.get()).isEqualTo(2500L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(downloads).hasValue(1);
    }

    @Test
    void forgettingDropsWhatNoSessionReads() {
        engine(1 << 20);
        read("idle", csv(1, 30));
        try (TransformEngine.Session reading = engine.session()) {
            reading.load("input", "the-dataset", "read", dir.resolve("f.csv"), source(csv(2, 30), "read"));
            engine.forgetInputs();
            assertThat(engine.heldInputs()[1]).isEqualTo(1);
            assertThat(reading.query("test", "select max(n) as n from input").rows().get(0)[0]).isEqualTo(2L);
        }
        read("idle", csv(1, 30));
        assertThat(downloads).hasValue(3);
    }
}
