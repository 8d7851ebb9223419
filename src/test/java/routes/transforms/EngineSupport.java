package routes.transforms;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

/** One engine for a test class (starting DuckDB costs seconds once per JVM), a fresh session per test. */
abstract class EngineSupport {
    static TransformEngine engine;
    TransformEngine.Session session;
    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() {
        engine = new TransformEngine();
        engine.start();
    }

    @AfterAll
    static void stopEngine() throws SQLException {
        engine.close();
    }

    @BeforeEach
    void openSession() {
        session = engine.session();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    Frame sql(String sql) {
        return session.query("test", sql);
    }
}
