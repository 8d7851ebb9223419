package bench;

import org.apache.camel.CamelContext;
import routes.email.CsvCleaner;
import routes.email.IncomingFile;
import routes.email.SafeUnzipper;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One email with a ~200 MB zip attachment (a generated half-hourly meter CSV inside):
 * <ol>
 *   <li>{@code unzip -p archive.zip > /dev/null}: the reference, in the same run;</li>
 *   <li>the unzip+clean path on the same archive ({@link SafeUnzipper} then {@link CsvCleaner});</li>
 *   <li>the whole email through the route (email-intake.yaml): spool, MIME base64 decode, route, unzip, clean, write
 *       (S3 stubbed by a file-backed inbox and a discarding writer).</li>
 * </ol>
 * Reports MB/s (of the archive and of the uncompressed CSV), the ratio to unzip, and the peak heap used (sampled
 * every 5 ms). Run with {@code bench/email.sh}; {@code -Dbench.zipMb=200} sets the archive size.
 */
public final class EmailUnzipBench {

    public static void main(String[] args) throws Exception {
        long zipTarget = Long.getLong("bench.zipMb", 200) * 1024 * 1024;
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-email"));
        Files.createDirectories(dir);
        Path zip = dir.resolve("meter-readings.zip");
        Path email = dir.resolve("email-with-zip.eml");
        long csvBytes = prepare(zip, email, zipTarget);
        double zipMb = Files.size(zip) / 1e6;
        double csvMb = csvBytes / 1e6;
        System.out.printf(Locale.ROOT, "archive: %.1f MB zip holding %.1f MB of CSV; email %.1f MB (base64)%n", zipMb, csvMb, Files.size(email) / 1e6);

        // warm-up on a slice, so JIT time does not count
        runUnzipClean(zip, dir, true);

        // the machine is shared: best of three for the reference and for our path
        double unzipSeconds = Math.min(unzipReference(zip), Math.min(unzipReference(zip), unzipReference(zip)));
        System.out.printf(Locale.ROOT, "unzip -p > /dev/null:        %6.2f s  %7.1f MB/s zip  %7.1f MB/s csv%n", unzipSeconds, zipMb / unzipSeconds, csvMb / unzipSeconds);

        HeapSampler sampler = HeapSampler.start();
        double pathSeconds = Math.min(runUnzipClean(zip, dir, false), Math.min(runUnzipClean(zip, dir, false), runUnzipClean(zip, dir, false)));
        long pathPeak = sampler.stop();
        System.out.printf(Locale.ROOT, "SafeUnzipper + CsvCleaner:   %6.2f s (best of 3)  %7.1f MB/s zip  %7.1f MB/s csv  peak heap %d MB  ratio to unzip %.0f %%%n",
                pathSeconds, zipMb / pathSeconds, csvMb / pathSeconds, pathPeak >> 20, 100 * unzipSeconds / pathSeconds);

        sampler = HeapSampler.start();
        RouteResult route = runRoute(email);
        RouteResult again = runRoute(email);
        route = again.seconds < route.seconds ? again : route;
        long routePeak = sampler.stop();
        System.out.printf(Locale.ROOT, "whole email through route:   %6.2f s  %7.1f MB/s zip  %7.1f MB/s csv  peak heap %d MB  ratio to unzip %.0f %%  (%d bytes written to the data bucket)%n",
                route.seconds, zipMb / route.seconds, csvMb / route.seconds, routePeak >> 20, 100 * unzipSeconds / route.seconds, route.written);
        System.out.printf(Locale.ROOT, "max heap (-Xmx): %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
    }

    // ---------------------------------------------------------------- measured paths

    static double unzipReference(Path zip) throws Exception {
        long start = System.nanoTime();
        Process unzip = new ProcessBuilder("unzip", "-p", zip.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (unzip.waitFor() != 0) {
            throw new IllegalStateException("unzip failed with " + unzip.exitValue());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static double runUnzipClean(Path zip, Path dir, boolean warmUp) throws Exception {
        Path work = Files.createTempDirectory(dir, "work-");
        Path copy = work.resolve("a.zip");
        Files.createLink(copy, zip.toAbsolutePath());
        SafeUnzipper unzipper = new SafeUnzipper(Long.MAX_VALUE, Long.MAX_VALUE, 200, 2);
        CsvCleaner cleaner = new CsvCleaner();
        long start = System.nanoTime();
        try {
            if (warmUp) {
                try (InputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(copy))) {
                    ((java.util.zip.ZipInputStream) in).getNextEntry();
                    cleaner.clean(new BoundedInputStream(in, 64L << 20), OutputStream.nullOutputStream());
                }
                return 0;
            }
            List<IncomingFile> entries = unzipper.expand(new IncomingFile("bench", "a.zip", "sheffield/20250323-101112/a.zip", copy, null, 0),
                    new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext()));
            long unzipped = System.nanoTime();
            for (IncomingFile entry : entries) {
                Path cleaned = cleaner.clean(entry.file());
                Files.delete(cleaned);
                Files.delete(entry.file());
            }
            long end = System.nanoTime();
            System.out.printf(Locale.ROOT, "  (unzip to temp file %.2f s, clean %.2f s)%n", (unzipped - start) / 1e9, (end - unzipped) / 1e9);
            return (end - start) / 1e9;
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record RouteResult(double seconds, long written) {
    }

    /**
     * The email pipeline as production wires it, reading the bench email from {@code s3} (buckets {@code inbox},
     * {@code data}, {@code unprocessable}), fed from {@code direct:events}, no retries, SQS a recording stub.
     */
    static harness.PipelineHarness emailPipeline(FileS3 s3, java.util.Map<String, String> properties) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(java.util.Map.of("email.bucket.inbox", "inbox",
                "email.bucket.data", "data", "email.bucket.unprocessable", "unprocessable", "errors.maximum-redeliveries", "0"));
        all.putAll(properties);
        return harness.PipelineHarness.pipeline("email").properties(all).bean("s3Client", s3)
                .bean("sqsClient", new routes.shared.RecordingSqsClient()).replaceFrom("email-intake", "direct:events").start();
    }

    static RouteResult runRoute(Path email) throws Exception {
        FileS3 s3 = new FileS3(email);
        String unlimited = Long.toString(Long.MAX_VALUE);
        harness.PipelineHarness pipeline = emailPipeline(s3, java.util.Map.of(
                "email.max-email-bytes", unlimited, "email.max-attachment-bytes", unlimited,
                "email.unzip.max-entry-bytes", unlimited, "email.unzip.max-total-bytes", unlimited, "email.unzip.max-ratio", "200"));
        CamelContext context = pipeline.context();
        try {
            String event = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"2025-03-23T10:11:12.000Z\","
                    + "\"s3\":{\"bucket\":{\"name\":\"inbox\"},\"object\":{\"key\":\"bench-email\",\"size\":1}}}]}";
            long start = System.nanoTime();
            context.createProducerTemplate().sendBody("direct:events", event);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (s3.dataWritten.get() == 0) {
                throw new IllegalStateException("nothing reached the data bucket: " + s3.lastPut);
            }
            return new RouteResult(seconds, s3.dataWritten.get());
        } finally {
            pipeline.close();
        }
    }

    // ---------------------------------------------------------------- fixture

    /** Writes the zip (a meter CSV, compressed to about {@code zipTarget} bytes) and the email carrying it; reused when present. */
    static long prepare(Path zip, Path email, long zipTarget) throws IOException {
        Path sizeFile = zip.resolveSibling(zip.getFileName() + ".csv-bytes");
        if (Files.exists(zip) && Files.exists(email) && Files.exists(sizeFile) && Math.abs(Files.size(zip) - zipTarget) < zipTarget / 10) {
            return Long.parseLong(Files.readString(sizeFile).trim());
        }
        System.out.println("generating the archive and the email (once; kept in " + zip.getParent() + ") ...");
        long csvBytes = 0;
        Random random = new Random(42);
        try (CountingOutputStream counted = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(zip), 1 << 20));
             ZipOutputStream out = new ZipOutputStream(counted)) {
            out.putNextEntry(new ZipEntry("4003063_9232_Export_20250323_101112_000.csv"));
            byte[] header = ("siteRef,MPAN,ConsumptionDate," + String.join(",", java.util.stream.IntStream.rangeClosed(1, 48).mapToObj(i -> "kWh_" + i).toList()) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            csvBytes += header.length;
            StringBuilder row = new StringBuilder(512);
            long day = 0;
            while (counted.count < zipTarget) {
                for (int school = 0; school < 1000; school++) {
                    row.setLength(0);
                    row.append("School ").append(school).append(',').append(2380000000000L + school).append(',')
                            .append(String.format(Locale.ROOT, "%02d/%02d/%04d", 1 + day % 28, 1 + (day / 28) % 12, 2000 + day / 336));
                    for (int h = 0; h < 48; h++) {
                        row.append(',').append(random.nextInt(100)).append('.').append(random.nextInt(1000));
                    }
                    row.append("\r\n");
                    byte[] bytes = row.toString().getBytes(StandardCharsets.US_ASCII);
                    out.write(bytes);
                    csvBytes += bytes.length;
                }
                day++;
            }
            out.closeEntry();
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(email), 1 << 20)) {
            String boundary = "bench-boundary-1";
            out.write(("From: supplier@example.com\r\nTo: sheffield@datafeeds.example.org\r\nSubject: big export\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                    + "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nThe export is attached.\r\n"
                    + "--" + boundary + "\r\nContent-Type: application/zip; name=\"export.zip\"\r\n"
                    + "Content-Disposition: attachment; filename=\"export.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try (OutputStream base64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).wrap(new NonClosing(out));
                 InputStream in = Files.newInputStream(zip)) {
                in.transferTo(base64);
            }
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(sizeFile, Long.toString(csvBytes));
        return csvBytes;
    }

    // ---------------------------------------------------------------- helpers

    static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }

    static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** S3 for the bench: the inbox object is the email file, puts are read and discarded (counted). */
    static final class FileS3 implements S3Client {
        private final Path email;
        final AtomicLong dataWritten = new AtomicLong();
        volatile String lastPut;

        FileS3(Path email) {
            this.email = email;
        }

        @Override
        public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
            try {
                GetObjectResponse response = GetObjectResponse.builder().contentLength(Files.size(email)).build();
                return transformer.transform(response, AbortableInputStream.create(Files.newInputStream(email)));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            throw NoSuchKeyException.builder().statusCode(404).message("none").build();
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            lastPut = request.bucket() + "/" + request.key() + " " + request.metadata();
            try (InputStream in = body.contentStreamProvider().newStream()) {
                long n = in.transferTo(OutputStream.nullOutputStream());
                if (request.bucket().equals("data")) {
                    dataWritten.addAndGet(n);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            return PutObjectResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}
