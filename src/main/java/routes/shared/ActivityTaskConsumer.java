package routes.shared;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls one activity on {@code pollers} threads. Each poller: GetActivityTask; no task → wait the empty-poll delay;
 * a task → one exchange (body = the task input, properties {@code taskToken}, {@code taskSource=activity},
 * {@code taskActivityArn}) processed to its end before the next poll, so a poller never holds a task it cannot work on.
 * A failed poll is logged (once, and again on recovery) and retried after a growing delay. Stopping lets every task in
 * hand finish and starts no new poll. Its state is a readiness check ({@code sfn-activity-<routeId>}) in /observe/health.
 */
// Not aws2-step-functions: it has no GetActivityTask (nor SendTask*) operation.
public class ActivityTaskConsumer extends DefaultConsumer {
    public static final String TASK_TOKEN = "taskToken";
    public static final String TASK_SOURCE = "taskSource";
    public static final String TASK_ACTIVITY_ARN = "taskActivityArn";

    private static final Logger LOG = LoggerFactory.getLogger(ActivityTaskConsumer.class);

    private final ActivityTaskEndpoint endpoint;
    private final Object sleeper = new Object();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger pollErrors = new AtomicInteger();
    private volatile String lastError;
    private volatile Instant lastPollAt;
    private volatile boolean stopping;
    private ExecutorService pollers;
    private PollerHealth health;

    public ActivityTaskConsumer(ActivityTaskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopping = false;
        int count = endpoint.getPollers();
        pollers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "sfn-activity-" + endpoint.getWorkerName(), count);
        for (int i = 0; i < count; i++) {
            pollers.execute(this::pollUntilStopped);
        }
        health = new PollerHealth("sfn-activity-" + (getRouteId() == null ? endpoint.getWorkerName() : getRouteId()));
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null) {
            registry.register(health);
        }
        LOG.info("Polling activity {} with {} poller(s) as worker {}", endpoint.getActivityArn(), count, endpoint.getWorkerName());
    }

    @Override
    protected void doStop() throws Exception {
        stopping = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        if (pollers != null) {
            // a task in hand finishes; a poll in progress may still bring one (AWS long-polls up to 60 s)
            long grace = getEndpoint().getCamelContext().getShutdownStrategy().getTimeUnit()
                    .toMillis(getEndpoint().getCamelContext().getShutdownStrategy().getTimeout());
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(pollers, Math.max(1000, grace));
            pollers = null;
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (registry != null && health != null) {
            registry.unregister(health);
        }
        super.doStop();
    }

    private void pollUntilStopped() {
        while (!stopping && isRunAllowed()) {
            GetActivityTaskResponse task;
            try {
                task = endpoint.getSfnClient().getActivityTask(b -> b.activityArn(endpoint.getActivityArn())
                        .workerName(endpoint.getWorkerName()));
                polls.incrementAndGet();
                lastPollAt = Instant.now();
                if (pollErrors.getAndSet(0) > 0) {
                    LOG.info("Polling activity {} works again", endpoint.getActivityArn());
                }
            } catch (SdkException e) {
                if (stopping) {
                    return;
                }
                int errors = pollErrors.incrementAndGet();
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (errors == 1) {
                    LOG.warn("Polling activity {} failed (retrying with backoff): {}", endpoint.getActivityArn(), lastError);
                }
                pause(Math.min(endpoint.getMaximumErrorDelay(), Math.max(100, endpoint.getEmptyPollDelay()) << Math.min(errors, 10)));
                continue;
            }
            if (task.taskToken() == null || task.taskToken().isBlank()) {
                pause(endpoint.getEmptyPollDelay());
                continue;
            }
            process(task);
        }
    }

    private void process(GetActivityTaskResponse task) {
        tasks.incrementAndGet();
        inFlight.incrementAndGet();
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(task.input());
            exchange.setProperty(TASK_TOKEN, task.taskToken());
            exchange.setProperty(TASK_SOURCE, "activity");
            exchange.setProperty(TASK_ACTIVITY_ARN, endpoint.getActivityArn());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            inFlight.decrementAndGet();
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Activity task " + TaskCallbacks.tokenHash(task.taskToken())
                    + " could not be completed", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        synchronized (sleeper) {
            if (stopping) {
                return;
            }
            try {
                sleeper.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /** Ready while the last poll worked; the details say what the pollers are doing. */
    private final class PollerHealth extends AbstractHealthCheck {
        PollerHealth(String id) {
            super("camel", id);
        }

        @Override
        public boolean isLiveness() {
            return false; // liveness never waits on AWS
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            builder.detail("activity.arn", endpoint.getActivityArn());
            builder.detail("worker", endpoint.getWorkerName());
            builder.detail("pollers", endpoint.getPollers());
            builder.detail("polling", !stopping && isRunAllowed());
            builder.detail("polls", polls.get());
            builder.detail("tasks.received", tasks.get());
            builder.detail("tasks.in.flight", inFlight.get());
            builder.detail("poll.errors.in.a.row", pollErrors.get());
            if (lastPollAt != null) {
                builder.detail("last.poll", lastPollAt.toString());
            }
            if (pollErrors.get() > 0) {
                builder.message("Polling " + endpoint.getActivityArn() + " fails: " + lastError);
                builder.down();
            } else if (stopping) {
                builder.message("Stopping: no new polls, " + inFlight.get() + " task(s) finishing");
                builder.down();
            } else {
                builder.up();
            }
        }
    }
}
