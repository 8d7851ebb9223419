package bench;

import org.apache.camel.CamelContext;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 9.6: memory must stay flat in the number of attachments. Emails with 250, 1000 and 4000 small CSV
 * attachments (about 700 bytes each) go through the whole route (S3 stubbed: the inbox object is the email file,
 * puts are discarded) with {@code email.max-files} raised to 5000, then one with 5000 attachments under the default
 * limit of 1000 (refused before any is decoded). A sampler forces a GC every 250 ms and keeps the largest heap still
 * in use: what the route holds, not garbage. Run with {@code bench/email.sh --attachments}.
 */
public final class EmailAttachmentsBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-email"));
        Files.createDirectories(dir);
        run(dir, 50, "5000"); // warm-up
        // arguments <attachments>:<email.max-files> run only those, e.g. 5000:1000
        List<String> runs = args.length > 0 ? List.of(args) : List.of("250:5000", "1000:5000", "4000:5000", "5000:1000");
        for (String run : runs) {
            String[] parts = run.split(":");
            run(dir, Integer.parseInt(parts[0]), parts[1]);
        }
    }

    static long run(Path dir, int attachments, String maxFiles) throws Exception {
        Path email = email(dir.resolve("attachments-" + attachments + ".eml"), attachments);
        EmailUnzipBench.FileS3 s3 = new EmailUnzipBench.FileS3(email);
        harness.PipelineHarness pipeline = EmailUnzipBench.emailPipeline(s3, Map.of("email.max-email-bytes", "100000000",
                "email.max-files", maxFiles));
        CamelContext context = pipeline.context();
        HeapSampler sampler = HeapSampler.retained();
        long start = System.nanoTime();
        try {
            context.createProducerTemplate().sendBody("direct:events", "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\","
                    + "\"eventTime\":\"2025-03-23T10:11:12.000Z\",\"s3\":{\"bucket\":{\"name\":\"inbox\"},\"object\":{\"key\":\"bench\",\"size\":1}}}]}");
        } finally {
            pipeline.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long retained = sampler.stop() - sampler.before;
        System.out.printf(Locale.ROOT, "%5d attachments (email %5.1f MB, email.max-files %s): %6.2f s, %8d bytes to data,"
                        + " largest heap in use after a GC during the run: %5.1f MB above the start (%.1f kB per attachment)%n",
                attachments, Files.size(email) / 1e6, maxFiles, seconds, s3.dataWritten.get(), retained / 1e6,
                retained / 1e3 / attachments);
        return retained;
    }

    static Path email(Path file, int attachments) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("From: supplier@example.com\r\nTo: sheffield@datafeeds.example\r\nSubject: many\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nFiles.\r\n");
            for (int a = 0; a < attachments; a++) {
                String csv = "siteRef,MPAN,ConsumptionDate,kWh_1\r\nSchool " + a + "," + (2380000000000L + a) + ",06/11/2018,3.62\r\n";
                out.write("--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=\"export-" + a + ".csv\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(csv.repeat(8).getBytes(StandardCharsets.US_ASCII)) + "\r\n");
            }
            out.write("--b--\r\n");
        }
        return file;
    }

    private EmailAttachmentsBench() {
    }
}
