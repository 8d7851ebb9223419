package routes.uploads;

import bench.UploadInspectionBench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether the speed-only readers pay at the sizes councils upload (typically 1–30 MB, 150 MB the cap): the CSV check
 * of generated Xpress exports through a memory mapping ({@link MappedFileInput}) or plain reads, in parallel segments
 * ({@link CsvSegments}) or one thread. Interleaved runs, medians; {@code wc -l} of the same file is the floor.
 * Run: {@code bench/uploads.sh --readers}.
 */
public final class UploadReadersBench {
    private static final int RUNS = 7;

    private UploadReadersBench() {
    }

    /** Plain {@code read} calls, no mapping. */
    static CsvInspector.ByteSource plain(Path file) {
        return new CsvInspector.ByteSource() {
            @Override
            public InputStream open() throws java.io.IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("uploads-readers-");
        CsvInspector parallel = new CsvInspector();
        CsvInspector oneThread = new CsvInspector(1, CsvInspector.MIN_SEGMENT_BYTES);
        System.out.printf(Locale.ROOT, "%-8s %9s %13s %13s %13s %13s%n", "file", "wc -l ms",
                "map+segm ms", "map+1thr ms", "read+segm ms", "read+1thr ms");
        try {
            for (long target : List.of(1_000_000L, 5_000_000L, 15_000_000L, 30_000_000L, 149_900_000L)) {
                Path file = dir.resolve("xpress-" + target + ".csv");
                long rows = UploadInspectionBench.generate(file, target);
                double[][] times = new double[5][RUNS];
                for (int run = -2; run < RUNS; run++) { // two warm-up rounds (JIT, page cache)
                    double wc = UploadInspectionBench.wcSeconds(file);
                    double a = time(parallel, CsvInspector.ByteSource.of(file), rows);
                    double b = time(oneThread, CsvInspector.ByteSource.of(file), rows);
                    double c = time(parallel, plain(file), rows);
                    double d = time(oneThread, plain(file), rows);
                    if (run >= 0) {
                        times[0][run] = wc;
                        times[1][run] = a;
                        times[2][run] = b;
                        times[3][run] = c;
                        times[4][run] = d;
                    }
                }
                System.out.printf(Locale.ROOT, "%-8s %9.1f %13.1f %13.1f %13.1f %13.1f%n",
                        String.format(Locale.ROOT, "%.0f MB", Files.size(file) / 1e6), median(times[0]) * 1e3,
                        median(times[1]) * 1e3, median(times[2]) * 1e3, median(times[3]) * 1e3, median(times[4]) * 1e3);
                Files.delete(file);
            }
            System.out.println("median of " + RUNS + " interleaved warm runs; segments = up to "
                    + Math.min(4, Runtime.getRuntime().availableProcessors()) + " threads from 16 MB on");
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static double time(CsvInspector inspector, CsvInspector.ByteSource source, long rows) {
        long start = System.nanoTime();
        FileCheck check = inspector.inspect(source, "X01000000/2026-05-07/2026-04-01T10:00:00/data.csv");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!check.csvValid() || check.csvRows() != rows) {
            throw new IllegalStateException("Unexpected result: " + check);
        }
        return seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
