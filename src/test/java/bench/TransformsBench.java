package bench;

import harness.PipelineHarness;
import org.apache.camel.ProducerTemplate;
import routes.email.InMemoryS3;
import routes.transforms.OsloData;
import routes.transforms.TaskEvents;
import routes.transforms.TransformEngine;
import routes.transforms.TransformFunction;
import routes.transforms.functions.Functions;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every registered transform ({@link Functions#ALL}, its first type, or every type with {@code bench.types=all}) on
 * the synthetic Oslo inputs (×1 and ×bench.scale rows), warm, through the pipeline as production wires it
 * ({@link PipelineHarness}, the bucket an in-memory S3): the time from the task received (the event as the body of
 * {@code direct:transforms-task}, where the activity, SQS and HTTP ways in hand it over) to its answer (the step_data
 * SendTaskSuccess would send): event parsing, the listing, the download to a temp file, the engine, the templates and
 * the PutObjects. Also the peak heap during the task (and the heap in use before it, which holds the in-memory
 * bucket), the same task again with its inputs held by the engine ({@code transforms.input-cache-mb}: no download,
 * no load), the time a session takes to load the inputs alone (the type scan and the tables, part of the task), and
 * the ratio to reading the same input files once with the engine alone ({@code select count(*) from read_csv(...)}
 * with the columns declared, as the task reads them) in the same run; and DuckDB's own memory after the tasks
 * ({@code duckdb_memory()}: the inputs it holds, outside the heap).
 */
public final class TransformsBench {
    private TransformsBench() {
    }

    static final String BUCKET = "transforms-bench";

    public static void main(String[] args) throws Exception {
        int big = Integer.getInteger("bench.scale", 100);
        int runs = Integer.getInteger("bench.runs", 5);
        // the big inputs take seconds per task on a loaded machine: their own number of runs
        int bigRuns = Integer.getInteger("bench.big-runs", runs);
        boolean allTypes = "all".equals(System.getProperty("bench.types"));
        // bench.functions=a,b measures only those (all of Functions.ALL when unset)
        List<String> only = System.getProperty("bench.functions", "").isBlank() ? List.of()
                : List.of(System.getProperty("bench.functions").split(","));
        InMemoryS3 s3 = new InMemoryS3();
        try (PipelineHarness app = PipelineHarness.pipeline("transforms")
                .properties(Map.of("transforms.bucket", BUCKET, "transforms.activity", "arn:aws:states:us-east-1:000000000000:activity:bench",
                        "transforms.queue.tasks", "bench-tasks", "transforms.queue.dead-letter", "bench-dead-letters"))
                .bean("s3Client", s3)
                .replaceFrom("transforms-activity", "direct:transforms-bench-activity")
                .replaceFrom("transforms-queue", "direct:transforms-bench-queue")
                .start()) {
            ProducerTemplate template = app.template();
            TransformEngine engine = app.bean("transformEngine", TransformEngine.class);
            System.out.printf("%-34s %-24s %5s %9s %9s %9s %9s %9s %7s %8s %8s %9s%n", "function", "type", "scale", "rows", "task ms", "held ms", "load ms", "count ms", "ratio",
                    "peak MB", "base MB", "engine MB");
            for (int scale : new int[]{1, big}) {
                Path dir = Files.createTempDirectory("transforms-bench-");
                OsloData oslo = new OsloData(scale);
                Map<String, Path> files = new LinkedHashMap<>();
                for (TransformFunction function : Functions.ALL) {
                    for (String dataset : function.inputs().values()) {
                        if (!files.containsKey(dataset)) {
                            Path file = oslo.dataset(dataset, dir.resolve(dataset));
                            files.put(dataset, file);
                            s3.store(BUCKET, prefix(scale, dataset) + dataset + ".csv", Files.readAllBytes(file), Map.of());
                        }
                    }
                }
                for (TransformFunction function : Functions.ALL) {
                    if (!only.isEmpty() && !only.contains(function.name())) {
                        continue;
                    }
                    List<String> types = function.types().isEmpty() ? List.of("status") : new ArrayList<>(function.types());
                    for (String type : allTypes ? types : types.subList(0, 1)) {
                        measure(template, engine, s3, function, type, scale, files, scale == 1 ? runs : bigRuns);
                    }
                }
            }
        }
    }

    static void measure(ProducerTemplate template, TransformEngine engine, InMemoryS3 s3, TransformFunction function, String type,
                        int scale, Map<String, Path> files, int runs) throws Exception {
        Map<String, String> prefixes = new LinkedHashMap<>();
        function.inputs().values().forEach(d -> prefixes.put(d, prefix(scale, d)));
        String event = TaskEvents.event(function.name(), type, "bench-" + function.name(), prefixes);
        long rows = 0;
        List<Long> task = new ArrayList<>();
        List<Long> count = new ArrayList<>();
        List<Long> load = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        long native_ = 0;
        long peak = 0;
        long base = 0;
        // the floor reads each file with its columns declared, as the task does, without the task's own type scan
        Map<String, String> reads = new LinkedHashMap<>();
        for (String dataset : function.inputs().values()) {
            reads.put(dataset, TransformEngine.readCsv(files.get(dataset), TransformEngine.schemaOf(files.get(dataset), dataset)));
        }
        for (int i = 0; i <= runs; i++) {
            long t0 = System.nanoTime();
            try (TransformEngine.Session session = engine.session()) {
                rows = 0;
                for (String dataset : function.inputs().values()) {
                    rows += ((Number) session.query("count", "select count(*) as n from " + reads.get(dataset)).rows().get(0)[0]).longValue();
                }
            }
            long t1 = System.nanoTime();
            try (TransformEngine.Session session = engine.session()) {
                function.inputs().forEach((table, dataset) -> session.load(table, dataset, files.get(dataset)));
            }
            long loaded = System.nanoTime() - t1;
            System.gc();
            long before = usedHeap();
            resetPeaks();
            // a first read of every input (the engine holds none), then the same task again (it holds them all)
            engine.forgetInputs();
            long t2 = System.nanoTime();
            String answer = template.requestBody("direct:transforms-task", event, String.class);
            long t3 = System.nanoTime();
            String again = template.requestBody("direct:transforms-task", event, String.class);
            long t4 = System.nanoTime();
            try (TransformEngine.Session session = engine.session()) {
                native_ = Math.max(native_, ((Number) session.query("memory", "select sum(memory_usage_bytes) as m from duckdb_memory()").rows().get(0)[0]).longValue());
            }
            if (!answer.contains("\"OK\"") || !again.equals(answer)) {
                throw new IllegalStateException(function.name() + " " + type + " answered " + answer + ", then " + again);
            }
            if (i > 0) {
                count.add(t1 - t0);
                load.add(loaded);
                task.add(t3 - t2);
                held.add(t4 - t3);
                peak = Math.max(peak, peakHeap());
                base = Math.max(base, before);
            }
            // the in-memory bucket keeps no outputs between tasks
            s3.objects.keySet().removeIf(k -> k.startsWith(BUCKET + "/intermediate/"));
            s3.puts.clear();
        }
        double taskMs = median(task) / 1e6;
        double countMs = median(count) / 1e6;
        System.out.printf("%-34s %-24s %5d %9d %9.1f %9.1f %9.1f %9.1f %7.2f %8.1f %8.1f %9.1f%n", function.name(), type, scale, rows, taskMs,
                median(held) / 1e6, median(load) / 1e6, countMs, taskMs / countMs, peak / 1048576.0, base / 1048576.0, native_ / 1048576.0);
    }

    static String prefix(int scale, String dataset) {
        return "processed/bench/x" + scale + "/" + dataset + "/";
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
