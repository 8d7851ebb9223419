package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.shared.PipelineSelection;
import routes.shared.RequiredConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every pod (each overlay's Deployments, each Camel K Integration) has every property the required-configuration
 * check asks for, runs exactly its own pipeline, and scales on the queue its entry route really consumes.
 */
class PodConfigurationTest {
    static Stream<String[]> deployments() {
        return Manifests.OVERLAYS.stream().flatMap(stage -> PodConfiguration.PIPELINES.stream().map(p -> new String[] {stage, p}));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("deployments")
    void everyRequiredPropertyIsSetAndOnlyItsPipelineRuns(String stage, String pipeline) {
        List<ObjectNode> docs = Manifests.overlay(stage);
        PodConfiguration.Resolved pod = PodConfiguration.context(docs, pipeline);
        assumeRouteFile(pod, pipeline);
        assertThat(PipelineSelection.enabled(pod.context())).containsExactly(pipeline);
        assertThat(RequiredConfiguration.missing(pod.context())).as(stage + "/" + pipeline).isEmpty();
        assertThat(pod.resolve("stage")).isEqualTo(stage);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("deployments")
    void anSqsPipelineScalesOnTheQueueItsEntryRouteConsumes(String stage, String pipeline) {
        List<ObjectNode> docs = Manifests.overlay(stage);
        PodConfiguration.Resolved pod = PodConfiguration.context(docs, pipeline);
        assumeRouteFile(pod, pipeline);
        List<String> consumed = sqsConsumerQueues(pod, pipeline);
        List<String> scaledOn = new ArrayList<>();
        for (ObjectNode scaled : Kustomization.ofKind(docs, "ScaledObject")) {
            if (scaled.at("/spec/scaleTargetRef/name").asText().equals("camel-pipelines-" + pipeline)) {
                for (JsonNode trigger : scaled.at("/spec/triggers")) {
                    if (trigger.path("type").asText().equals("aws-sqs-queue")) {
                        String url = trigger.at("/metadata/queueURL").asText();
                        scaledOn.add(url.substring(url.lastIndexOf('/') + 1));
                        assertThat(trigger.at("/metadata/awsRegion").asText()).isEqualTo(pod.resolve("aws.region"));
                    }
                }
            }
        }
        assertThat(scaledOn).as(stage + "/" + pipeline).isEqualTo(consumed);
    }

    static List<Path> camelKFiles() {
        return Manifests.camelK();
    }

    @ParameterizedTest
    @MethodSource("camelKFiles")
    void everyCamelKIntegrationHasItsRequiredPropertiesAndRouteFiles(Path file) {
        JsonNode integration = Kustomization.read(file).get(0);
        List<ObjectNode> production = Manifests.overlay("production");
        Map<String, String> stageConfig = PodConfiguration.data(Kustomization.named(production, "ConfigMap", "camel-pipelines-config"));
        Map<String, Map<String, String>> mounts = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode traits = integration.at("/spec/traits");
        for (JsonNode config : traits.at("/mount/configs")) {
            String[] ref = config.asText().split(":", 2);
            String folder = "/etc/camel/conf.d/_" + ref[0] + "s/" + ref[1];
            switch (ref[1]) {
                case "camel-pipelines-config" -> mounts.put(folder, stageConfig);
                case "camel-pipelines-properties" -> mounts.put(folder, Map.of("application.properties", read(Path.of("application.properties"))));
                case "camel-pipelines-secrets" -> { } // optional tokens
                default -> throw new AssertionError(file + ": unknown config " + config.asText());
            }
        }
        String pipeline = integration.at("/metadata/labels").path("app.kubernetes.io/component").asText();
        if (traits.has("container") && traits.at("/container").has("image")) {
            // way 1: our jar reads the files Camel K mounts, as CAMEL_MAIN_PROPERTY_PLACEHOLDER_LOCATION says
            traits.at("/environment/vars").forEach(v -> env.put(v.asText().split("=", 2)[0], v.asText().split("=", 2)[1]));
            String locations = env.get(PodConfiguration.LOCATION_VARIABLE);
            mounts.keySet().forEach(folder -> assertThat(locations).as(file.toString()).contains("file:" + folder + "/"));
        } else {
            // way 2: Camel K's runtime reads every mounted properties file, a later one over an earlier one (listed
            // here first: in Camel's location list the first one that has a key wins), traits.camel.properties over all
            List<String> locations = new ArrayList<>();
            mounts.forEach((folder, files) -> files.keySet().forEach(f -> locations.add(0, "file:" + folder + "/" + f)));
            env.put(PodConfiguration.LOCATION_VARIABLE, String.join(",", locations));
            traits.at("/camel/properties").forEach(p -> env.put(RequiredConfiguration.environmentVariable(p.asText().split("=", 2)[0]), p.asText().split("=", 2)[1]));
            // the route files our main class would load: the shared ones and the pipeline's
            List<String> expected = new ArrayList<>();
            PodConfiguration.Resolved defaults = PodConfiguration.resolve(Map.of(), Map.of());
            for (String location : (defaults.resolve("pipelines.shared-routes") + "," + defaults.resolve("pipelines." + pipeline + ".routes")).split(",")) {
                if (!location.isBlank()) {
                    expected.add(Path.of(location.trim().replace("classpath:", "")).getFileName().toString());
                }
            }
            List<String> sources = new ArrayList<>();
            integration.at("/spec/sources").forEach(source -> sources.add(source.path("contentKey").asText()));
            assertThat(sources).as(file + " sources").containsAll(expected);
            for (JsonNode source : integration.at("/spec/sources")) {
                Path route = Path.of("src/main/resources/routes").resolve(source.path("contentKey").asText());
                assumeTrue(Files.exists(route) || !List.of("transforms", "review").contains(pipeline), route + " has not landed yet");
                assertThat(route).as(file + " source").exists();
            }
        }
        PodConfiguration.Resolved pod = PodConfiguration.resolve(env, mounts);
        assumeRouteFile(pod, pipeline);
        assertThat(PipelineSelection.enabled(pod.context())).containsExactly(pipeline);
        assertThat(RequiredConfiguration.missing(pod.context())).as(file.toString()).isEmpty();
    }

    /** transforms and review are being built in parallel: until their route file is configured, say so and skip. */
    static void assumeRouteFile(PodConfiguration.Resolved pod, String pipeline) {
        String routes = pod.resolve("pipelines." + pipeline + ".routes");
        assumeTrue(!routes.isBlank(), "pipelines." + pipeline + ".routes is empty: the pipeline has not landed yet");
        for (String location : routes.split(",")) {
            assertThat(PodConfigurationTest.class.getResource("/" + location.trim().replace("classpath:", ""))).as(location).isNotNull();
        }
    }

    /** The resolved queue names of the pipeline's aws2-sqs consumers (its route files' {@code from: aws2-sqs:{{...}}}). */
    static List<String> sqsConsumerQueues(PodConfiguration.Resolved pod, String pipeline) {
        List<String> queues = new ArrayList<>();
        for (String location : pod.resolve("pipelines." + pipeline + ".routes").split(",")) {
            Path file = Path.of("src/main/resources").resolve(location.trim().replace("classpath:", ""));
            for (JsonNode element : Kustomization.read(file).get(0)) {
                String uri = Optional.ofNullable(element.at("/route/from/uri").textValue()).orElse("");
                if (uri.startsWith("aws2-sqs:")) {
                    queues.add(pod.context().resolvePropertyPlaceholders(uri.substring("aws2-sqs:".length())));
                }
                // the shared .waitForTaskToken template (routes/step-functions.yaml) consumes its "queue" parameter
                if (element.at("/templatedRoute/routeTemplateRef").asText().equals("step-functions-queue")) {
                    for (JsonNode parameter : element.at("/templatedRoute/parameters")) {
                        if (parameter.path("name").asText().equals("queue")) {
                            queues.add(pod.context().resolvePropertyPlaceholders(parameter.path("value").asText()));
                        }
                    }
                }
            }
        }
        return queues;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
