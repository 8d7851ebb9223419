package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredConfigurationTest {

    private static CamelContext contextWith(String... keyValues) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }

    @Test
    void namesEveryMissingPropertyWithItsEnvironmentVariable() {
        CamelContext context = contextWith("pipelines.required", "aws.region,ledger.table", "ledger.table", "t",
                "pipelines.uploads.required", "uploads.bucket.final", "pipelines.enabled", "all");

        assertThatThrownBy(() -> RequiredConfiguration.failFastIfMissing(context))
                .isInstanceOf(MissingConfiguration.class)
                .hasMessageContaining("aws.region (environment variable AWS_REGION)")
                .hasMessageContaining("uploads.bucket.final (environment variable UPLOADS_BUCKET_FINAL)")
                .hasMessageNotContaining("ledger.table");
    }

    @Test
    void aDisabledPipelinesPropertiesAreNotRequired() {
        CamelContext context = contextWith("pipelines.required", "aws.region", "aws.region", "eu-west-2",
                "pipelines.uploads.required", "uploads.bucket.final", "pipelines.enabled", "snapshot");

        assertThat(RequiredConfiguration.missing(context)).isEmpty();
    }

    @Test
    void blankCountsAsMissing() {
        CamelContext context = contextWith("pipelines.required", "aws.region", "aws.region", "  ");
        assertThat(RequiredConfiguration.missing(context)).containsExactly("aws.region");
    }

    @Test
    void pipelineSelectionBuildsTheRoutePatternAndRejectsUnknownIds() {
        CamelContext context = contextWith("pipelines.enabled", "snapshot, uploads",
                "pipelines.shared-routes", "classpath:routes/error-handling.yaml",
                "pipelines.uploads.routes", "classpath:routes/u.yaml", "pipelines.snapshot.routes", "classpath:routes/s.yaml",
                "pipelines.email.routes", "classpath:routes/e.yaml");

        assertThat(PipelineSelection.routesIncludePattern(context))
                .isEqualTo("classpath:routes/error-handling.yaml,classpath:routes/s.yaml,classpath:routes/u.yaml");
        assertThatThrownBy(() -> PipelineSelection.enabled(contextWith("pipelines.enabled", "uploads,emails")))
                .isInstanceOf(MissingConfiguration.class).hasMessageContaining("unknown pipeline 'emails'");
    }
}
