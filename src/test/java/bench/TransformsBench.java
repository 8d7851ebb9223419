package bench;

import routes.transforms.OsloData;
import routes.transforms.TransformEngine;
import routes.transforms.TransformRunner;
import routes.transforms.functions.Functions;
import routes.transforms.TransformCatalogue;
import routes.transforms.TransformFunction;

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
 * Each registered transform on the synthetic Oslo inputs (×1 and ×bench.scale rows), warm: the time of one task from
 * its inputs on local disk to its output files in memory (CSV load into the engine, the function's SQL, the
 * templates; no S3), the peak heap during it, and the ratio to reading the same inputs once with the engine alone
 * ({@code select count(*) from read_csv(...)}) in the same run.
 */
public final class TransformsBench {
    private TransformsBench() {
    }

    record Case(String function, String type) {
    }

    static final List<Case> CASES = List.of(new Case("boligpriser", "status"), new Case("husholdning_med_barn", "alle_historisk"),
            new Case("folkemengde", "nokkeltall"), new Case("alder-distribusjon-status", "status"),
            new Case("befolkningsutvkl-forv-utvkl", "historisk"));

    public static void main(String[] args) throws Exception {
        int big = Integer.getInteger("bench.scale", 100);
        int runs = Integer.getInteger("bench.runs", 5);
        TransformEngine engine = new TransformEngine();
        engine.start();
        TransformRunner runner = new TransformRunner();
        runner.setEngine(engine);
        TransformCatalogue catalogue = new TransformCatalogue(Functions.ALL);
        System.out.printf("%-28s %-15s %5s %9s %10s %10s %7s %9s%n", "function", "type", "scale", "rows", "task ms", "count ms", "ratio", "heap MB");
        for (int scale : new int[]{1, big}) {
            Path dir = Files.createTempDirectory("transforms-bench-");
            Map<String, Path> inputs = inputs(new OsloData(scale), dir);
            for (Case c : CASES) {
                TransformFunction function = catalogue.get(c.function());
                Map<String, Path> files = new LinkedHashMap<>();
                function.inputs().values().forEach(d -> files.put(d, inputs.get(d)));
                long rows = 0;
                List<Long> task = new ArrayList<>();
                List<Long> count = new ArrayList<>();
                long peak = 0;
                for (int i = 0; i <= runs; i++) {
                    long t0 = System.nanoTime();
                    try (TransformEngine.Session s = engine.session()) {
                        rows = 0;
                        for (Path p : files.values()) {
                            rows += ((Number) s.query("count", "select count(*) as n from read_csv('" + p + "', delim = ';', header = true)").rows().get(0)[0]).longValue();
                        }
                    }
                    long t1 = System.nanoTime();
                    resetPeaks();
                    runner.runFiles(function, c.type(), files, "bench");
                    long t2 = System.nanoTime();
                    if (i > 0) {
                        count.add(t1 - t0);
                        task.add(t2 - t1);
                        peak = Math.max(peak, peakHeap());
                    }
                }
                double taskMs = median(task) / 1e6;
                double countMs = median(count) / 1e6;
                System.out.printf("%-28s %-15s %5d %9d %10.1f %10.1f %7.2f %9.1f%n", c.function(), c.type(), scale, rows, taskMs, countMs,
                        taskMs / countMs, peak / 1048576.0);
            }
        }
        engine.close();
    }

    static Map<String, Path> inputs(OsloData oslo, Path dir) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("boligpriser-blokkleiligheter", oslo.boligpriser(dir));
        inputs.put("husholdninger-med-barn", oslo.husholdningerMedBarn(dir));
        inputs.put("befolkning-etter-kjonn-og-alder", oslo.befolkning(dir));
        inputs.put("dode", oslo.counts(dir, "dode", "antall_dode", 1));
        inputs.put("fodte", oslo.counts(dir, "fodte", "antall_fodte", 2));
        inputs.put("flytting-til-etter-alder", oslo.migration(dir, true));
        inputs.put("flytting-fra-etter-alder", oslo.migration(dir, false));
        inputs.put("befolkningsframskrivninger", oslo.projections(dir));
        return inputs;
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

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
