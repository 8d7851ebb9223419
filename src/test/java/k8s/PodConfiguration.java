package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesSource;
import routes.shared.RequiredConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration a pod sees, resolved by Camel's own properties component as in the container: the jar's
 * application.properties, then the files its CAMEL_MAIN_PROPERTY_PLACEHOLDER_LOCATION names (the ConfigMap's files,
 * written to a temporary folder in place of the mount), with the container's environment variables over all of them
 * (Camel's environment-variable mode: {@code PIPELINES_ENABLED} answers {@code pipelines.enabled}).
 */
final class PodConfiguration {
    static final List<String> PIPELINES = List.of("uploads", "email", "snapshot", "transforms", "review");
    static final String CONFIG_DIR = "/etc/camel-pipelines/config";
    static final String SECRETS_DIR = "/etc/camel-pipelines/secrets";
    static final String LOCATION_VARIABLE = "CAMEL_MAIN_PROPERTY_PLACEHOLDER_LOCATION";

    private PodConfiguration() {
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode var : container.path("env")) {
            env.put(var.path("name").asText(), var.has("value") ? var.get("value").asText() : "<from " + var.path("valueFrom") + ">");
        }
        return env;
    }

    /** The properties of the Deployment of {@code pipeline} in a rendered overlay. */
    static Function<String, String> forDeployment(List<ObjectNode> docs, String pipeline) {
        return context(docs, pipeline)::resolve;
    }

    static Resolved context(List<ObjectNode> docs, String pipeline) {
        ObjectNode deployment = Kustomization.named(docs, "Deployment", "camel-pipelines-" + pipeline);
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        Map<String, Map<String, String>> mounts = new LinkedHashMap<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = ManifestsTest.volume(pod, mount.path("name").asText());
            if (volume.has("configMap")) {
                mounts.put(mount.path("mountPath").asText(), data(Kustomization.named(docs, "ConfigMap", volume.at("/configMap/name").asText())));
            }
        }
        return resolve(env(container), mounts);
    }

    static Map<String, String> data(JsonNode configMap) {
        Map<String, String> data = new LinkedHashMap<>();
        configMap.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /**
     * A properties component as the container's: {@code env} are its environment variables, {@code mounts} the files
     * of each mounted folder (a Secret is absent: its tokens are optional).
     */
    static Resolved resolve(Map<String, String> env, Map<String, Map<String, String>> mounts) {
        try {
            Path dir = Files.createTempDirectory("pod-config-");
            String locations = env.getOrDefault(LOCATION_VARIABLE, "classpath:application.properties");
            for (Map.Entry<String, Map<String, String>> mount : mounts.entrySet()) {
                Path folder = dir.resolve(mount.getKey().substring(1));
                Files.createDirectories(folder);
                for (Map.Entry<String, String> file : mount.getValue().entrySet()) {
                    Files.writeString(folder.resolve(file.getKey()), file.getValue());
                }
            }
            locations = locations.replace("file:/", "file:" + dir + "/");
            CamelContext context = new DefaultCamelContext();
            var properties = (org.apache.camel.component.properties.PropertiesComponent) context.getPropertiesComponent();
            // this JVM's own environment and system properties are not the container's
            properties.setEnvironmentVariableMode(org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
            properties.setSystemPropertiesMode(org.apache.camel.component.properties.PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
            properties.setLocation(locations);
            properties.addPropertiesSource(new EnvironmentSource(env));
            return new Resolved(context, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Resolved(CamelContext context, Path dir) {
        String resolve(String key) {
            return context.getPropertiesComponent().resolveProperty(key).orElse("");
        }
    }

    /** The container's environment as Camel reads it: a property {@code a.b-c} from the variable {@code A_B_C}. */
    private record EnvironmentSource(Map<String, String> env) implements PropertiesSource, Ordered {
        @Override
        public String getName() {
            return "container environment";
        }

        @Override
        public String getProperty(String name) {
            return env.get(RequiredConfiguration.environmentVariable(name));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }
    }
}
