package routes.snapshot;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The optional push gateway (reference §3.10 #63–#65) and the metric labels (#61, #62). */
class PushGatewayTest {
    WireMockServer gateway;
    final SnapshotMetrics metrics = new SnapshotMetrics(new SimpleMeterRegistry());
    final StatusMessage message = new StatusMessage("correlationId1", "db.collection1", "fulls", "2021-01-01",
            TextNode.valueOf("2021-01-01"), "f", false, TextNode.valueOf("true"), TextNode.valueOf("true"), "file:f");

    @BeforeEach
    void start() {
        gateway = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        gateway.start();
        gateway.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    // #65
    @Test
    void groupingKey() {
        assertThat(PushGateway.groupingKey("correlationId1")).containsExactly(
                Map.entry("component", "snapshot_sender_status_checker"), Map.entry("correlation_id", "correlationId1"));
    }

    // #61, #62
    @Test
    void labels() {
        assertThat(SnapshotMetrics.labels(message, true).stream().map(t -> t.getKey()))
                .containsExactly("collection_name", "correlation_id", "export_date", "snapshot_type");
        assertThat(SnapshotMetrics.labels(message, false).stream().map(t -> t.getKey()))
                .containsExactly("correlation_id", "export_date", "snapshot_type");
    }

    // #63: pushadd = POST of the run's counters to its group
    @Test
    void pushAddsTheRunsCountersToItsGroup() {
        metrics.fileReceived(message);
        metrics.fileReceived(message);
        metrics.collectionReceived(message);
        PushGateway push = new PushGateway("127.0.0.1:" + gateway.port(), metrics, "PT1H");
        push.push(message);
        gateway.verify(postRequestedFor(urlEqualTo(
                "/metrics/job/snapshot_sender_status_checker/component/snapshot_sender_status_checker/correlation_id/correlationId1")));
        String body = gateway.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(body).contains("# TYPE snapshot_sender_status_checker_files_received_total counter\n"
                + "snapshot_sender_status_checker_files_received_total{collection_name=\"db.collection1\",export_date=\"2021-01-01\",snapshot_type=\"fulls\"} 2.0\n");
        assertThat(body).contains("snapshot_sender_status_checker_collections_received_total{export_date=\"2021-01-01\",snapshot_type=\"fulls\"} 1.0\n");
    }

    // #64: after the retention the group is deleted and the run's meters forgotten
    @Test
    void aCompletedRunsGroupIsDeletedAfterTheRetention() throws Exception {
        metrics.fileReceived(message);
        PushGateway push = new PushGateway("http://127.0.0.1:" + gateway.port(), metrics, "PT0.001S");
        push.runCompleted(message);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> metrics.meters("correlationId1").isEmpty());
        gateway.verify(deleteRequestedFor(urlEqualTo(
                "/metrics/job/snapshot_sender_status_checker/component/snapshot_sender_status_checker/correlation_id/correlationId1")));
        assertThat(metrics.meters("correlationId1")).isEmpty();
        push.close();
    }

    @Test
    void withoutAnAddressNothingIsPushed() {
        PushGateway push = new PushGateway("", metrics, "PT1H");
        push.push(message);
        assertThat(push.enabled()).isFalse();
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnreachableGatewayNeverFailsAMessage() {
        PushGateway push = new PushGateway("127.0.0.1:1", metrics, "PT1H");
        push.push(message);
        assertThat(push.enabled()).isTrue();
    }

    // #4: the push happens even when processing the message fails; the group is not deleted then
    @Test
    void aFailingMessageStillPushesOnceWhenDone() throws Exception {
        PushGateway push = new PushGateway("127.0.0.1:" + gateway.port(), metrics, "PT1H");
        try (org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext()) {
            camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:batch").split(body())
                            .process(e -> push.pushWhenDone(message, e))
                            .process(e -> {
                                metrics.fileReceived(message);
                                if ("bad".equals(e.getMessage().getBody(String.class))) {
                                    throw new IllegalStateException("status item missing");
                                }
                            });
                }
            });
            camel.start();
            org.apache.camel.Exchange result = camel.createProducerTemplate().send("direct:batch",
                    e -> e.getMessage().setBody(java.util.List.of("bad", "good")));
            assertThat(result.getException()).hasMessageContaining("status item missing");
        }
        gateway.verify(2, postRequestedFor(urlEqualTo(
                "/metrics/job/snapshot_sender_status_checker/component/snapshot_sender_status_checker/correlation_id/correlationId1")));
        gateway.verify(0, deleteRequestedFor(anyUrl()));
        assertThat(gateway.getAllServeEvents().get(0).getRequest().getBodyAsString())
                .contains("snapshot_sender_status_checker_files_received_total{collection_name=\"db.collection1\",export_date=\"2021-01-01\",snapshot_type=\"fulls\"} 2.0");
        push.close();
    }
}
