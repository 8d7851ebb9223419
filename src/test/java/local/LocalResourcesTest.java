package local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalResourcesTest {
    @TempDir
    Path dir;

    private final Function<String, String> properties = Map.of(
            "uploads.bucket.temp", "temp-uploads",
            "uploads.queue.events", "upload-events",
            "uploads.queue.dead-letter", "upload-dead-letters",
            "snapshot.table.status", "snapshot-status",
            "snapshot.topic.monitoring", "snapshot-monitoring",
            "snapshot.queue.monitoring-tap", "snapshot-monitoring-tap",
            "ledger.table", "camel-pipelines-ledger")::get;

    /** The catalogue's try-it line of {@code pipeline} with every local port moved to base+0..+7. */
    private static String tryItWithPortsFrom(int base, String pipeline) {
        LocalAws.Ports moved = new LocalAws.Ports(base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7);
        LocalResources catalogue = LocalResources.load(LocalResources.catalogue(Path.of("local-aws")),
                LocalResources.localProperties(LocalAws.withPorts(Map.of(), moved)));
        return catalogue.tryIt().stream().filter(t -> t.pipeline().equals(pipeline)).map(LocalResources.TryIt::text)
                .reduce((a, b) -> { throw new AssertionError("two try-it lines for " + pipeline); }).orElseThrow();
    }

    @Test
    void theEmailTryItLineNamesTheSmtpPortTheLocalAwsReallyUses() {
        assertThat(tryItWithPortsFrom(13000, "email")).startsWith("swaks --server 127.0.0.1:13006 ");
    }

    @Test
    void theReviewTryItLineIsACommandThatRunsAsPrinted() {
        // the aws CLI signs every request: without credentials it stops at "Unable to locate credentials"
        assertThat(tryItWithPortsFrom(14000, "review")).startsWith("AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws "
                + "--endpoint-url http://127.0.0.1:14005 --region us-east-1 stepfunctions start-execution "
                + "--state-machine-arn arn:aws:states:us-east-1:000000000000:stateMachine:manual-review ");
    }

    @Test
    void everyStateMachineOfTheCatalogueLivesInTheOneStateMachinesFolder() {
        LocalResources catalogue = LocalResources.load(LocalResources.catalogue(Path.of("local-aws")),
                LocalResources.localProperties(Map.of()));
        Path folder = Path.of("local-aws/state-machines").toAbsolutePath().normalize();

        assertThat(catalogue.stateMachines()).isNotEmpty().allSatisfy(m -> assertThat(m.definition().toAbsolutePath().normalize())
                .as(m.name()).startsWith(folder).isRegularFile());
        assertThat(Path.of("state-machines")).as("the old root folder").doesNotExist();
    }

    @Test
    void readsEverySectionWithPlaceholdersResolved() throws IOException {
        write("resources.yaml", """
                buckets:
                  - name: "{{uploads.bucket.temp}}"
                    notify: "{{uploads.queue.events}}"
                queues:
                  - name: "{{uploads.queue.events}}"
                    deadLetter: "{{uploads.queue.dead-letter}}"
                    maxReceiveCount: 3
                    visibilityTimeout: 60
                  - name: orders.fifo
                    contentBasedDeduplication: true
                tables:
                  - name: "{{snapshot.table.status}}"
                    hashKey: {name: CorrelationId, type: S}
                    rangeKey: {name: CollectionName, type: S}
                    ttl: expiresAt
                topics:
                  - name: "{{snapshot.topic.monitoring}}"
                    subscribers: ["{{snapshot.queue.monitoring-tap}}"]
                activities:
                  - name: "{{review.activity:review-step}}"
                stateMachines:
                  - name: review-flow
                    definition: state-machines/review.asl.json
                tryIt:
                  - pipeline: uploads
                    text: "cp file.csv ./data/s3/{{uploads.bucket.temp}}/"
                """);

        LocalResources resources = LocalResources.load(LocalResources.catalogue(dir), properties);

        assertThat(resources.buckets()).containsExactly(new LocalResources.Bucket("temp-uploads", "upload-events"));
        assertThat(resources.queues()).containsExactly(
                new LocalResources.Queue("upload-events", "upload-dead-letters", 3, 60, false),
                new LocalResources.Queue("orders.fifo", null, 5, null, true));
        assertThat(resources.queues().get(1).fifo()).isTrue();
        assertThat(resources.tables()).containsExactly(new LocalResources.Table("snapshot-status",
                new LocalResources.Key("CorrelationId", "S"), new LocalResources.Key("CollectionName", "S"), "expiresAt"));
        assertThat(resources.topics()).containsExactly(new LocalResources.Topic("snapshot-monitoring", List.of("snapshot-monitoring-tap")));
        assertThat(resources.activities()).containsExactly(new LocalResources.Activity("review-step"));
        assertThat(resources.stateMachines()).singleElement()
                .satisfies(m -> assertThat(m.definition()).isEqualTo(dir.resolve("state-machines/review.asl.json")));
        assertThat(resources.tryIt()).containsExactly(new LocalResources.TryIt("uploads", "cp file.csv ./data/s3/temp-uploads/"));
    }

    @Test
    void mergesPipelineFragmentsAfterTheCatalogue() throws IOException {
        write("resources.yaml", """
                tables:
                  - name: "{{ledger.table}}"
                    hashKey: {name: pk, type: S}
                """);
        write("resources-uploads.yaml", """
                buckets:
                  - name: "{{uploads.bucket.temp}}"
                tables:
                  - name: "{{ledger.table}}"
                    hashKey: {name: other, type: N}
                """);
        write("resources-snapshot.yaml", """
                tables:
                  - name: "{{snapshot.table.status}}"
                    hashKey: {name: CorrelationId}
                """);

        LocalResources resources = LocalResources.load(LocalResources.catalogue(dir), properties);

        assertThat(resources.buckets()).extracting(LocalResources.Bucket::name).containsExactly("temp-uploads");
        assertThat(resources.tables()).extracting(LocalResources.Table::name)
                .containsExactly("camel-pipelines-ledger", "snapshot-status");
        assertThat(resources.tables().get(0).hashKey()).isEqualTo(new LocalResources.Key("pk", "S"));
        assertThat(resources.tables().get(1).hashKey().type()).isEqualTo("S");
    }

    @Test
    void anUnknownPropertyIsNamedInTheError() throws IOException {
        write("resources.yaml", """
                queues:
                  - name: "{{email.queue.inbox}}"
                """);
        assertThatThrownBy(() -> LocalResources.load(LocalResources.catalogue(dir), properties))
                .hasMessageContaining("email.queue.inbox").hasMessageContaining("resources.yaml");
    }

    @Test
    void anUnknownSectionIsAnError() throws IOException {
        write("resources.yaml", """
                bukets:
                  - name: x
                """);
        assertThatThrownBy(() -> LocalResources.load(LocalResources.catalogue(dir), properties))
                .hasMessageContaining("unknown section 'bukets'");
    }

    @Test
    void theProductCatalogueResolvesAgainstTheApplicationsLocalConfiguration() {
        LocalResources resources = LocalResources.load(LocalResources.catalogue(Path.of(System.getProperty("local.aws.dir", "local-aws"))),
                LocalResources.localProperties(Map.of()));
        assertThat(resources.tables()).anySatisfy(t -> {
            assertThat(t.hashKey()).isEqualTo(new LocalResources.Key("pk", "S"));
            assertThat(t.ttl()).isEqualTo("expiresAt");
        });
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
