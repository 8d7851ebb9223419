package local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.email.Recipient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local stand-in for the SES receipt rule, a deliberately tiny SMTP receiver on 127.0.0.1 started and stopped by
 * {@link LocalAws} (port 2525 in the local run): it accepts a message and stores the raw message in the email inbox
 * bucket (key {@code smtp-<time>-<uuid>}, the first envelope recipient as the {@code envelope-recipient} metadata).
 * The inbox bucket's notification then starts the pipeline, exactly as in AWS.
 * Enough of RFC 5321 for {@code swaks} and Python's {@code smtplib}: EHLO/HELO, MAIL, RCPT, DATA (dot-unstuffing,
 * spooled to a temporary file, size-capped), RSET, NOOP, QUIT. No TLS, no AUTH: never expose it.
 */
public final class LocalSmtpReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSmtpReceiver.class);

    private final S3Client s3;
    private final String inboxBucket;
    private final long maxBytes;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final Thread acceptor = new Thread(this::acceptLoop, "local-smtp-accept");

    private LocalSmtpReceiver(ServerSocket server, S3Client s3, String inboxBucket, long maxBytes) {
        this.server = server;
        this.s3 = s3;
        this.inboxBucket = inboxBucket;
        this.maxBytes = maxBytes;
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-smtp");
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free port) and stores each message in {@code inboxBucket}. */
    public static LocalSmtpReceiver start(int port, S3Client s3, String inboxBucket, long maxBytes) {
        ServerSocket server;
        try {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("SMTP (local receiver) did not start on 127.0.0.1:" + port + " (port in use?): "
                    + e.getMessage(), e);
        }
        LocalSmtpReceiver receiver = new LocalSmtpReceiver(server, s3, inboxBucket, maxBytes);
        receiver.acceptor.setDaemon(true);
        receiver.acceptor.start();
        LOG.info("Local SMTP receiver on 127.0.0.1:{} stores mail in s3://{}", receiver.port(), inboxBucket);
        return receiver;
    }

    /** The conversation swaks or smtplib has with this receiver; an unexpected reply is an IOException naming it. */
    public static void send(int port, String to, byte[] message) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
             InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            expect(in, "connect", "220");
            command(out, in, "EHLO local", "250");
            command(out, in, "MAIL FROM:<supplier@example.com>", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n.", "\r\n..");
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            command(out, in, (text.endsWith("\r\n") ? "" : "\r\n") + ".", "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, InputStream in, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        expect(in, line.strip(), expected);
    }

    private static void expect(InputStream in, String after, String expected) throws IOException {
        String reply;
        do {
            reply = readLine(in);
        } while (reply != null && reply.length() > 3 && reply.charAt(3) == '-');
        if (reply == null || !reply.startsWith(expected)) {
            throw new IOException("SMTP reply to " + after + ": expected " + expected + ", got " + reply);
        }
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        // a thread blocked in accept() keeps the listening socket open in the kernel until it is woken: wait for it,
        // so that once close() returns nothing is accepted any more
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.submit(() -> session(socket));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("local SMTP accept failed: {}", e.getMessage());
            }
        }
    }

    private void session(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(60_000);
            reply(out, "220 localhost camel-pipelines local SMTP (stores mail like the SES receipt rule)");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-localhost\r\n250-SIZE " + maxBytes + "\r\n250 8BITMIME");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 localhost");
                } else if (upper.startsWith("MAIL FROM:")) {
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (upper.startsWith("RCPT TO:")) {
                    recipients.add(address(line.substring(8)));
                    reply(out, "250 OK");
                } else if (upper.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "503 RCPT first");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    reply(out, receive(in, recipients));
                    recipients.clear();
                } else if (upper.equals("RSET")) {
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 OK");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 Bye");
                    return;
                } else {
                    reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            LOG.warn("local SMTP session ended: {}", e.getMessage());
        }
    }

    private String receive(InputStream in, List<String> recipients) throws IOException {
        Path file = Files.createTempFile("smtp-", ".eml");
        try {
            long size = 0;
            boolean tooBig = false;
            try (OutputStream message = Files.newOutputStream(file)) {
                String line;
                while ((line = readLine(in)) != null && !line.equals(".")) {
                    String unstuffed = line.startsWith(".") ? line.substring(1) : line;
                    byte[] bytes = (unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                    size += bytes.length;
                    if (size > maxBytes) {
                        tooBig = true;
                    } else {
                        message.write(bytes);
                    }
                }
            }
            if (tooBig) {
                return "552 Message exceeds the limit of " + maxBytes + " bytes";
            }
            String key = "smtp-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14) + "-" + UUID.randomUUID();
            s3.putObject(b -> b.bucket(inboxBucket).key(key).contentType("message/rfc822")
                    .metadata(Map.of(Recipient.ENVELOPE_METADATA, recipients.get(0))), RequestBody.fromFile(file));
            LOG.info("local SMTP: message for {} stored as s3://{}/{}", recipients, inboxBucket, key);
            return "250 OK queued as " + key;
        } catch (RuntimeException e) {
            LOG.warn("local SMTP: could not store the message: {}", e.getMessage());
            return "451 Could not store the message: " + e.getClass().getSimpleName();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static String address(String path) {
        String trimmed = path.trim();
        int open = trimmed.indexOf('<');
        int close = trimmed.indexOf('>');
        if (open >= 0 && close > open) {
            return trimmed.substring(open + 1, close).trim();
        }
        return trimmed.split("\\s")[0];
    }

    /** One line without its CRLF (ISO-8859-1 keeps 8-bit bytes intact), or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > 1_000_000) {
                throw new IOException("line too long");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
