package bench;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import routes.email.MultipartAccess;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;

/**
 * Issue 15.7: does {@code MultipartReader} pay for itself at realistic sizes? SES accepts at most 40 MB per email.
 * Two spooled emails of ~40 MB (one ~29 MB base64 attachment; 200 attachments of ~145 KB), each read three ways in
 * the same run, median of 7 warm runs:
 * <ol>
 *   <li>the floor: the spooled file read once in 1 MB blocks;</li>
 *   <li>the mail library ({@code MimeMultipart} over the same {@link SharedFileInputStream}, the session settings of
 *       {@code EmailReader});</li>
 *   <li>{@code MultipartReader}: the same parts.</li>
 * </ol>
 * Finding the parts is timed alone, then with each part's raw content read to the end (not decoded: the same
 * {@code Base64Stream} decodes either way). Run: {@code bench/multipart.sh}.
 */
public final class MultipartReaderBench {
    private static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-multipart"));
        Files.createDirectories(dir);
        long target = Long.getLong("bench.emailMb", 40) * 1_000_000;
        Path one = email(dir.resolve("one-attachment.eml"), target, 1);
        Path many = email(dir.resolve("200-attachments.eml"), target, 200);
        Session session = Session.getInstance(properties());
        for (Path email : List.of(one, many)) {
            double mb = Files.size(email) / 1e6;
            long floor = median(() -> readFile(email));
            long library = median(() -> parts(email, session, true, false));
            long reader = median(() -> parts(email, session, false, false));
            long libraryRead = median(() -> parts(email, session, true, true));
            long readerRead = median(() -> parts(email, session, false, true));
            System.out.printf(Locale.ROOT, "%s (%.1f MB): read file %5.1f ms%n", email.getFileName(), mb, floor / 1e6);
            System.out.printf(Locale.ROOT, "  find the parts:          mail library %6.1f ms (%4.1f x floor) | MultipartReader %6.1f ms (%4.1f x floor) | saved %6.1f ms%n",
                    library / 1e6, (double) library / floor, reader / 1e6, (double) reader / floor, (library - reader) / 1e6);
            System.out.printf(Locale.ROOT, "  and read their content:  mail library %6.1f ms (%4.1f x floor) | MultipartReader %6.1f ms (%4.1f x floor) | saved %6.1f ms%n",
                    libraryRead / 1e6, (double) libraryRead / floor, readerRead / 1e6, (double) readerRead / floor, (libraryRead - readerRead) / 1e6);
        }
    }

    static Properties properties() {
        Properties p = new Properties();
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.decodeparameters", "true");
        p.setProperty("mail.mime.decodefilename", "true");
        return p;
    }

    interface Timed {
        long run() throws Exception;
    }

    /** Median nanoseconds of {@value #RUNS} runs after two warm-up runs; each run's result is checked to be the same. */
    static long median(Timed timed) throws Exception {
        long expected = timed.run();
        timed.run();
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            long result = timed.run();
            times[i] = System.nanoTime() - start;
            if (result != expected) {
                throw new IllegalStateException("runs disagree: " + result + " vs " + expected);
            }
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    static long readFile(Path email) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        try (InputStream in = Files.newInputStream(email)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        }
        return total;
    }

    /** The raw content bytes of all parts (times 1000, plus the number of parts): must be the same for both readers. */
    static long parts(Path email, Session session, boolean library, boolean read) throws Exception {
        try (SharedFileInputStream in = new SharedFileInputStream(email.toFile())) {
            MimeMessage message = new MimeMessage(session, in);
            List<BodyPart> parts = new ArrayList<>();
            if (library) {
                Multipart multipart = (Multipart) message.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    parts.add(multipart.getBodyPart(i));
                }
            } else {
                parts.addAll(MultipartAccess.bodyParts(message));
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (BodyPart part : parts) {
                if (!read) {
                    continue;
                }
                try (InputStream raw = ((MimeBodyPart) part).getRawInputStream()) {
                    int n;
                    while ((n = raw.read(buffer)) > 0) {
                        total += n;
                    }
                }
            }
            return total * 1000 + parts.size();
        }
    }

    /** A multipart/mixed email of about {@code bytes}: a text part and {@code attachments} base64 CSV attachments. */
    static Path email(Path file, long bytes, int attachments) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        long perAttachment = (bytes * 3 / 4) / attachments;
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("From: supplier@example.com\r\nTo: sheffield@datafeeds.example\r\nSubject: export\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"----=_Part_0_123456789.1700000000000\"\r\n\r\n"
                    + "------=_Part_0_123456789.1700000000000\r\nContent-Type: text/plain\r\n\r\nPlease find attached.\r\n");
            Base64.Encoder encoder = Base64.getMimeEncoder();
            for (int a = 0; a < attachments; a++) {
                out.write("------=_Part_0_123456789.1700000000000\r\nContent-Type: text/csv; name=\"export-" + a + ".csv\"\r\n"
                        + "Content-Disposition: attachment; filename=\"export-" + a + ".csv\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
                StringBuilder csv = new StringBuilder();
                while (csv.length() < perAttachment) {
                    csv.append("Valley Park,2380000142498,06/11/2018");
                    for (int h = 0; h < 48; h++) {
                        csv.append(',').append(random.nextInt(1000) / 100.0);
                    }
                    csv.append("\r\n");
                }
                out.write(encoder.encodeToString(csv.toString().getBytes(StandardCharsets.US_ASCII)));
                out.write("\r\n");
            }
            out.write("------=_Part_0_123456789.1700000000000--\r\n");
        }
        return file;
    }

    private MultipartReaderBench() {
    }
}
