package routes.email;

import harness.PipelineHarness;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.shared.RecordingSqsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file-routing branch of email-intake.yaml with its sinks mocked (AdviceWith): which step each kind of file
 * reaches, and the reason handed to the unprocessable sink. No S3 involved.
 */
class EmailFileRouteAdviceTest {
    static CamelContext context;
    static MockEndpoint data;
    static MockEndpoint unprocessable;

    @TempDir
    Path dir;

    static PipelineHarness email;

    @BeforeAll
    static void start() {
        email = PipelineHarness.pipeline("email")
                .properties(Map.of("email.max-attachment-bytes", "1000000", "email.unzip.max-entry-bytes", "1000000",
                        "email.unzip.max-total-bytes", "1000000", "email.dry-run", "true", "errors.maximum-redeliveries", "0"))
                .bean("s3Client", new InMemoryS3()).bean("sqsClient", new RecordingSqsClient())
                .replaceFrom("email-intake", "direct:unused")
                .advice("email-file", a -> {
                    a.weaveById("write-data").replace().to("mock:data");
                    a.weaveById("archive-to-unprocessable").replace().setBody(a.simple("${exception.message}")).to("mock:unprocessable");
                    a.weaveById("spreadsheet-to-unprocessable").replace().setBody(a.simple("${exception.message}")).to("mock:unprocessable");
                    a.weaveById("file-to-unprocessable").replace().setBody(a.simple("${exchangeProperty.emailFileDecision.reason()}")).to("mock:unprocessable");
                })
                .start();
        context = email.context();
        data = context.getEndpoint("mock:data", MockEndpoint.class);
        unprocessable = context.getEndpoint("mock:unprocessable", MockEndpoint.class);
    }

    @AfterAll
    static void stop() {
        email.close();
    }

    @BeforeEach
    void reset() {
        MockEndpoint.resetMocks(context);
    }

    void send(String name, byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve("f" + System.nanoTime()), bytes);
        context.createProducerTemplate().sendBody("direct:email-file",
                new IncomingFile("e-1", name, "sheffield/20250323-101112/" + name, file, null, 0));
    }

    @Test
    void aCsvIsCleanedBeforeItReachesTheDataSink() throws Exception {
        data.expectedMessageCount(1);
        unprocessable.expectedMessageCount(0);
        send("cr.csv", Fixtures.cr());
        MockEndpoint.assertIsSatisfied(context);
        IncomingFile cleaned = data.getReceivedExchanges().get(0).getMessage().getBody(IncomingFile.class);
        assertThat(cleaned.key()).isEqualTo("sheffield/20250323-101112/cr.csv");
        assertThat(Files.size(cleaned.file())).isEqualTo(677);
    }

    @Test
    void aZipFeedsEachEntryBackIntoRouting() throws Exception {
        data.expectedMessageCount(2);
        unprocessable.expectedBodiesReceived("'logo.png' has the unsupported extension .png; expected .csv, .cns, .zip, .xls or .xlsx");
        send("export.zip", Fixtures.zip("a.csv", Fixtures.cr(), "b/c.CNS", Fixtures.cr(), "logo.png", Fixtures.png()));
        MockEndpoint.assertIsSatisfied(context);
        assertThat(data.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(IncomingFile.class).key())
                .containsExactly("sheffield/20250323-101112/a.csv", "sheffield/20250323-101112/b/c.CNS");
    }

    @Test
    void aSpreadsheetIsConvertedThenCleaned() throws Exception {
        data.expectedMessageCount(1);
        send("export.xls", Fixtures.npowerXls());
        MockEndpoint.assertIsSatisfied(context);
        assertThat(data.getReceivedExchanges().get(0).getMessage().getBody(IncomingFile.class).key())
                .isEqualTo("sheffield/20250323-101112/export.xls.csv");
    }

    @Test
    void refusedArchivesAndSpreadsheetsReachTheUnprocessableSinkWithTheirReason() throws Exception {
        data.expectedMessageCount(0);
        unprocessable.expectedMessageCount(2);
        send("bomb.zip", Fixtures.zip("z.csv", new byte[3_000_000]));
        send("fake.xlsx", Fixtures.zip("[Content_Types].xml", "not xml".getBytes()));
        MockEndpoint.assertIsSatisfied(context);
        assertThat(unprocessable.getReceivedExchanges().get(0).getMessage().getBody(String.class)).contains("over the limit of 1000000 bytes");
        assertThat(unprocessable.getReceivedExchanges().get(1).getMessage().getBody(String.class)).startsWith("'fake.xlsx' could not be converted");
    }
}
