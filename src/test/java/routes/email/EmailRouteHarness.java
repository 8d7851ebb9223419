package routes.email;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import routes.shared.S3EventParser;
import routes.shared.S3Spool;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;
import java.util.Properties;

/**
 * email-intake.yaml (with the shared error handling) in a plain Camel context, not started: the shared beans it
 * references bound first (Camel creates the YAML's own beans while loading the file), every email.* property set to
 * a small test value unless {@code overrides} says otherwise. Advise routes, then start the context.
 */
public final class EmailRouteHarness {
    private EmailRouteHarness() {
    }

    public static Properties defaults() {
        Properties p = new Properties();
        String[][] values = {{"stage", "test"}, {"email.bucket.inbox", "es-{{stage}}-data-inbox"},
            {"email.bucket.data", "es-{{stage}}-data-amr-data"}, {"email.bucket.unprocessable", "es-{{stage}}-data-unprocessable"},
            {"email.queue.inbox-events", "es-{{stage}}-data-inbox-events"}, {"email.queue.dead-letter", "es-{{stage}}-data-inbox-dead-letters"},
            {"email.consumers", "1"}, {"email.areas", "sheffield"}, {"email.accept-unknown-areas", "false"}, {"email.areas-file", ""},
            {"email.max-email-bytes", "10000000"}, {"email.max-attachment-bytes", "3000000"}, {"email.max-files", "50"},
            {"email.unzip.max-entry-bytes", "2000000"}, {"email.unzip.max-total-bytes", "5000000"}, {"email.unzip.max-ratio", "100"},
            {"email.unzip.max-depth", "2"}, {"email.download.connect-timeout-ms", "500"}, {"email.download.read-timeout-ms", "500"},
            {"email.download.max-bytes", "1000000"}, {"email.spreadsheet.all-sheets", "false"}, {"email.csv.lossless-utf8", "false"},
            {"email.dry-run", "false"},
            {"errors.maximum-redeliveries", "2"}, {"errors.redelivery-delay", "1"}, {"errors.backoff-multiplier", "1"},
            {"errors.maximum-redelivery-delay", "5"}};
        for (String[] kv : values) {
            p.put(kv[0], kv[1]);
        }
        return p;
    }

    public static CamelContext create(S3Client s3, SqsClient sqs, Map<String, String> overrides) throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties properties = defaults();
        properties.putAll(overrides);
        context.getPropertiesComponent().setInitialProperties(properties);
        context.setAllowUseOriginalMessage(true);
        context.getRegistry().bind("s3Client", S3Client.class, s3);
        context.getRegistry().bind("s3Spool", new S3Spool(s3));
        context.getRegistry().bind("s3Events", new S3EventParser());
        routes.shared.DeadLetterBeans.bind(context, sqs);
        for (String file : new String[] {"classpath:routes/error-handling.yaml", "classpath:routes/email-intake.yaml"}) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, file));
        }
        return context;
    }
}
