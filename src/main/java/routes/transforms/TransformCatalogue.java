package routes.transforms;

import routes.shared.CommaList;
import routes.shared.TaskFailure;
import routes.transforms.functions.Functions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered functions, and which one a task runs: the HTTP path's name, else the function configured for the
 * activity the task came from ({@code transforms.activity-functions}), else the event's
 * {@code task_config.<task>.arn} ({@code bydelsfakta-data-processing-<name>}, a bare name or a Lambda ARN).
 */
public class TransformCatalogue {
    public static final String LAMBDA_PREFIX = "bydelsfakta-data-processing-";

    private final Map<String, TransformFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> activityFunctions = new LinkedHashMap<>();

    public TransformCatalogue() {
        this(Functions.ALL);
    }

    public TransformCatalogue(List<TransformFunction> registered) {
        registered.forEach(f -> functions.put(f.name(), f));
    }

    /** {@code <activity ARN or name>=<function>,...}: tasks from that activity run that function. */
    public void setActivityFunctions(String mapping) {
        activityFunctions.clear();
        for (String pair : CommaList.of(mapping)) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0) {
                activityFunctions.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
    }

    public List<String> names() {
        return new ArrayList<>(functions.keySet());
    }

    public TransformFunction get(String name) {
        TransformFunction function = functions.get(name);
        if (function == null) {
            throw new TaskFailure("UnknownFunction", "no transform named '" + name + "'; the known ones are " + names());
        }
        return function;
    }

    public TransformFunction choose(TransformEvent event, String requested, String activityArn) {
        if (requested != null && !requested.isBlank()) {
            return get(nameOf(requested));
        }
        if (activityArn != null) {
            String mapped = activityFunctions.get(activityArn);
            if (mapped == null) {
                mapped = activityFunctions.get(activityArn.substring(activityArn.lastIndexOf(':') + 1));
            }
            if (mapped != null) {
                return get(mapped);
            }
        }
        String arn = event.functionArn();
        if (arn == null) {
            throw new TaskFailure(TransformEvent.INVALID_EVENT, "payload.pipeline.task_config." + event.task()
                    + ".arn is missing: it names the function (" + LAMBDA_PREFIX + "<name>, one of " + names() + ")");
        }
        return get(nameOf(arn));
    }

    /** The {@code type} of the event, if the function accepts it (a function without types ignores it). */
    public String type(TransformFunction function, TransformEvent event) {
        String type = event.type();
        if (!function.types().isEmpty() && !function.types().contains(type)) {
            throw new TaskFailure("UnknownType", function.name() + " does not know type '" + type + "'; it accepts " + function.types());
        }
        return type;
    }

    /**
     * The S3 prefix of each input the function declares, in its order. The inputs of the event must be exactly
     * these: a missing one fails first (PrefixNotInInputError), then an extra one (ExtraPrefixesInInputError).
     */
    public Map<String, String> inputPrefixes(TransformFunction function, TransformEvent event) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String dataset : function.inputs().values()) {
            String prefix = event.inputPrefixes().get(dataset);
            if (prefix == null) {
                missing.add(dataset);
            } else {
                prefixes.put(dataset, prefix);
            }
        }
        if (!missing.isEmpty()) {
            throw new TaskFailure("PrefixNotInInputError", function.name() + " needs input datasets " + missing
                    + " which step_data.s3_input_prefixes does not have (it has " + event.inputPrefixes().keySet() + ")");
        }
        List<String> extra = new ArrayList<>(event.inputPrefixes().keySet());
        extra.removeAll(function.inputs().values());
        if (!extra.isEmpty()) {
            throw new TaskFailure("ExtraPrefixesInInputError", "step_data.s3_input_prefixes has datasets " + extra
                    + " that " + function.name() + " does not take (it takes " + function.inputs().values() + ")");
        }
        return prefixes;
    }

    static String nameOf(String arnOrName) {
        String name = arnOrName.substring(arnOrName.lastIndexOf(':') + 1);
        return name.startsWith(LAMBDA_PREFIX) ? name.substring(LAMBDA_PREFIX.length()) : name;
    }
}
