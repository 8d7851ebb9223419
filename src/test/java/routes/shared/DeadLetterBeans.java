package routes.shared;

import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The beans the shared error handling (error-handling.yaml) needs, bound for a route test over its SQS client. */
public final class DeadLetterBeans {
    private DeadLetterBeans() {
    }

    /**
     * Binds {@code deadLetters} (sending to {@code sqs}), {@code redeliveryAttempts} and {@code visibilityBackoff}
     * (from the context's {@code errors.retry-later.*}); returns the dead letters.
     */
    public static DeadLetters bind(CamelContext context, SqsClient sqs) {
        DeadLetters deadLetters = new DeadLetters(sqs, new PipelineMetrics(context));
        context.getRegistry().bind("deadLetters", deadLetters);
        context.getRegistry().bind("redeliveryAttempts", (Processor) deadLetters::countAttempt);
        context.getRegistry().bind("visibilityBackoff", VisibilityBackoff.fromProperties(context, sqs, deadLetters));
        return deadLetters;
    }
}
