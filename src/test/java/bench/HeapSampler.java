package bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The largest used heap during a run, sampled by a daemon thread: every 5 ms ({@link #start()}: the peak, garbage
 * included), or after a GC every 250 ms ({@link #retained()}: what is still in use).
 */
final class HeapSampler {
    /** The used heap after the GC at the start. */
    final long before;
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler(long intervalMillis, boolean gcEachSample, String name) {
        System.gc();
        before = used();
        thread = new Thread(() -> {
            while (running) {
                if (gcEachSample) {
                    System.gc();
                }
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Samples the used heap every 5 ms. */
    static HeapSampler start() {
        return new HeapSampler(5, false, "heap-sampler");
    }

    /** Forces a GC every 250 ms and samples the heap still in use. */
    static HeapSampler retained() {
        return new HeapSampler(250, true, "retained-heap");
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Stops sampling; the largest heap seen (for {@link #retained()}, at least the heap at the start). */
    long stop() throws InterruptedException {
        running = false;
        thread.join();
        return Math.max(peak.get(), before);
    }
}
