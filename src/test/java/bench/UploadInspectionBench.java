package bench;

import routes.uploads.CsvInspector;
import routes.uploads.FileCheck;
import routes.uploads.FileInspector;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Inspection speed and memory: generates Xpress DC exports (38 columns, comma-separated, LF) of 15 MB and just under
 * 150 MB, inspects each with the upload checks, and compares with {@code wc -l} on the same file in the same run.
 * Every tool runs once to warm up (JIT, page cache), then {@value #RUNS} times interleaved; medians are reported.
 * Reports MB/s, the ratio to {@code wc -l}, and the peak heap used during the inspection (flat = independent of size).
 * Run: {@code bench/uploads.sh} (uses -Xmx64m so a heap that grew with the file would fail outright).
 */
public final class UploadInspectionBench {
    private static final String HEADER = "ElectionDate,Contested,Property_URN,AddressLine1,AddressLine2,AddressLine3,"
            + "AddressLine4,AddressLine5,Addressline6,Post_Code,Polling_Place_Id,Polling_Place_Name,Polling_Place_Address_1,"
            + "Polling_Place_Address_2,Polling_Place_Address_3,Polling_Place_Address_4,Polling_Place_Postcode,"
            + "Polling_Place_Easting,Polling_Place_Northing,Polling_Place_UPRNProperty_URN,AddressLine11,AddressLine21,"
            + "AddressLine31,AddressLine41,AddressLine51,Addressline61,Post_Code1,Polling_Place_District_Reference,"
            + "Polling_Place_Id1,Polling_Place_Name1,Polling_Place_Address_11,Polling_Place_Address_21,"
            + "Polling_Place_Address_31,Polling_Place_Address_41,Polling_Place_Postcode1,Polling_Place_Easting1,"
            + "Polling_Place_Northing1,Polling_Place_UPRN";

    /** Timed runs of each tool per file; the median is reported. */
    private static final int RUNS = 5;

    private UploadInspectionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("uploads-bench-");
        try {
            FileInspector inspector = new FileInspector(1024, 150_000_000, "IOS");
            System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s %10s %9s %12s %9s %14s%n",
                    "file", "rows", "inspect s", "MB/s", "wc -l s", "ratio", "java-nl s", "ratio", "peak heap MB");
            for (long target : List.of(15_000_000L, 149_900_000L)) {
                Path file = dir.resolve("xpress-" + target + ".csv");
                long rows = generate(file, target);
                long size = Files.size(file);
                inspect(inspector, file, size); // warm-up (JIT, page cache)
                wcSeconds(file);
                countNewlines(file);
                double[] inspections = new double[RUNS];
                double[] wcs = new double[RUNS];
                double[] javaNewlines = new double[RUNS];
                long peak = 0;
                for (int run = 0; run < RUNS; run++) { // interleaved, so a noisy moment hits every tool alike
                    wcs[run] = wcSeconds(file);
                    javaNewlines[run] = javaNewlineCountSeconds(file);
                    resetPeaks();
                    long start = System.nanoTime();
                    FileCheck check = inspect(inspector, file, size);
                    inspections[run] = (System.nanoTime() - start) / 1e9;
                    peak = Math.max(peak, peakHeapBytes());
                    if (!check.csvValid() || check.csvRows() != rows) {
                        throw new IllegalStateException("Unexpected result: " + check);
                    }
                }
                double seconds = median(inspections);
                double wc = median(wcs);
                double newlines = median(javaNewlines);
                double mb = size / 1e6;
                System.out.printf(Locale.ROOT, "%-10s %10d %10.3f %10.1f %10.3f %9.2f %12.3f %9.2f %14.1f%n",
                        String.format(Locale.ROOT, "%.0f MB", mb), rows, seconds, mb / seconds, wc, wc / seconds,
                        newlines, newlines / seconds, peak / 1e6);
                Files.delete(file);
            }
            System.out.println("median of " + RUNS + " warm runs each (page cache warm); ratio = reference time / inspection time (1.0 = as fast as the reference): wc -l, and a plain Java"
                    + " loop counting newlines (this JVM's floor); peak heap = max used heap during the inspection");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static FileCheck inspect(FileInspector inspector, Path file, long size) {
        return inspector.inspect("X01000000", "X01000000/2026-05-07/2026-04-01T10:00:00/" + file.getFileName(), size,
                CsvInspector.ByteSource.of(file));
    }

    /** Writes an Xpress DC export of about {@code bytes}; returns its record count (header included). */
    public static long generate(Path file, long bytes) throws IOException {
        long rows = 1;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(HEADER);
            out.write('\n');
            written += HEADER.length() + 1;
            StringBuilder line = new StringBuilder(400);
            while (true) {
                line.setLength(0);
                long n = rows;
                line.append("07/05/2026,Yes,").append(100021243000L + n).append(',').append(n % 200).append(" Buckingham Gardens,")
                        .append("Edgware,,,,HA8 6NB,HA8 6NB,").append(2000 + n % 300).append(",\"Flash Musicals, Youth Theatre\",")
                        .append("Methuen Road,Edgware,,,HA8 6EZ,519186,191920,,").append(n % 200).append(" Buckingham Gardens,")
                        .append("Edgware,,,,HA8 6NB,HA8 6NB,EAA,").append(2000 + n % 300).append(",Flash Musicals Youth Theatre,")
                        .append("Methuen Road,Edgware,,,HA8 6EZ,519186,191920,10009").append(n % 1000).append('\n');
                if (written + line.length() > bytes) {
                    break;
                }
                out.append(line);
                written += line.length();
                rows++;
            }
        }
        return rows;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The simplest Java pass over the file (count LF bytes; warmed up by the caller): what this JVM allows. */
    static double javaNewlineCountSeconds(Path file) throws IOException {
        long start = System.nanoTime();
        countNewlines(file);
        return (System.nanoTime() - start) / 1e9;
    }

    private static long countNewlines(Path file) throws IOException {
        long n = 0;
        byte[] buffer = new byte[256 * 1024];
        try (var in = Files.newInputStream(file)) {
            int k;
            while ((k = in.read(buffer)) > 0) {
                for (int i = 0; i < k; i++) {
                    if (buffer[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    public static double wcSeconds(Path file) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process wc = new ProcessBuilder("wc", "-l", file.toString()).redirectErrorStream(true).start();
        wc.getInputStream().readAllBytes();
        if (wc.waitFor() != 0) {
            throw new IllegalStateException("wc -l failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
