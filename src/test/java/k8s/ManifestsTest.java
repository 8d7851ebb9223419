package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every manifest in k8s/ is valid for its kind, every overlay's references resolve, and the pods are shaped as documented. */
class ManifestsTest {
    /** The pipelines whose HTTP API other systems call: they get a Service and a PodDisruptionBudget. */
    static final Set<String> HTTP_FACING = Set.of("transforms", "review");

    static List<String> overlays() {
        return Manifests.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedManifestMatchesItsSchema(String stage) {
        List<ObjectNode> docs = Manifests.overlay(stage);
        assertThat(docs).extracting(d -> d.path("kind").asText())
                .contains("Deployment", "ServiceAccount", "ConfigMap", "ScaledObject", "TriggerAuthentication", "Service", "PodDisruptionBudget");
        List<String> problems = docs.stream().flatMap(d -> Manifests.problems(d).stream()).toList();
        assertThat(problems).isEmpty();
        assertThat(docs).allSatisfy(d -> assertThat(d.at("/metadata/namespace").asText()).startsWith("camel-pipelines"));
    }

    @Test
    void everyCamelKIntegrationMatchesTheCrdSchema() {
        assertThat(Manifests.camelK()).hasSize(2 * PodConfiguration.PIPELINES.size());
        List<String> problems = new ArrayList<>();
        for (Path file : Manifests.camelK()) {
            Kustomization.read(file).forEach(doc -> Manifests.problems(doc).forEach(p -> problems.add(file + ": " + p)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaChecksCatchUnknownFieldsAndWrongTypes() throws Exception {
        JsonNode deployment = Kustomization.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: app
                          image: x
                          livenessProbe: {httpGet: {path: /, port: 8080}, periodSecond: 10}
                """);
        assertThat(Manifests.problems(deployment)).containsExactly(
                "Deployment x: .spec.template.spec.containers[0].livenessProbe.periodSecond: unknown field");
        JsonNode wrongType = Kustomization.YAML.readTree("{apiVersion: apps/v1, kind: Deployment, metadata: {name: x}, spec: {replicas: [1]}}");
        assertThat(Manifests.problems(wrongType)).singleElement().asString().contains("does not bind to Deployment");
        JsonNode scaled = Kustomization.YAML.readTree("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: x}
                spec:
                  scaleTargetRef: {name: x}
                  triggers: [{type: aws-sqs-queue, authenticationRef: {name: a}, metadata: {queueURL: "https://sqs.eu-west-2.amazonaws.com/111122223333/q", awsRegion: eu-west-2, queueLenght: "5"}}]
                """);
        assertThat(Manifests.problems(scaled)).singleElement().asString().contains("queueLenght");
        JsonNode integration = Kustomization.YAML.readTree("""
                apiVersion: camel.apache.org/v1
                kind: Integration
                metadata: {name: x}
                spec: {traits: {container: {image: x, port: "8080", imagePullSecret: y}}}
                """);
        assertThat(Manifests.problems(integration)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("port"))
                .anySatisfy(p -> assertThat(p).contains(".spec.traits.container.imagePullSecret: not in the CRD schema"));
    }

    @Test
    void anUnresolvedReferenceFailsTheBuildWithItsName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("d.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n");
        Map<String, String> broken = Map.of(
                "resources: [d.yaml, missing.yaml]", "resource 'missing.yaml' does not exist",
                "resources: [d.yaml]\nconfigMapGenerator: [{name: c, files: [nothing.properties]}]", "file 'nothing.properties' does not exist",
                "resources: [d.yaml]\nconfigMapGenerator: [{name: c, files: [../outside.properties]}]", "outside the kustomization's directory",
                "resources: [d.yaml]\npatches: [{target: {kind: ServiceAccount, name: b}, patch: '[{op: replace, path: /metadata/name, value: c}]'}]", "matches no resource",
                "resources: [d.yaml]\npatches: [{target: {kind: ServiceAccount, name: a}, patch: '[{op: replace, path: /metadata/annotations/x, value: c}]'}]", "path /metadata/annotations/x does not exist",
                "resources: [d.yaml]\nimages: [{name: other, newTag: '1'}]", "image 'other' is used by no container",
                "resources: [d.yaml]\ncommonLabels: {a: b}", "field 'commonLabels' is not handled");
        Files.writeString(dir.resolve("../outside.properties"), "a=b\n");
        for (Map.Entry<String, String> e : broken.entrySet()) {
            Files.writeString(dir.resolve("kustomization.yaml"), e.getKey() + "\n");
            assertThatThrownBy(() -> Kustomization.build(dir)).as(e.getKey()).hasMessageContaining(e.getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPipelinePodIsHardenedProbedAndDrainsWithinItsGracePeriod(String stage) {
        List<ObjectNode> docs = Manifests.overlay(stage);
        for (String pipeline : PodConfiguration.PIPELINES) {
            ObjectNode deployment = Kustomization.named(docs, "Deployment", "camel-pipelines-" + pipeline);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            String name = stage + "/" + pipeline;
            assertThat(pod.at("/containers").size()).as(name).isEqualTo(1);
            assertThat(PodConfiguration.env(container)).as(name).containsEntry("PIPELINES_ENABLED", pipeline);
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).as(name).isEqualTo(ImageTest.IMAGE_USER);
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
            assertThat(container.at("/image").asText()).as(name).startsWith("registry.example.com/camel-pipelines:");
            assertThat(container.at("/ports/0/containerPort").asInt()).as(name).isEqualTo(ImageTest.IMAGE_PORT);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(name).isEqualTo("/observe/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(name).isEqualTo("/observe/health/ready");
            // the heap comes from the limit (MaxRAMPercentage in the image): without a limit the JVM sizes from the node
            assertThat(container.at("/resources/limits/memory").asText()).as(name).isNotEmpty();
            assertThat(container.at("/resources/requests/cpu").asText()).as(name).isNotEmpty();
            // java.io.tmpdir is /tmp: with a read-only root filesystem it must be a size-limited emptyDir
            String tmpVolume = mountedVolume(container, "/tmp");
            JsonNode volume = volume(pod, tmpVolume);
            assertThat(volume.at("/emptyDir/sizeLimit").asText()).as(name + " /tmp emptyDir").isNotEmpty();
            assertThat(ImageTest.jvmFlags()).contains("-Djava.io.tmpdir=/tmp");
            // the config volume is the generated ConfigMap, the secrets volume the documented Secret
            String configMap = volume(pod, mountedVolume(container, PodConfiguration.CONFIG_DIR)).at("/configMap/name").asText();
            assertThat(Kustomization.named(docs, "ConfigMap", configMap).at("/data").size()).as(name).isEqualTo(2);
            assertThat(volume(pod, mountedVolume(container, PodConfiguration.SECRETS_DIR)).at("/secret/secretName").asText())
                    .as(name).isEqualTo("camel-pipelines-secrets");
            // IRSA: the pod's own ServiceAccount carries its role
            ObjectNode account = Kustomization.named(docs, "ServiceAccount", pod.path("serviceAccountName").asText());
            assertThat(account.at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText()).as(name)
                    .matches("arn:aws:iam::\\d{12}:role/camel-pipelines-" + stage + "-" + pipeline);
            // SIGTERM: preStop pause, then Camel drains in-flight messages for shutdown-timeout seconds, then the JVM exits
            int grace = pod.path("terminationGracePeriodSeconds").asInt();
            int preStop = container.at("/lifecycle/preStop/sleep/seconds").asInt();
            int shutdown = Integer.parseInt(PodConfiguration.forDeployment(docs, pipeline).apply("camel.main.shutdown-timeout"));
            int longPoll = Integer.parseInt(PodConfiguration.forDeployment(docs, pipeline).apply("camel.component.aws2-sqs.wait-time-seconds"));
            assertThat(preStop + Math.max(shutdown, longPoll) + 10).as(name + " grace period").isLessThanOrEqualTo(grace);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void httpFacingPipelinesHaveAServiceAndADisruptionBudgetTheirReplicasCanMeet(String stage) {
        List<ObjectNode> docs = Manifests.overlay(stage);
        Set<String> withService = Kustomization.ofKind(docs, "Service").stream()
                .map(s -> s.at("/spec/selector").path("app.kubernetes.io/component").asText()).collect(Collectors.toSet());
        assertThat(withService).isEqualTo(HTTP_FACING);
        for (String pipeline : HTTP_FACING) {
            ObjectNode deployment = Kustomization.named(docs, "Deployment", "camel-pipelines-" + pipeline);
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            ObjectNode service = Kustomization.named(docs, "Service", "camel-pipelines-" + pipeline);
            service.at("/spec/selector").fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey())).isEqualTo(e.getValue()));
            assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo(deployment.at("/spec/template/spec/containers/0/ports/0/name").asText());
            ObjectNode budget = Kustomization.named(docs, "PodDisruptionBudget", "camel-pipelines-" + pipeline);
            budget.at("/spec/selector/matchLabels").fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey())).isEqualTo(e.getValue()));
            int minReplicas = Kustomization.ofKind(docs, "ScaledObject").stream()
                    .filter(s -> s.at("/spec/scaleTargetRef/name").asText().equals("camel-pipelines-" + pipeline))
                    .map(s -> s.at("/spec/minReplicaCount").asInt()).findFirst().orElse(deployment.at("/spec/replicas").asInt());
            assertThat(budget.at("/spec/minAvailable").asInt()).as(pipeline).isLessThan(minReplicas);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyScaledObjectTargetsADeploymentAndAuthenticatesAsItsWorkload(String stage) {
        List<ObjectNode> docs = Manifests.overlay(stage);
        for (ObjectNode scaled : Kustomization.ofKind(docs, "ScaledObject")) {
            ObjectNode target = Kustomization.named(docs, "Deployment", scaled.at("/spec/scaleTargetRef/name").asText());
            assertThat(scaled.at("/spec/minReplicaCount").asInt()).isPositive().isLessThanOrEqualTo(scaled.at("/spec/maxReplicaCount").asInt());
            for (JsonNode trigger : scaled.at("/spec/triggers")) {
                if (trigger.has("authenticationRef")) {
                    Kustomization.named(docs, "TriggerAuthentication", trigger.at("/authenticationRef/name").asText());
                }
                if (trigger.path("type").asText().equals("cpu")) {
                    assertThat(target.at("/spec/template/spec/containers/0/resources/requests/cpu").asText()).isNotEmpty();
                }
            }
        }
    }

    static String mountedVolume(JsonNode container, String mountPath) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(mountPath)) {
                return mount.path("name").asText();
            }
        }
        throw new AssertionError("Nothing is mounted at " + mountPath);
    }

    static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("No volume " + name);
    }
}
