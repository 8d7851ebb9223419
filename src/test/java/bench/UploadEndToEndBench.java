package bench;

import local.LocalAws;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One whole upload end to end through the local AWS (local profile, dry-run GitHub/webhook): put an Xpress export in
 * the uploads bucket, and time until its report.json is in the final bucket (notification, listing, download to a
 * spool file, inspection, decision lock, copy, report). Run: {@code bench/uploads.sh --end-to-end}.
 */
public final class UploadEndToEndBench {
    private UploadEndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("uploads-e2e-");
        try (LocalAws aws = LocalAws.start(new LocalAws.Settings(dir.resolve("aws"), LocalAws.Ports.random(), false, List.of()));
             LocalAws.RunningApplication app = aws.startApplication(Map.of("pipelines.enabled", "uploads"))) {
            String temp = aws.properties().apply("uploads.bucket.temp");
            String fin = aws.properties().apply("uploads.bucket.final");
            System.out.printf(Locale.ROOT, "%-10s %12s %14s%n", "file", "upload s", "end to end s");
            int n = 0;
            for (long size : List.of(1_000_000L, 149_900_000L)) {
                Path file = dir.resolve("xpress-" + size + ".csv");
                UploadInspectionBench.generate(file, size);
                String folder = "X01000000/2026-05-07/2026-04-01T10:00:00.00000" + (++n);
                long start = System.nanoTime();
                aws.s3().putObject(b -> b.bucket(temp).key(folder + "/data.csv").contentType("text/csv"), RequestBody.fromFile(file));
                double uploaded = (System.nanoTime() - start) / 1e9;
                await("report.json").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> exists(aws, fin, folder + "/report.json"));
                double total = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%-10s %12.2f %14.2f%n", String.format(Locale.ROOT, "%.0f MB", size / 1e6), uploaded, total);
                Files.delete(file);
            }
            System.out.println("end to end = from the start of the PutObject to report.json in the final bucket"
                    + " (includes the local notifier's 500 ms polling)");
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean exists(LocalAws aws, String bucket, String key) {
        try {
            aws.s3().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
