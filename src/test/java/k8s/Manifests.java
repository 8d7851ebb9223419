package k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Schema checks for every kind k8s/ ships, without a cluster: core kinds through the fabric8 Kubernetes model (wrong
 * types fail to bind; unknown fields, which the model keeps in {@code additionalProperties} and the API server would
 * drop silently, are reported by path), KEDA's kinds against the schema in test resources, Camel K's Integration
 * against the CRD's openAPIV3Schema from camel-k-crds (plus unknown fields, which structural CRDs prune silently).
 */
final class Manifests {
    static final Path ROOT = Path.of("k8s");
    static final List<String> OVERLAYS = List.of("development", "production");
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Map<String, Class<?>> CORE = Map.of(
            "v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class,
            "v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "v1/Service", io.fabric8.kubernetes.api.model.Service.class,
            "v1/Secret", io.fabric8.kubernetes.api.model.Secret.class,
            "apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class,
            "policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class);
    private static Schema keda;
    private static JsonNode integrationSchema;
    private static Schema integration;

    private Manifests() {
    }

    static List<ObjectNode> overlay(String stage) {
        return Kustomization.build(ROOT.resolve("overlays").resolve(stage));
    }

    static List<Path> camelK() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("camel-k"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem of one document: "<kind> <name>: <path>: <problem>". Empty = valid. */
    static List<String> problems(JsonNode doc) {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        String where = doc.path("kind").asText() + " " + doc.at("/metadata/name").asText() + ": ";
        List<String> out = new ArrayList<>();
        if (CORE.containsKey(key)) {
            try {
                Object typed = STRICT.treeToValue(doc, CORE.get(key));
                unknownFields(typed, "", out, new IdentityHashMap<>());
            } catch (IOException e) {
                out.add("does not bind to " + CORE.get(key).getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        } else if (key.startsWith("keda.sh/v1alpha1/")) {
            kedaSchema().validate(doc).forEach(error -> out.add(error.getInstanceLocation() + ": " + error.getMessage()));
        } else if (key.equals("camel.apache.org/v1/Integration")) {
            JsonNode schema = integrationSchema();
            integrationValidator().validate(doc).forEach(error -> out.add(error.getInstanceLocation() + ": " + error.getMessage()));
            undeclared(doc, schema, "", out);
        } else {
            out.add("kind " + key + " has no schema here");
        }
        return out.stream().map(p -> where + p).toList();
    }

    /** Walks the fabric8 object graph: anything in additionalProperties is a field the schema does not have. */
    private static void unknownFields(Object node, String path, List<String> out, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    Object value = field.get(node);
                    if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(k -> out.add(path + "." + k + ": unknown field"));
                    } else {
                        unknownFields(value, path + "." + field.getName(), out, seen);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Fields of the document that the CRD schema does not declare (where it neither allows extra fields nor preserves unknown ones). */
    private static void undeclared(JsonNode value, JsonNode schema, String path, List<String> out) {
        if (schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            value.fields().forEachRemaining(e -> {
                if (path.isEmpty() && e.getKey().equals("metadata")) {
                    return; // ObjectMeta: checked by the API server, not part of the CRD's schema
                }
                if (properties.has(e.getKey())) {
                    undeclared(e.getValue(), properties.get(e.getKey()), path + "." + e.getKey(), out);
                } else if (additional != null && additional.isObject()) {
                    undeclared(e.getValue(), additional, path + "." + e.getKey(), out);
                } else if (!path.isEmpty() || !Set.of("apiVersion", "kind").contains(e.getKey())) {
                    out.add(path + "." + e.getKey() + ": not in the CRD schema");
                }
            });
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                undeclared(value.get(i), schema.get("items"), path + "[" + i + "]", out);
            }
        }
    }

    private static synchronized Schema kedaSchema() {
        if (keda == null) {
            try (InputStream in = Manifests.class.getResourceAsStream("/k8s/keda-v1alpha1.schema.json")) {
                keda = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keda;
    }

    /** The v1 openAPIV3Schema of camel.apache.org_integrations.yaml in camel-k-crds. */
    static synchronized JsonNode integrationSchema() {
        if (integrationSchema == null) {
            try (InputStream in = Manifests.class.getResourceAsStream("/camel.apache.org_integrations.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("camel.apache.org_integrations.yaml is not on the test classpath (camel-k-crds)");
                }
                JsonNode crd = Kustomization.YAML.readTree(in);
                for (JsonNode version : crd.at("/spec/versions")) {
                    if (version.path("name").asText().equals("v1")) {
                        integrationSchema = version.at("/schema/openAPIV3Schema");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return integrationSchema;
    }

    private static synchronized Schema integrationValidator() {
        if (integration == null) {
            // OpenAPI v3 schemas are draft-4 shaped; Kubernetes' x- keywords are annotations
            integration = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(integrationSchema().toString());
        }
        return integration;
    }
}
