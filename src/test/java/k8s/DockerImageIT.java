package k8s;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After {@code mvn package} (integration tests run after it): the jar the Dockerfile copies exists, is the runnable
 * shaded jar of our main class, and holds the production defaults and the route files the pods use.
 */
class DockerImageIT {
    @Test
    void theJarTheDockerfileCopiesIsTheRunnableApplication() throws Exception {
        String copy = ImageTest.lines("COPY").get(0).replaceAll("--\\S+\\s+", "");
        Path jar = Path.of(System.getProperty("k8s.build.dir", "target")).resolve(Path.of(copy.split("\\s+")[0]).getFileName());
        assertThat(jar).as("run mvn package first").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("routes.PipelinesApplication");
            assertThat(file.getEntry("application.properties")).isNotNull();
            assertThat(file.getEntry("routes/polling-station-uploads.yaml")).isNotNull();
            assertThat(file.getEntry("org/apache/camel/main/Main.class")).as("shaded: the dependencies are inside").isNotNull();
        }
        assertThat(Files.size(jar)).isGreaterThan(10_000_000L);
    }
}
