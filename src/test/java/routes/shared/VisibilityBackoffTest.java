package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14 #3: a transient fault waits on the queue for minutes, not seconds, before it is dead-lettered. */
class VisibilityBackoffTest {
    private static final Instant NOW = Instant.parse("2026-12-01T22:00:00Z");
    private final RecordingSqsClient sqs = new RecordingSqsClient();
    private CamelContext context;

    @BeforeEach
    void context() throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("uploads.queue.dead-letter", "uploads-dead-letters");
        context.getRegistry().bind("sqsClient", sqs);
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theDelayDoublesPerReceiveUpToTheMaximum() {
        VisibilityBackoff backoff = backoff("PT30S", "PT15M", 8, "PT0S");
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToLong(backoff::delaySeconds).toArray())
                .containsExactly(30, 60, 120, 240, 480, 900, 900, 900);
    }

    @Test
    void sqsCapsTheVisibilityTimeoutAtTwelveHours() {
        assertThat(backoff("PT10H", "P2D", 8, "PT0S").delaySeconds(3)).isEqualTo(43_200);
    }

    @Test
    void withTheDefaultsAFailingMessageIsDeadLetteredOnlyAfterHalfAnHour() {
        VisibilityBackoff backoff = backoff("PT5S", "PT1M", 8, "PT30M");
        int receives = backoff.receivesBeforeDeadLetter();
        assertThat(backoff.waitedSeconds(receives)).isGreaterThanOrEqualTo(1800);
        assertThat(backoff.waitedSeconds(receives - 1)).isLessThan(1800);
        assertThat(receives).isEqualTo(34);
    }

    @Test
    void theEighthReceiveOfAYoungMessageBacksOffInsteadOfDeadLettering() throws Exception {
        VisibilityBackoff backoff = backoff("PT5S", "PT1M", 8, "PT30M");
        Exchange exchange = fromSqs(8, NOW.minus(Duration.ofMinutes(3)));
        backoff.retryLater(exchange);

        assertThat(sqs.sent).as("nothing dead-lettered").isEmpty();
        assertThat(sqs.deleted).isEmpty();
        assertThat(sqs.visibilityChanges).singleElement().satisfies(c -> assertThat(c.visibilityTimeout()).isEqualTo(60));
        assertThat(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))
                .isInstanceOf(RetryLater.class).hasMessage("GitHub answered 503 (back on the queue in 60 s)")
                .satisfies(e -> assertThat(e.getStackTrace()).as("one line in the consumer's log").isEmpty());
    }

    @Test
    void aMessageReceivedOftenEnoughOverHalfAnHourIsDeadLetteredWithItsReason() throws Exception {
        VisibilityBackoff backoff = backoff("PT5S", "PT1M", 8, "PT30M");
        backoff.retryLater(fromSqs(9, NOW.minus(Duration.ofMinutes(31))));

        assertThat(sqs.sent).singleElement().satisfies(dead -> {
            assertThat(dead.queueUrl()).endsWith("/uploads-dead-letters");
            assertThat(dead.messageAttributes().get(DeadLetters.REASON).stringValue()).isEqualTo("GitHub answered 503");
        });
        assertThat(sqs.deleted).hasSize(1);
        assertThat(sqs.visibilityChanges).isEmpty();
    }

    @Test
    void withoutTimestampsTheAgeIsWhatTheBackOffItselfWaited() throws Exception {
        VisibilityBackoff backoff = backoff("PT5S", "PT1M", 8, "PT30M");
        backoff.retryLater(fromSqs(20, null));
        assertThat(sqs.sent).as("20 receives waited 17 min at least: not yet").isEmpty();
        backoff.retryLater(fromSqs(34, null));
        assertThat(sqs.sent).hasSize(1);
    }

    // the queue's own redrive must not beat our dead letter (which carries the reason); Step Functions task queues
    // (task-errors) end in SendTaskFailure instead and keep their own count
    @Test
    void everyPipelineQueueRedrivesOnlyAfterTheBackOffHasDeadLettered() throws Exception {
        int needed = backoff("PT5S", "PT1M", 8, "PT30M").receivesBeforeDeadLetter();
        String resources = Files.readString(Path.of("local-aws/resources.yaml"));
        Matcher m = Pattern.compile("name: \"\\{\\{(?:uploads|email|snapshot)\\.queue\\.[^}]+}}\"\\n\\s+deadLetter: .*\\n\\s+maxReceiveCount: (\\d+)").matcher(resources);
        int queues = 0;
        while (m.find()) {
            queues++;
            assertThat(Integer.parseInt(m.group(1))).as(m.group()).isGreaterThan(needed + 5);
        }
        assertThat(queues).isGreaterThanOrEqualTo(3);
    }

    // issue 14 #6: the export-state message's FIFO deduplication window is 5 minutes. After a crash between the send
    // and the ledger, the retry that sends again comes once the claim's lease ran out, the message is visible again
    // (the status queue's visibility timeout) and at most one more back-off step: it must come inside the window, so
    // SQS drops it. With the lease of 5 minutes (as before) it came after the window.
    @Test
    void aRetryAfterACrashedExportStateSendFallsInsideTheFifoDeduplicationWindow() throws Exception {
        java.util.Properties defaults = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"))) {
            defaults.load(in);
        }
        Duration lease = Duration.parse(defaults.getProperty("ledger.effect-lease"));
        Duration backoffStep = Duration.parse(defaults.getProperty("errors.retry-later.maximum-delay"));
        Matcher m = Pattern.compile("name: \"\\{\\{snapshot\\.queue\\.status}}\"\\n(?:\\s+\\w+: .*\\n)*?\\s+visibilityTimeout: (\\d+)")
                .matcher(Files.readString(Path.of("local-aws/resources.yaml")));
        assertThat(m.find()).as("the status queue's visibilityTimeout in local-aws/resources.yaml").isTrue();
        Duration visibility = Duration.ofSeconds(Integer.parseInt(m.group(1)));
        assertThat(lease.plus(visibility).plus(backoffStep)).as("latest re-send after a crash").isLessThan(Duration.ofMinutes(5));
    }

    private VisibilityBackoff backoff(String initial, String maximum, int receives, String minimumAge) {
        return new VisibilityBackoff(sqs, new DeadLetters(sqs, new PipelineMetrics(context)), initial, maximum, receives,
                minimumAge, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Exchange fromSqs(int receives, Instant firstReceived) throws Exception {
        context.getRouteController();
        Sqs2Endpoint endpoint = context.getEndpoint("aws2-sqs:uploads-events?amazonSQSClient=#sqsClient&queueUrl=http://sqs.local/000000000000/uploads-events", Sqs2Endpoint.class);
        Exchange exchange = new DefaultExchange(context);
        exchange.getExchangeExtension().setFromEndpoint(endpoint);
        exchange.setProperty(MessageContext.PIPELINE, "uploads");
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new TransientFailure("GitHub answered 503"));
        exchange.getMessage().setBody("{\"Records\":[]}");
        exchange.getMessage().setHeader("CamelAwsSqsReceiptHandle", "receipt-" + receives);
        Map<Object, Object> attributes = new java.util.HashMap<>();
        attributes.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, Integer.toString(receives));
        if (firstReceived != null) {
            attributes.put(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, Long.toString(firstReceived.toEpochMilli()));
        }
        exchange.getMessage().setHeader("CamelAwsSqsAttributes", attributes);
        return exchange;
    }
}
