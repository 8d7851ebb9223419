package routes.shared;

import org.apache.camel.Exchange;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures are transient, i.e. worth waiting out on the SQS queue (error-handling.yaml, clause
 * {@code transient-fault}): our own {@link TransientFailure} (a 5xx answer, a claim held by another worker) and
 * {@link RetryLater}; an AWS client failure (connection refused, timeout: the service is down or hung); an AWS answer
 * that is throttling or a 5xx; an I/O failure or timeout. A {@link PermanentFailure} anywhere in the chain is never
 * transient. Anything else (a bug, a 4xx from AWS) keeps the bounded in-app retries, then the dead-letter queue.
 */
public final class TransientFaults {
    private TransientFaults() {
    }

    /** The {@code onWhen} predicate: the exchange's exception (or the one the error handler caught) is transient. */
    public static boolean matches(Exchange exchange) {
        Throwable error = exchange.getException();
        if (error == null) {
            error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return isTransient(error);
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentFailure) {
                return false;
            }
            if (t instanceof TransientFailure || t instanceof RetryLater || t instanceof SdkClientException
                    || t instanceof IOException || t instanceof UncheckedIOException || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof SdkServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 408;
            }
        }
        return false;
    }
}
