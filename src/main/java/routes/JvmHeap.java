package routes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The heap is a deliberate setting: without one the JVM takes a quarter of the machine's memory (6 GB on a 24 GB
 * machine), and a heap that large is filled before it is collected, so the process grows to gigabytes of RSS.
 * {@code java -jar} without a heap flag logs one warning naming the flags to use (README, "Memory and CPU").
 */
public final class JvmHeap {
    private static final Logger LOG = LoggerFactory.getLogger(JvmHeap.class);
    private static final List<String> HEAP_FLAGS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAMPercentage=", "-XX:MaxRAM=",
            "-XX:MaxRAMFraction=");

    private JvmHeap() {
    }

    /** True if one of the JVM's arguments (JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS included) sets the maximum heap. */
    static boolean isSet(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(argument -> HEAP_FLAGS.stream().anyMatch(argument::startsWith));
    }

    public static void warnIfDefault() {
        if (!isSet(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            LOG.warn("The JVM's maximum heap is not set, so it is a quarter of this machine's memory ({} MB). Set it: "
                    + "java -Xmx512m -jar camel-pipelines.jar (in a container the image sets -XX:MaxRAMPercentage=50 of "
                    + "the memory limit); see README, Memory and CPU", Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
