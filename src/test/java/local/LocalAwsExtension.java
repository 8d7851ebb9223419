package local;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * JUnit 5: one {@link LocalAws} per test JVM (random free ports, a temporary data folder, resources of
 * local-aws/resources.yaml and its fragments created once), closed when the test run ends. Declare a {@link LocalAws}
 * parameter (constructor, test or lifecycle method) to get it:
 * <pre>
 * &#64;ExtendWith(LocalAwsExtension.class)
 * class MyIT {
 *     &#64;Test
 *     void works(LocalAws aws) {
 *         try (var app = aws.startApplication(Map.of("pipelines.enabled", "uploads"))) { ... }
 *     }
 * }
 * </pre>
 * Resources only a test needs: {@code aws.createResources(List.of(path))} (same format, idempotent).
 */
public final class LocalAwsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return localAws(context);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("The local AWS did not start: " + e.getMessage(), e);
        }
    }

    /** The test JVM's local AWS, started on first use. */
    public static LocalAws localAws(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedLocalAws.class, type -> new SharedLocalAws(), SharedLocalAws.class).aws;
    }

    /** Stored in the root context: JUnit closes it (an AutoCloseable) when the whole run ends. */
    private static final class SharedLocalAws implements AutoCloseable {
        private final Path dataDir;
        private final LocalAws aws;

        SharedLocalAws() {
            try {
                dataDir = Files.createTempDirectory("local-aws-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            aws = LocalAws.start(new LocalAws.Settings(dataDir, LocalAws.Ports.random(), false, List.of()));
            System.out.println("Local AWS for tests started in " + aws.startupMillis() + " ms: " + aws.endpoints());
        }

        @Override
        public void close() {
            aws.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: best effort
            }
        }
    }
}
