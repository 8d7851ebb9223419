package routes.shared;

import org.apache.camel.CamelContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which pipelines this process runs: {@code pipelines.enabled} (env {@code PIPELINES_ENABLED}) is {@code all} or a
 * comma-separated list of pipeline ids ({@code uploads,email,transforms,review,snapshot}). Each pipeline's route file
 * is named by {@code pipelines.<id>.routes}; the shared files ({@code pipelines.shared-routes}) always load.
 */
public final class PipelineSelection {
    public static final List<String> ALL = List.of("uploads", "email", "transforms", "review", "snapshot");

    private PipelineSelection() {
    }

    public static Set<String> enabled(CamelContext context) {
        String value = property(context, "pipelines.enabled", "all").trim();
        if (value.isEmpty() || value.equalsIgnoreCase("all")) {
            return new LinkedHashSet<>(ALL);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String id : CommaList.of(value)) {
            String trimmed = id.toLowerCase();
            if (!ALL.contains(trimmed)) {
                throw new MissingConfiguration("pipelines.enabled names an unknown pipeline '" + trimmed
                        + "' (known: " + String.join(", ", ALL) + ")");
            }
            out.add(trimmed);
        }
        return out;
    }

    public static String routesIncludePattern(CamelContext context) {
        List<String> patterns = CommaList.of(property(context, "pipelines.shared-routes", ""));
        for (String id : enabled(context)) {
            patterns.addAll(CommaList.of(property(context, "pipelines." + id + ".routes", "")));
        }
        return String.join(",", patterns);
    }

    static String property(CamelContext context, String key, String defaultValue) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(defaultValue);
    }
}
