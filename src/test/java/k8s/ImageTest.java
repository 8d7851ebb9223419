package k8s;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Dockerfile assumes about the build and the pods, checked without Docker: the jar it copies is the one the
 * build makes, the user is the numeric non-root user the pods require, the port is the app's, the entrypoint is exec
 * form (java is PID 1 and gets SIGTERM) with a heap from the container limit, and Jib's configuration builds the
 * same image. {@code DockerImageIT} checks the packaged jar itself.
 */
class ImageTest {
    static final int IMAGE_USER = 10001;
    static final int IMAGE_PORT = 8080;
    private static final Path DOCKERFILE = Path.of("Dockerfile");

    static List<String> lines(String instruction) {
        try {
            String text = Files.readString(DOCKERFILE).replace("\\\n", " ");
            List<String> out = new ArrayList<>();
            for (String line : text.lines().toList()) {
                if (line.startsWith(instruction + " ")) {
                    out.add(line.substring(instruction.length() + 1).trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> entrypoint() {
        String json = lines("ENTRYPOINT").get(0);
        assertThat(json).as("exec form, so that java is PID 1 and receives SIGTERM").startsWith("[");
        try {
            List<String> out = new ArrayList<>();
            Kustomization.YAML.readTree(json).forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM flags of the image: between {@code java} and {@code -jar}. */
    static List<String> jvmFlags() {
        List<String> entry = entrypoint();
        return entry.subList(1, entry.indexOf("-jar"));
    }

    @Test
    void theImageRunsTheBuiltJarAsTheNonRootUserOnTheAppPort() throws Exception {
        assertThat(lines("FROM")).containsExactly("eclipse-temurin:17-jre");
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String finalName = text(pom.getDocumentElement(), "build", "finalName");
        String copy = lines("COPY").get(0);
        Matcher m = Pattern.compile("(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)").matcher(copy);
        assertThat(m.matches()).as(copy).isTrue();
        assertThat(m.group(1)).isEqualTo("target/" + finalName + ".jar");
        List<String> entry = entrypoint();
        assertThat(entry.get(0)).isEqualTo("java");
        assertThat(entry.subList(entry.indexOf("-jar"), entry.size())).containsExactly("-jar", m.group(2));
        assertThat(lines("USER")).containsExactly(IMAGE_USER + ":" + IMAGE_USER);
        assertThat(lines("RUN").get(0)).contains("--uid " + IMAGE_USER, "--gid " + IMAGE_USER);
        assertThat(lines("EXPOSE")).containsExactly(Integer.toString(IMAGE_PORT));
        assertThat(Files.readString(Path.of("application.properties")))
                .contains("camel.server.port={{env:CAMEL_SERVER_PORT:" + IMAGE_PORT + "}}");
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("!target/" + finalName + ".jar");
    }

    @Test
    void theHeapIsHalfTheContainerLimitAndTheJvmAcceptsTheFlags() throws Exception {
        assertThat(jvmFlags()).contains("-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp");
        // -XX:MaxRAM stands in for the container limit: what the JVM makes of these flags in a 768Mi pod
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:MaxRAM=768m"));
        command.addAll(jvmFlags());
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor()).as(out).isZero();
        Matcher heap = Pattern.compile("size_t MaxHeapSize\\s+=\\s+(\\d+)").matcher(out);
        assertThat(heap.find()).isTrue();
        assertThat(Long.parseLong(heap.group(1)) / (1024 * 1024)).isEqualTo(384);
    }

    @Test
    void jibBuildsTheSameImageAsTheDockerfile() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element jib = null;
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals("jib-maven-plugin")) {
                jib = plugin;
                assertThat(((Element) plugin.getParentNode().getParentNode().getParentNode()).getTagName())
                        .as("Jib lives in a profile, not in the default build").isEqualTo("profile");
            }
        }
        assertThat(jib).isNotNull();
        assertThat(text(jib, "configuration", "from", "image")).isEqualTo(lines("FROM").get(0));
        assertThat(text(jib, "configuration", "container", "user")).isEqualTo(lines("USER").get(0));
        assertThat(text(jib, "configuration", "container", "ports", "port")).isEqualTo(lines("EXPOSE").get(0));
        List<String> flags = new ArrayList<>();
        NodeList jvmFlags = jib.getElementsByTagName("jvmFlag");
        for (int i = 0; i < jvmFlags.getLength(); i++) {
            flags.add(jvmFlags.item(i).getTextContent().trim());
        }
        assertThat(flags).isEqualTo(jvmFlags());
    }

    private static String text(Element parent, String... path) {
        Element current = parent;
        for (String name : path) {
            Element next = null;
            for (var child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e && e.getTagName().equals(name)) {
                    next = e;
                    break;
                }
            }
            if (next == null) {
                return "";
            }
            current = next;
        }
        return current.getTextContent().trim();
    }
}
