package routes;

/**
 * One clear sentence for the start-up failures an operator causes and can fix (no AWS credentials, AWS not reachable
 * while the queues' URLs are looked up), instead of a stack trace of route and endpoint creation. Anything else keeps
 * its stack trace.
 */
final class StartupFailure {
    private StartupFailure() {
    }

    /** The explanation, or null when {@code failure} is not one an operator can fix from a sentence. */
    static String explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (cause instanceof software.amazon.awssdk.core.exception.SdkClientException && message != null
                    && message.startsWith("Unable to load credentials")) {
                return "No AWS credentials were found (the SDK's default chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                        + "AWS_PROFILE, web identity token, container or instance role). Provide credentials, or run "
                        + "locally with: mvn -Plocal";
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.UnknownHostException || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.http.HttpConnectTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return "AWS could not be reached (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                        + "). Check the network, AWS_REGION and any aws.endpoint.* override; exiting so that the "
                        + "supervisor (Kubernetes, systemd) restarts the app";
            }
        }
        return null;
    }
}
