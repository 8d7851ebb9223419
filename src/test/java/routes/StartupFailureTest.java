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

    @Test
    void anUnreachableAwsEndpointIsExplainedInOneSentence() {
        Exception failure = new org.apache.camel.RuntimeCamelException("Failed to create route uploads-check",
                new ResolveEndpointFailedException("aws2-sqs://q", SdkClientException.create("Received an UnknownHostException",
                        new java.net.UnknownHostException("sqs.eu-west-2.amazonaws.com"))));
        assertThat(StartupFailure.explain(failure))
                .isEqualTo("AWS could not be reached (UnknownHostException: sqs.eu-west-2.amazonaws.com). Check the network, "
                        + "AWS_REGION and any aws.endpoint.* override; exiting so that the supervisor (Kubernetes, systemd) restarts the app");
    }
}
