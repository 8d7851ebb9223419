package routes;

import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

class StartupFailureTest {
    @Test
    void missingAwsCredentialsDeepInARouteFailureAreExplainedInOneSentence() {
        SdkClientException credentials = SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)");
        Exception failure = new org.apache.camel.RuntimeCamelException("Failed to create route uploads-check",
                new ResolveEndpointFailedException("aws2-sqs://q", credentials));
        assertThat(StartupFailure.explain(failure))
                .startsWith("No AWS credentials were found")
                .contains("mvn -Plocal");
    }

    @Test
    void otherFailuresKeepTheirStackTrace() {
        assertThat(StartupFailure.explain(new IllegalStateException("boom", SdkClientException.create("Unable to execute HTTP request"))))
                .isNull();
    }
}
