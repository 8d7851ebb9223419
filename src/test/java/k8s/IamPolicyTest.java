package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.aws2.sqs.Sqs2Consumer;
import org.apache.camel.component.aws2.sns.Sns2Producer;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * k8s/iam/<pipeline>.json allows what the pipeline's code calls and nothing else: every AWS SDK operation in the
 * classes of {@code routes.<id>} and, for the services the pipeline uses, of {@code routes.shared} (ledger, dead
 * letters, replay, readiness probes, task callbacks), every operation of the Camel aws2 endpoints its routes use,
 * and KEDA's queue-depth read; each action named, on the pipeline's own buckets, queues, tables, topics and
 * activities of the production stage only.
 */
class IamPolicyTest {
    private static final Path CLASSES = Path.of(System.getProperty("k8s.classes", "target/classes"));
    private static final Pattern ARN = Pattern.compile("arn:aws:(s3|sqs|dynamodb|sns|ses|states):([a-z0-9-]*):(\\d*):(.+)");

    static List<String> pipelines() {
        return PodConfiguration.PIPELINES;
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void thePolicyCoversEveryOperationThePipelineCalls(String pipeline) throws Exception {
        List<ObjectNode> production = Manifests.overlay("production");
        PodConfiguration.Resolved pod = PodConfiguration.context(production, pipeline);
        PodConfigurationTest.assumeRouteFile(pod, pipeline);
        JsonNode policy = policy(pipeline);
        Set<String> allowed = new TreeSet<>();
        policy.path("Statement").forEach(s -> s.path("Action").forEach(a -> allowed.add(a.asText())));

        Set<String> services = new TreeSet<>();
        for (String service : pod.resolve("aws.health.services").split(",")) {
            services.addAll(AwsCalls.CLIENT_PACKAGES.get(service.trim()));
        }
        Set<String> own = new TreeSet<>(AwsCalls.inPackage(CLASSES.resolve("routes").resolve(pipeline)));
        own.addAll(endpointOperations(pod, pipeline));
        assertThat(own.stream().map(op -> op.substring(0, op.indexOf(':'))).collect(Collectors.toSet()))
                .as("the services " + pipeline + " calls are the ones its readiness probes (AWS_HEALTH_SERVICES)").isSubsetOf(services);
        Set<String> needed = new TreeSet<>(own);
        AwsCalls.inPackage(CLASSES.resolve("routes/shared")).stream()
                .filter(op -> services.contains(op.substring(0, op.indexOf(':')))).forEach(needed::add);
        if (!PodConfigurationTest.sqsConsumerQueues(pod, pipeline).isEmpty()) {
            needed.add("sqs:GetQueueAttributes"); // KEDA's aws-sqs-queue scaler, with the workload's role
        }
        Set<String> missing = new TreeSet<>();
        needed.forEach(op -> IamActions.of(op).stream().filter(a -> !allowed.contains(a)).forEach(a -> missing.add(a + " (" + op + ")")));
        assertThat(missing).as("k8s/iam/" + pipeline + ".json lacks").isEmpty();
        Set<String> neededActions = needed.stream().flatMap(op -> IamActions.of(op).stream()).collect(Collectors.toSet());
        assertThat(allowed).as("k8s/iam/" + pipeline + ".json allows actions nothing calls").isSubsetOf(neededActions);
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void everyActionIsNamedAndOnlyThePipelinesOwnResourcesAreNamed(String pipeline) throws Exception {
        List<ObjectNode> production = Manifests.overlay("production");
        PodConfiguration.Resolved pod = PodConfiguration.context(production, pipeline);
        PodConfigurationTest.assumeRouteFile(pod, pipeline);
        Set<String> own = ownResources(pod, pipeline);
        Set<String> named = new TreeSet<>();
        for (JsonNode statement : policy(pipeline).path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            statement.fieldNames().forEachRemaining(f -> assertThat(f).as("IAM statement element").isIn("Sid", "Effect", "Action", "Resource", "Condition"));
            List<String> actions = new ArrayList<>();
            statement.path("Action").forEach(a -> actions.add(a.asText()));
            assertThat(actions).as(statement.path("Sid").asText()).isNotEmpty().allSatisfy(a -> assertThat(a).matches("[a-z0-9]+:[A-Z][A-Za-z]+"));
            JsonNode resource = statement.path("Resource");
            if (resource.isTextual()) {
                assertThat(resource.asText()).isEqualTo("*");
                assertThat(actions).as("only actions that name no resource may have Resource *").isSubsetOf(IamActions.ACCOUNT_LEVEL);
                continue;
            }
            for (JsonNode arn : resource) {
                Matcher m = ARN.matcher(arn.asText());
                assertThat(m.matches()).as(arn.asText()).isTrue();
                if (!m.group(1).equals("s3")) {
                    assertThat(m.group(2)).as(arn.asText()).isEqualTo(pod.resolve("aws.region"));
                    assertThat(m.group(3)).as(arn.asText()).isEqualTo(accountOf(production, pipeline));
                }
                String name = m.group(4).replaceFirst("^table/", "").replaceFirst("^activity:", "").replaceFirst("/\\*$", "")
                        .replaceFirst("^identity/", "");
                assertThat(name).as(arn.asText() + " names a wildcard").doesNotContain("*");
                named.add(m.group(1) + ":" + name);
            }
        }
        assertThat(named).as("k8s/iam/" + pipeline + ".json names exactly the pipeline's resources").isEqualTo(own);
    }

    @Test
    void theSqsEndpointOnlyCreatesOrAltersQueuesWhenAutoCreateIsOn() {
        // the operations excluded from the aws2-sqs endpoint's scan are behind auto-create-queue, which stays off
        assertThat(AwsCalls.inClass(Sqs2Endpoint.class)).contains("sqs:CreateQueue", "sqs:SetQueueAttributes");
        for (String stage : Manifests.OVERLAYS) {
            for (String pipeline : PodConfiguration.PIPELINES) {
                assertThat(PodConfiguration.forDeployment(Manifests.overlay(stage), pipeline).apply("camel.component.aws2-sqs.auto-create-queue"))
                        .isEqualTo("false");
            }
        }
    }

    /** What the Camel aws2 endpoints of the pipeline's route files call: consumers and producers. */
    static Set<String> endpointOperations(PodConfiguration.Resolved pod, String pipeline) {
        Set<String> out = new TreeSet<>();
        for (String[] endpoint : endpoints(pod, pipeline)) {
            if (endpoint[1].startsWith("aws2-sns:")) {
                // a producer publishes; its endpoint finds a topic given by name in the topic list (no auto-create)
                assertThat(endpoint[0]).isEqualTo("to");
                assertThat(endpoint[1]).as("an SNS producer that creates or subscribes").doesNotContain("autoCreateTopic", "subscribeSNStoSQS");
                assertThat(AwsCalls.inClass(Sns2Producer.class)).contains("sns:Publish");
                out.addAll(Set.of("sns:Publish", "sns:ListTopics"));
                continue;
            }
            assertThat(endpoint[1]).as("an aws2 component with no IAM mapping here: " + endpoint[1]).startsWith("aws2-sqs:");
            Set<String> endpointOps = new TreeSet<>(AwsCalls.inClass(Sqs2Endpoint.class));
            endpointOps.removeAll(Set.of("sqs:CreateQueue", "sqs:SetQueueAttributes"));
            out.addAll(endpointOps);
            if (endpoint[0].equals("from")) {
                out.addAll(AwsCalls.inClass(Sqs2Consumer.class));
            } else {
                assertThat(endpoint[1]).as("a producer with an operation other than sendMessage").doesNotContain("operation=");
                out.add("sqs:SendMessage");
            }
        }
        return out;
    }

    /** ["from" | "to", uri] of every aws2 endpoint in the pipeline's route files. */
    static List<String[]> endpoints(PodConfiguration.Resolved pod, String pipeline) {
        List<String[]> out = new ArrayList<>();
        for (String location : pod.resolve("pipelines." + pipeline + ".routes").split(",")) {
            Path file = Path.of("src/main/resources").resolve(location.trim().replace("classpath:", ""));
            Kustomization.read(file).forEach(doc -> {
                walk(doc, "", out);
                // the shared task templates' endpoints belong to the pipelines that instantiate them
                for (JsonNode element : doc) {
                    if (element.at("/templatedRoute/routeTemplateRef").asText().startsWith("step-functions-")) {
                        Kustomization.read(Path.of("src/main/resources/routes/step-functions.yaml")).forEach(t -> walk(t, "", out));
                    }
                }
            });
        }
        return out;
    }

    private static void walk(JsonNode node, String key, List<String[]> out) {
        if (node.isTextual() && node.asText().startsWith("aws2-")) {
            out.add(new String[] {key.equals("from") ? "from" : "to", node.asText()});
        } else if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                walk(node.get(field), field.equals("uri") && key.equals("from") ? "from" : field.equals("from") ? "from" : field, out);
            }
        } else if (node.isArray()) {
            node.forEach(item -> walk(item, key, out));
        }
    }

