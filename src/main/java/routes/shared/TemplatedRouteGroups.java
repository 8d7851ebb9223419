package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Camel 4.17 copies a route template's {@code group} into the route as written, placeholders and all, so a template
 * route declared with {@code group: "{{pipeline}}"} would belong to a pipeline called "{{pipeline}}" (its metrics,
 * MDC and dead letters go by the group). This resolves the template's parameters in the group as the route is added.
 */
public final class TemplatedRouteGroups implements ModelLifecycleStrategy {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");

    private TemplatedRouteGroups() {
    }

    public static void install(CamelContext context) {
        context.getCamelContextExtension().getContextPlugin(Model.class).addModelLifecycleStrategy(new TemplatedRouteGroups());
    }

    static String resolve(String group, Map<String, Object> parameters) {
        if (group == null || parameters == null || !group.contains("{{")) {
            return group;
        }
        Matcher m = PLACEHOLDER.matcher(group);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = parameters.get(m.group(1).trim());
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        route.setGroup(resolve(route.getGroup(), route.getTemplateParameters()));
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
    }
}
