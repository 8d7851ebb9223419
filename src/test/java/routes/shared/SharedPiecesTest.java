package routes.shared;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The small shared pieces every pipeline uses: each behaves as its callers rely on. */
class SharedPiecesTest {
    @TempDir
    Path dir;

    @Test
    void queueUrlsAreLookedUpOnceAndUrlsPassThrough() {
        int[] lookups = {0};
        RecordingSqsClient sqs = new RecordingSqsClient() {
            @Override
            public software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse getQueueUrl(
                    software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest request) {
                lookups[0]++;
                return super.getQueueUrl(request);
            }
        };
        QueueUrls urls = new QueueUrls(sqs);
        assertThat(urls.of("events")).isEqualTo("http://sqs.local/000000000000/events");
        assertThat(urls.of("events")).isEqualTo("http://sqs.local/000000000000/events");
        assertThat(lookups[0]).as("cached").isEqualTo(1);
        assertThat(urls.of("https://sqs.eu-west-2.amazonaws.com/1/q")).isEqualTo("https://sqs.eu-west-2.amazonaws.com/1/q");
        assertThat(lookups[0]).isEqualTo(1);
    }

    @Test
    void abbreviationCutsWithAnEllipsisWithinTheLimit() {
        assertThat(Abbreviation.of("short", 10)).isEqualTo("short");
        assertThat(Abbreviation.of("0123456789", 10)).isEqualTo("0123456789");
        assertThat(Abbreviation.of("0123456789A", 10)).isEqualTo("012345678…").hasSize(10);
        assertThat(Abbreviation.of(null, 10)).isEmpty();
        assertThat(Abbreviation.oneLine("a\n  b\tc", 200)).isEqualTo("a b c");
        assertThat(Abbreviation.oneLine("x".repeat(300), 200)).hasSize(200).endsWith("…");
    }

    @Test
    void commaListsAreTrimmedWithoutEmptyEntries() {
        assertThat(CommaList.of(" a, b,,c ,")).containsExactly("a", "b", "c");
        assertThat(CommaList.of("")).isEmpty();
        assertThat(CommaList.of(null)).isEmpty();
        assertThat(CommaList.of(" , ")).isEmpty();
    }

    @Test
    void onlyA4xxOtherThan408And429IsPermanent() {
        assertThat(List.of(400, 401, 403, 404, 409, 422, 499)).allMatch(ClientError::isPermanent);
        assertThat(List.of(200, 302, 408, 429, 500, 502, 503)).noneMatch(ClientError::isPermanent);
    }

    @Test
    void tempFilesAreDeletedQuietly() throws IOException {
        Path file = Files.writeString(dir.resolve("f.tmp"), "x");
        TempFiles.delete(file);
        assertThat(file).doesNotExist();
        TempFiles.delete(file);
        TempFiles.delete(null);
        Path tree = Files.createDirectories(dir.resolve("t/a/b"));
        Files.writeString(tree.resolve("c.csv"), "c");
        Files.writeString(dir.resolve("t/d.csv"), "d");
        TempFiles.deleteTree(dir.resolve("t"));
        assertThat(dir.resolve("t")).doesNotExist();
        TempFiles.deleteTree(dir.resolve("t"));
    }

    @Test
    void theBoundRegistryIsRememberedTheGlobalFallbackIsNot() {
        DefaultCamelContext context = new DefaultCamelContext();
        BoundMeterRegistry registry = new BoundMeterRegistry(context);
        assertThat(registry.get()).isSameAs(Metrics.globalRegistry);
        SimpleMeterRegistry bound = new SimpleMeterRegistry();
        context.getRegistry().bind("prometheus", bound);
        assertThat(registry.get()).isSameAs(bound);
        context.getRegistry().unbind("prometheus");
        assertThat(registry.get()).as("remembered").isSameAs(bound);
    }

    @Test
    void anExchangeClaimIsReleasedWhenItsExchangeIsDoneUncompleted() {
        routes.uploads.InMemoryLedger ledger = new routes.uploads.InMemoryLedger();
        Duration lease = Duration.ofMinutes(1);
        Exchange failed = new DefaultExchange(new DefaultCamelContext());
        ExchangeClaim claim = ExchangeClaim.claim(ledger, "uploads", "k1", lease, failed);
        assertThat(claim.acquired()).isTrue();
        assertThat(ExchangeClaim.claim(ledger, "uploads", "k1", lease, failed).outcome()).isEqualTo("HELD_BY_OTHER");
        failed.getExchangeExtension().handoverCompletions().forEach(s -> s.onFailure(failed));
        assertThat(ExchangeClaim.claim(ledger, "uploads", "k1", lease, new DefaultExchange(new DefaultCamelContext())).acquired())
                .as("released").isTrue();

        Exchange done = new DefaultExchange(new DefaultCamelContext());
        ExchangeClaim completed = ExchangeClaim.claim(ledger, "uploads", "k2", lease, done);
        completed.complete("m-1");
        done.getExchangeExtension().handoverCompletions().forEach(s -> s.onComplete(done));
        ExchangeClaim again = ExchangeClaim.claim(ledger, "uploads", "k2", lease, done);
        assertThat(again.outcome()).isEqualTo("ALREADY_DONE");
        assertThat(again.result()).isEqualTo("m-1");
    }

    @Test
    void pythonJsonIndentedAsJsonDumpsWithIndent2() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", "é");
        value.put("b", List.of(Map.of("c", 1), true));
        value.put("e", List.of());
        value.put("f", Map.of());
        // python3 -c 'import json; print(json.dumps({"a": "é", "b": [{"c": 1}, True], "e": [], "f": {}}, indent=2))'
        assertThat(PythonJson.dumpsIndented(value, 2)).isEqualTo("{\n  \"a\": \"\\u00e9\",\n  \"b\": [\n    {\n      \"c\": 1\n"
                + "    },\n    true\n  ],\n  \"e\": [],\n  \"f\": {}\n}");
        assertThat(PythonJson.dumps(value)).isEqualTo("{\"a\": \"\\u00e9\", \"b\": [{\"c\": 1}, true], \"e\": [], \"f\": {}}");
    }
}
