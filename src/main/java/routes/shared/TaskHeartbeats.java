package routes.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a running task alive: SendTaskHeartbeat every interval while its processor works, so a task with
 * {@code HeartbeatSeconds} does not time out while we are still on it. The task route starts a heartbeat before the
 * processor and stops it after (and in the task-error handling); a heartbeat also stops by itself once Step Functions
 * says the token is gone.
 */
public class TaskHeartbeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskHeartbeats.class);

    private final AtomicInteger threads = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "task-heartbeats-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Set<Heartbeat> running = ConcurrentHashMap.newKeySet();
    private TaskCallbacks taskCallbacks;

    public void setTaskCallbacks(TaskCallbacks taskCallbacks) {
        this.taskCallbacks = taskCallbacks;
    }

    /** A heartbeat in progress; {@link #stop(Heartbeat)} ends it. */
    public final class Heartbeat {
        private final String pipeline;
        private final String taskToken;
        private volatile ScheduledFuture<?> future;
        private final AtomicInteger sent = new AtomicInteger();

        private Heartbeat(String pipeline, String taskToken) {
            this.pipeline = pipeline;
            this.taskToken = taskToken;
        }

        public int getSent() {
            return sent.get();
        }

        private void beat() {
            try {
                if (taskCallbacks.heartbeat(pipeline, taskToken) == TaskCallbacks.Outcome.TOKEN_GONE) {
                    stop(this);
                } else {
                    sent.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // the next beat may get through; the task's HeartbeatSeconds leaves room for a missed one
                LOG.warn("Heartbeat for task {} failed: {}", TaskCallbacks.tokenHash(taskToken), e.getMessage());
            }
        }
    }

    /**
     * Starts heartbeats for {@code taskToken} every {@code interval} (ISO-8601, e.g. {@code PT30S}); none (null) when
     * there is no token or the interval is zero.
     */
    public Heartbeat start(String pipeline, String taskToken, String interval) {
        Duration every = interval == null || interval.isBlank() ? Duration.ZERO : Duration.parse(interval.trim());
        if (taskToken == null || taskToken.isBlank() || every.isZero() || every.isNegative()) {
            return null;
        }
        Heartbeat heartbeat = new Heartbeat(pipeline, taskToken);
        running.add(heartbeat);
        heartbeat.future = scheduler.scheduleWithFixedDelay(heartbeat::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    /** Stops a heartbeat (null: nothing to stop). */
    public void stop(Heartbeat heartbeat) {
        if (heartbeat == null) {
            return;
        }
        running.remove(heartbeat);
        ScheduledFuture<?> future = heartbeat.future;
        if (future != null) {
            future.cancel(false);
        }
    }

    /** How many tasks are being heartbeated now. */
    public int running() {
        return running.size();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        running.clear();
    }
}
