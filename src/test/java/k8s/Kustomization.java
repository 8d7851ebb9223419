package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of {@code kustomize build} that k8s/ uses, so that every overlay can be rendered and checked without the
 * kustomize binary (not installable here): resources (files and directories), configMapGenerator (files, behavior
 * merge), strategic-merge patches with a target kind (lists of named items merged by name), JSON 6902 patches
 * (replace, add), namespace, labels and images. Anything it does not know, and every reference that does not
 * resolve (a missing file, a patch target or path that matches nothing, an image name no container uses), fails
 * with a message naming the kustomization and the reference. Generated ConfigMaps keep their name (kustomize adds a
 * content hash and rewrites the references to it).
 */
final class Kustomization {
    static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "patches", "configMapGenerator",
            "namespace", "labels", "images");

    private Kustomization() {
    }

    /** The rendered documents of the kustomization in {@code dir}. */
    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No kustomization.yaml in " + dir);
        }
        JsonNode k = read(file).get(0);
        k.fieldNames().forEachRemaining(f -> {
            if (!KNOWN.contains(f)) {
                throw new IllegalStateException(file + ": field '" + f + "' is not handled by this check");
            }
        });
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                docs.addAll(build(path));
            } else if (Files.isRegularFile(path)) {
                read(path).forEach(d -> docs.add((ObjectNode) d));
            } else {
                throw new IllegalStateException(file + ": resource '" + resource.asText() + "' does not exist");
            }
        }
        for (JsonNode generator : k.path("configMapGenerator")) {
            generate(file, dir, generator, docs);
        }
        for (JsonNode patch : k.path("patches")) {
            patch(file, dir, patch, docs);
        }
        if (k.has("namespace")) {
            docs.forEach(d -> ((ObjectNode) d.with("metadata")).put("namespace", k.get("namespace").asText()));
        }
        for (JsonNode label : k.path("labels")) {
            label.path("pairs").fields().forEachRemaining(e ->
                    docs.forEach(d -> d.with("metadata").with("labels").set(e.getKey(), e.getValue())));
        }
        for (JsonNode image : k.path("images")) {
            retag(file, image, docs);
        }
        return docs;
    }

    static List<JsonNode> read(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static List<ObjectNode> ofKind(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static ObjectNode named(List<ObjectNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name));
    }

    private static void generate(Path file, Path dir, JsonNode generator, List<ObjectNode> docs) {
        String name = generator.path("name").asText();
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode f : generator.path("files")) {
            Path source = dir.resolve(f.asText()).normalize();
            if (!source.startsWith(dir)) {
                throw new IllegalStateException(file + ": configMapGenerator file '" + f.asText()
                        + "' is outside the kustomization's directory (kustomize refuses it)");
            }
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException(file + ": configMapGenerator file '" + f.asText() + "' does not exist");
            }
            try {
                data.put(source.getFileName().toString(), Files.readString(source));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String behavior = generator.path("behavior").asText("create");
        ObjectNode existing = ofKind(docs, "ConfigMap").stream()
                .filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst().orElse(null);
        if (behavior.equals("merge")) {
            if (existing == null) {
                throw new IllegalStateException(file + ": configMapGenerator '" + name + "' merges into a ConfigMap the bases do not generate");
            }
            data.forEach((key, value) -> existing.with("data").put(key, value));
            return;
        }
        if (existing != null) {
            throw new IllegalStateException(file + ": configMapGenerator '" + name + "' already exists (use behavior: merge)");
        }
        ObjectNode map = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        map.with("metadata").put("name", name);
        data.forEach((key, value) -> map.with("data").put(key, value));
        docs.add(map);
    }

    private static void patch(Path file, Path dir, JsonNode patch, List<ObjectNode> docs) {
        JsonNode body;
        if (patch.has("path")) {
            Path source = dir.resolve(patch.get("path").asText());
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException(file + ": patch '" + patch.get("path").asText() + "' does not exist");
            }
            body = read(source).get(0);
        } else {
            try {
                body = YAML.readTree(patch.path("patch").asText());
            } catch (IOException e) {
                throw new IllegalStateException(file + ": inline patch is not YAML: " + e.getMessage());
            }
        }
        JsonNode target = patch.path("target");
        String kind = target.path("kind").asText(body.path("kind").asText());
        String name = target.path("name").asText(target.isMissingNode() ? body.at("/metadata/name").asText() : "");
        List<ObjectNode> matches = docs.stream().filter(d -> kind.equals(d.path("kind").asText()))
                .filter(d -> name.isEmpty() || name.equals(d.at("/metadata/name").asText())).toList();
        if (matches.isEmpty()) {
            throw new IllegalStateException(file + ": patch target " + kind + " '" + name + "' matches no resource");
        }
        for (ObjectNode doc : matches) {
            if (body.isArray()) {
                for (JsonNode op : body) {
                    jsonPatch(file, doc, op);
                }
            } else {
                ObjectNode copy = body.deepCopy();
                copy.remove("metadata"); // with a target, the patch's own name is not used
                merge(doc, copy);
            }
        }
    }

    private static void jsonPatch(Path file, ObjectNode doc, JsonNode op) {
        String path = op.path("path").asText();
        int slash = path.lastIndexOf('/');
        String parentPath = path.substring(0, slash);
        String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        JsonNode parent = parentPath.isEmpty() ? doc : doc.at(parentPath);
        String what = op.path("op").asText();
        boolean exists = parent.isObject() ? parent.has(last) : parent.isArray() && last.matches("\\d+") && Integer.parseInt(last) < parent.size();
        if (parent.isMissingNode() || (what.equals("replace") && !exists)) {
            throw new IllegalStateException(file + ": patch path " + path + " does not exist in "
                    + doc.path("kind").asText() + " " + doc.at("/metadata/name").asText());
        }
        if (!what.equals("replace") && !what.equals("add")) {
            throw new IllegalStateException(file + ": JSON patch op '" + what + "' is not handled by this check");
        }
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, op.get("value"));
        } else if (last.equals("-")) {
            ((ArrayNode) parent).add(op.get("value"));
        } else if (what.equals("replace")) {
            ((ArrayNode) parent).set(Integer.parseInt(last), op.get("value"));
        } else {
            ((ArrayNode) parent).insert(Integer.parseInt(last), op.get("value"));
        }
    }

    /** Strategic merge as kustomize does it for the fields used here: maps merge, lists of named items merge by name. */
    static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode current = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (current instanceof ObjectNode object && value.isObject()) {
                merge(object, value);
            } else if (current instanceof ArrayNode list && value.isArray() && namedItems(list) && namedItems(value)) {
                for (JsonNode item : value) {
                    ObjectNode same = null;
                    for (JsonNode existing : list) {
                        if (existing.path("name").equals(item.path("name"))) {
                            same = (ObjectNode) existing;
                        }
                    }
                    if (same == null) {
                        list.add(item.deepCopy());
                    } else {
                        merge(same, item);
                    }
                }
            } else {
                target.set(e.getKey(), value.deepCopy()); // the patch wins, as in kustomize
            }
        });
    }

    private static boolean namedItems(JsonNode list) {
        if (list.isEmpty()) {
            return true;
        }
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    private static void retag(Path file, JsonNode image, List<ObjectNode> docs) {
        String name = image.path("name").asText();
        String replacement = image.path("newName").asText(name) + (image.has("newTag") ? ":" + image.get("newTag").asText() : "");
        int replaced = 0;
        for (ObjectNode doc : docs) {
            for (JsonNode container : doc.at("/spec/template/spec/containers")) {
                if (name.equals(container.path("image").asText())) {
                    ((ObjectNode) container).set("image", new TextNode(replacement));
                    replaced++;
                }
            }
        }
        if (replaced == 0) {
            throw new IllegalStateException(file + ": image '" + name + "' is used by no container");
        }
    }
}
