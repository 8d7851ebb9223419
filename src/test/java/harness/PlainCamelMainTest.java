package harness;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import routes.email.InMemoryS3;
import routes.shared.RecordingSqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The route files run on a plain {@code org.apache.camel.main.Main} (not our main class), as Camel K's runtime runs
 * them: only the beans on the classpath, properties, and {@code routes/shared-beans.yaml} loaded first.
 */
class PlainCamelMainTest {
    static final String ROUTES = "classpath:routes/shared-beans.yaml,classpath:routes/error-handling.yaml,classpath:routes/email-intake.yaml";

    @Test
    void aPipelineFileStartsWithTheSharedBeansBoundByTheFirstFile() throws Exception {
        Main main = plainMain(Map.of("email.areas", "sheffield"));
        try {
            main.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> main.getCamelContext() != null && main.getCamelContext().isStarted());
            assertThat(main.getCamelContext().getRouteController().getRouteStatus("email-receive").isStarted()).isTrue();
            assertThat(main.getCamelContext().getRegistry().lookupByName("sideEffectGuard")).isNotNull();
        } finally {
            main.stop();
        }
    }

    @Test
    void aMissingPropertyFailsTheStartNamingIt() {
        Main main = plainMain(Map.of("email.areas", ""));
        try {
            assertThatThrownBy(main::start).hasStackTraceContaining("Missing required configuration:")
                    .hasStackTraceContaining("email.areas (environment variable EMAIL_AREAS)");
        } finally {
            main.stop();
        }
    }

    private static Main plainMain(Map<String, String> extra) {
        Main main = new Main();
        main.addInitialProperty("camel.main.routes-include-pattern", ROUTES);
        main.addOverrideProperty("pipelines.enabled", "email");
        PipelineHarness.testProperties("test").forEach(main::addOverrideProperty);
        PipelineHarness.testProperties("email").forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addOverrideProperty("camel.management.enabled", "false");
        extra.forEach(main::addOverrideProperty);
        main.bind("s3Client", new InMemoryS3());
        main.bind("sqsClient", new RecordingSqsClient() {
            @Override
            public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
                return ReceiveMessageResponse.builder().build();
            }

            @Override
            public software.amazon.awssdk.services.sqs.model.ListQueuesResponse listQueues(
                    software.amazon.awssdk.services.sqs.model.ListQueuesRequest request) {
                return software.amazon.awssdk.services.sqs.model.ListQueuesResponse.builder()
                        .queueUrls("http://sqs.local/000000000000/es-test-data-inbox-events").build();
            }
        });
        return main;
    }
}
