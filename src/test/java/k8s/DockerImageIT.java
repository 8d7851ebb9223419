package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * After {@code mvn package} (integration tests run after it): the jar the Dockerfile copies exists, is the runnable
 * shaded jar of our main class, and holds the production defaults and the route files the pods use. Then the image
 * itself, built with {@code docker build} and run: only this second test needs Docker, and it is SKIPPED, saying so,
 * when no Docker daemon answers (the CLI alone is not enough); with a daemon, any other failure (no base image,
 * wrong user, the app not starting) fails it.
 */
class DockerImageIT {
    private static final Path JAR = Path.of(System.getProperty("k8s.build.dir", "target"))
            .resolve(Path.of(ImageTest.lines("COPY").get(0).replaceAll("--\\S+\\s+", "").split("\\s+")[0]).getFileName());

    @Test
    void theJarTheDockerfileCopiesIsTheRunnableApplication() throws Exception {
        assertThat(JAR).as("run mvn package first").exists();
        try (JarFile file = new JarFile(JAR.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("routes.PipelinesApplication");
            assertThat(file.getEntry("application.properties")).isNotNull();
            assertThat(file.getEntry("routes/polling-station-uploads.yaml")).isNotNull();
            assertThat(file.getEntry("routes/shared-beans.yaml")).as("the Camel K runtime's first route file").isNotNull();
            assertThat(file.getEntry("routes/shared/SharedBeans.class")).as("the beans Camel K's runtime loads from this jar").isNotNull();
            assertThat(file.getEntry("org/apache/camel/main/Main.class")).as("shaded: the dependencies are inside").isNotNull();
        }
        assertThat(Files.size(JAR)).isGreaterThan(10_000_000L);
    }

    @Test
    void theImageBuildsAndRunsTheJarAsTheNonRootUser() throws Exception {
        Result daemon = run(30, "docker", "info", "--format", "{{.ServerVersion}}");
        assumeTrue(daemon.code() == 0, "SKIPPED: no Docker daemon answers here (`docker info`: " + daemon.brief()
                + "); the image is not built or run. The Dockerfile's assumptions are checked by ImageTest.");
        assertThat(JAR).as("run mvn package first").exists();
        String image = "camel-pipelines-it:" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Result build = run(900, "docker", "build", "-t", image, ".");
            assertThat(build.code()).as("docker build: " + build.output()).isZero();

            JsonNode config = Kustomization.YAML.readTree(run(60, "docker", "image", "inspect", image).output()).get(0).path("Config");
            assertThat(config.path("User").asText()).isEqualTo(ImageTest.IMAGE_USER + ":" + ImageTest.IMAGE_USER);
            assertThat(config.path("ExposedPorts").has(ImageTest.IMAGE_PORT + "/tcp")).isTrue();
            List<String> entrypoint = new ArrayList<>();
            config.path("Entrypoint").forEach(n -> entrypoint.add(n.asText()));
            assertThat(entrypoint).isEqualTo(ImageTest.entrypoint());

            Result user = run(120, "docker", "run", "--rm", "--entrypoint", "id", image, "-u");
            assertThat(user.output().trim()).isEqualTo(Integer.toString(ImageTest.IMAGE_USER));
            // as the pods run it (read-only root, /tmp writable) and without any configuration: java and the jar are
            // where the entrypoint says, and the app stops at once naming what is missing
            Result app = run(180, "docker", "run", "--rm", "--read-only", "--tmpfs", "/tmp", image);
            assertThat(app.code()).as(app.output()).isNotZero();
            assertThat(app.output()).contains("Missing required configuration:");
        } finally {
            run(120, "docker", "rmi", "-f", image);
        }
    }

    record Result(int code, String output) {
        String brief() {
            String text = output.strip().replace('\n', ' ');
            return "exit " + code + (text.isEmpty() ? "" : ", " + text.substring(0, Math.min(160, text.length())));
        }
    }

    private static Result run(int seconds, String... command) throws InterruptedException {
        Process process;
        Path log;
        try {
            // output to a file: a build's output would fill a pipe nobody reads while we wait
            log = Files.createTempFile("docker-it-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            return new Result(-1, command[0] + " is not installed: " + e.getMessage());
        }
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-2, String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(process.exitValue(), e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file
            }
        }
    }
}
