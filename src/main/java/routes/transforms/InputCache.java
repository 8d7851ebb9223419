package routes.transforms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which input objects the engine holds already loaded, by S3 object version ({@code bucket/key@ETag}: S3 gives a
 * changed object a new ETag), so the next task reading the same version gets a view of that table instead of the
 * download, the type scan and the table build (~50 ms for the population file, which eight functions read). The
 * tables are the input as read, never written (a function's statements only create their own temp tables), so a
 * task sees exactly what a fresh load would give it.
 *
 * <p>Bounded by the tables' estimated memory ({@code transforms.input-cache-mb}), least recently used first out; a table a
 * session still reads (a lease) is never dropped. This class only keeps the books: the engine creates and drops the
 * tables and serialises the loads of one version ({@link #lockFor}).
 */
final class InputCache {
    record Entry(String table, long bytes) {
    }

    private final long budgetBytes;
    // access order: the first entry is the least recently used
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> leases = new LinkedHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private long bytes;
    private int tables;

    InputCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    boolean enabled() {
        return budgetBytes > 0;
    }

    /** Whether a table of {@code size} bytes may be kept at all. */
    boolean fits(long size) {
        return size <= budgetBytes;
    }

    /** The lock the loads of one version take, so two tasks reading it at once load it once. */
    Object lockFor(String version) {
        return locks.computeIfAbsent(version, v -> new Object());
    }

    /** The table of {@code version} with a lease taken, or null when it is not held. */
    synchronized Entry lease(String version) {
        Entry entry = entries.get(version);
        if (entry != null) {
            leases.merge(version, 1, Integer::sum);
        }
        return entry;
    }

    /** A fresh table name for a version about to be loaded. */
    synchronized String newTable() {
        return "cached_input_" + (++tables);
    }

    /**
     * Records a loaded version, leased by the session that loaded it, and returns the entry to read: the one already
     * there if another load of the same version won (after an eviction the lock of a version is a new one), in which
     * case the caller drops its own table.
     */
    synchronized Entry add(String version, Entry entry) {
        leases.merge(version, 1, Integer::sum);
        Entry existing = entries.putIfAbsent(version, entry);
        if (existing != null) {
            return existing;
        }
        bytes += entry.bytes();
        return entry;
    }

    synchronized void release(String version) {
        leases.computeIfPresent(version, (v, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * Takes out of the books the least recently used versions no session reads until the rest fit {@code budget}, and
     * returns their tables (the engine drops them).
     */
    synchronized Map<String, Entry> evictions(long budget) {
        Map<String, Entry> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, Entry>> oldestFirst = entries.entrySet().iterator();
        while (bytes > budget && oldestFirst.hasNext()) {
            Map.Entry<String, Entry> candidate = oldestFirst.next();
            if (!leases.containsKey(candidate.getKey())) {
                oldestFirst.remove();
                bytes -= candidate.getValue().bytes();
                out.put(candidate.getKey(), candidate.getValue());
                locks.remove(candidate.getKey());
            }
        }
        return out;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }
}
