package routes.shared;

import org.apache.camel.CamelContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fails startup with one clear message naming every missing property (and the environment variable that sets it)
 * instead of a stack trace later. {@code pipelines.required} lists the properties that must be non-empty; a property
 * whose first segment is a pipeline id is required only when that pipeline is enabled. Each pipeline may also list
 * its own in {@code pipelines.<id>.required}, checked only when it is enabled.
 */
public final class RequiredConfiguration {
    private RequiredConfiguration() {
    }

    public static List<String> missing(CamelContext context) {
        Set<String> enabled = PipelineSelection.enabled(context);
        List<String> missing = new ArrayList<>();
        List<String> keys = CommaList.of(PipelineSelection.property(context, "pipelines.required", ""));
        for (String id : enabled) {
            keys.addAll(CommaList.of(PipelineSelection.property(context, "pipelines." + id + ".required", "")));
        }
        for (String key : keys) {
            String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (PipelineSelection.ALL.contains(first) && !enabled.contains(first)) {
                continue;
            }
            String value = PipelineSelection.property(context, key, "");
            if (value.isBlank()) {
                missing.add(key);
            }
        }
        return missing;
    }

    /** Env var Camel maps to a property: upper case, dots and dashes to underscores. */
    public static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Throws {@link MissingConfiguration} listing every missing property with its environment variable. */
    public static void failFastIfMissing(CamelContext context) {
        List<String> missing = missing(context);
        if (!missing.isEmpty()) {
            StringBuilder message = new StringBuilder("Missing required configuration:");
            for (String key : missing) {
                message.append("\n  - ").append(key).append(" (environment variable ").append(environmentVariable(key)).append(')');
            }
            message.append("\nSet them in application.properties or as environment variables, or run locally with: mvn -Plocal");
            throw new MissingConfiguration(message.toString());
        }
    }
}