    /** The pipeline's buckets, queues, tables, topics and activities ("s3:name"), resolved for production. */
    static Set<String> ownResources(PodConfiguration.Resolved pod, String pipeline) throws Exception {
        Set<String> out = new TreeSet<>();
        out.add("dynamodb:" + pod.resolve("ledger.table"));
        java.util.Properties jar = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(Path.of("application.properties"))) {
            jar.load(in);
        }
        for (String key : jar.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length < 2 || !parts[0].equals(pipeline) || key.endsWith(".replay-target") || pod.resolve(key).isBlank()) {
                continue;
            }
            String value = pod.resolve(key);
            String name = value.substring(Math.max(value.lastIndexOf(':'), value.lastIndexOf('/')) + 1);
            switch (parts[1]) {
                case "bucket" -> out.add("s3:" + name);
                case "queue" -> out.add("sqs:" + name);
                case "table" -> out.add("dynamodb:" + name);
                case "topic" -> out.add("sns:" + name);
                case "activity", "activities", "activity-arn" -> {
                    for (String arn : value.split(",")) {
                        out.add("states:" + arn.substring(arn.lastIndexOf(':') + 1).trim());
                    }
                }
                default -> { }
            }
        }
        String from = pod.resolve(pipeline + ".email.from");
        // uploads sends error reports, review emails its reviewers (email sends none: its from is only metadata)
        if (!from.isBlank() && !pod.resolve(pipeline + ".email.error-report").isBlank() || pipeline.equals("uploads") || pipeline.equals("review")) {
            out.add("ses:" + from.substring(from.indexOf('@') + 1));
        }
        return out;
    }

    private static String accountOf(List<ObjectNode> docs, String pipeline) {
        String role = Kustomization.named(docs, "ServiceAccount", "camel-pipelines-" + pipeline).at("/metadata/annotations")
                .path("eks.amazonaws.com/role-arn").asText();
        return role.split(":")[4];
    }

    private static JsonNode policy(String pipeline) throws Exception {
        return new ObjectMapper().readTree(Path.of("k8s/iam").resolve(pipeline + ".json").toFile());
    }
}
