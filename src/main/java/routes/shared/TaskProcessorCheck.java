package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stops the start of an app whose Step Functions task processor (the {@code processor} of a step-functions template)
 * is not a route with {@code routeConfigurationId: task-errors}: with Camel's default error handler a failure in that
 * {@code direct:} route would be "exhausted" there, so it would be neither retried nor end in SendTaskFailure, and
 * the task would hang until its timeout.
 */
public final class TaskProcessorCheck implements StartupListener {
    static final String TASK_ERRORS = "task-errors";

    private TaskProcessorCheck() {
    }

    public static void install(CamelContext context) throws Exception {
        context.addStartupListener(new TaskProcessorCheck());
    }

    /** What is wrong with the task processors among {@code routes}; empty when nothing. */
    static List<String> problems(Collection<RouteDefinition> routes) {
        List<String> problems = new ArrayList<>();
        for (RouteDefinition template : routes) {
            Map<String, Object> parameters = template.getTemplateParameters();
            if (parameters == null || !(parameters.get("processor") instanceof String processor) || !parameters.containsKey("pipeline")) {
                continue;
            }
            RouteDefinition target = routes.stream()
                    .filter(r -> r.getInput() != null && processor.equals(r.getInput().getEndpointUri())).findFirst().orElse(null);
            if (target == null) {
                problems.add("Route " + template.getRouteId() + " hands its tasks to " + processor + ", which no route consumes");
            } else if (target.getRouteConfigurationId() == null
                    || !CommaList.of(target.getRouteConfigurationId()).contains(TASK_ERRORS)) {
                problems.add("Route " + target.getRouteId() + " (" + processor + ") is a Step Functions task processor: declare "
                        + "routeConfigurationId: " + TASK_ERRORS + ", or its failures are neither retried nor sent as SendTaskFailure");
            }
        }
        return problems;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // called before the routes start
        List<String> problems = problems(context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }
}
