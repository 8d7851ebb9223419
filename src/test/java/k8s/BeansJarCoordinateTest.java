package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel K, our YAML on its runtime (k8s/camel-k/runtime/): the beans come as a {@code mvn:} dependency, so that
 * coordinate must be what {@code mvn install} / {@code mvn deploy} publishes: the pom's groupId, artifactId and
 * version, type jar, no classifier (the shade plugin replaces the main artifact, so the published jar is the shaded
 * one, which holds the route files and the beans). Camel K reads {@code mvn:g:a:v} as group, artifact, version
 * (4 parts: type before the version; 5: a classifier). The docs' commands name the same coordinate, and every Maven
 * profile the manifests and docs tell an operator to use exists.
 */
class BeansJarCoordinateTest {
    private static final Pattern MVN = Pattern.compile("mvn:[A-Za-z0-9_.:-]+");
    private static final Pattern PROFILE = Pattern.compile("mvn [^`\\n]*?-P([A-Za-z0-9_-]+)");

    record Pom(String groupId, String artifactId, String version, List<String> profiles, boolean shadedAttached) {
        String coordinate() {
            return "mvn:" + groupId + ":" + artifactId + ":" + version;
        }
    }

    static Pom pom() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml")).getDocumentElement();
        List<String> profiles = new ArrayList<>();
        NodeList ids = project.getElementsByTagName("profile");
        for (int i = 0; i < ids.getLength(); i++) {
            profiles.add(child((Element) ids.item(i), "id"));
        }
        NodeList attached = project.getElementsByTagName("shadedArtifactAttached");
        return new Pom(child(project, "groupId"), child(project, "artifactId"), child(project, "version"), profiles,
                attached.getLength() > 0 && "true".equals(attached.item(0).getTextContent().trim()));
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        throw new AssertionError("<" + name + "> missing under <" + parent.getTagName() + ">");
    }

    static List<Path> runtimeIntegrations() throws IOException {
        try (Stream<Path> files = Files.list(Manifests.ROOT.resolve("camel-k/runtime"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyRuntimeIntegrationDependsOnTheArtifactThePomPublishes() throws Exception {
        Pom pom = pom();
        assertThat(pom.shadedAttached()).as("the shaded jar replaces the main artifact (no classifier to name)").isFalse();
        List<Path> integrations = runtimeIntegrations();
        assertThat(integrations).hasSizeGreaterThanOrEqualTo(5);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path file : integrations) {
            JsonNode spec = yaml.readTree(file.toFile()).path("spec");
            List<String> mvn = new ArrayList<>();
            spec.path("dependencies").forEach(d -> {
                if (d.asText().startsWith("mvn:")) {
                    mvn.add(d.asText());
                }
            });
            assertThat(mvn).as(file.toString()).containsExactly(pom.coordinate());
            String[] gav = mvn.get(0).substring("mvn:".length()).split(":");
            assertThat(gav).as("Camel K's group:artifact:version form").hasSize(3);
        }
    }

    @Test
    void theDocsNameTheSameCoordinateAndOnlyProfilesThatExist() throws Exception {
        Pom pom = pom();
        List<Path> texts = new ArrayList<>(List.of(Path.of("README.md"), Path.of("docs/kubernetes.md")));
        texts.addAll(runtimeIntegrations());
        for (Path file : texts) {
            String text = Files.readString(file);
            Matcher coordinate = MVN.matcher(text);
            while (coordinate.find()) {
                if (coordinate.group().startsWith("mvn:" + pom.groupId() + ":")) {
                    assertThat(coordinate.group()).as(file.toString()).isEqualTo(pom.coordinate());
                }
            }
            Matcher profile = PROFILE.matcher(text);
            while (profile.find()) {
                assertThat(pom.profiles()).as(file + ": " + profile.group()).contains(profile.group(1));
            }
        }
    }
}
