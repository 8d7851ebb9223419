package routes.email;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.TempFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IMServ "DataVision" report emails carry no attachment but download links. As the original: the text scanned is
 * the decoded first MIME part (or the decoded body of a single-part email); links match
 * {@code https://datavision.imserv.com/imgserver/InternalImage.aspx?} followed by {@code [a-zA-Z0-9&%=]+}; each is
 * fetched with GET, redirects not followed; a download fails when the status is not 2xx, the content type contains
 * {@code text/html}, or the body contains {@code Your image cannot be displayed at this time} (IMServ answers 200 with
 * an HTML error page). The file name comes from {@code Content-Disposition: ...filename="x"}, else the link with
 * {@code :}, {@code /} and {@code ?} replaced by {@code _}. Added: a connect timeout; a read timeout that bounds the
 * wait for the response headers and then, as an inactivity timeout, every wait for the next bytes of the body (the
 * body is read asynchronously into a small queue polled with that timeout, so no thread waits on a stalled server
 * for longer, and the exchange is cancelled); a size cap; duplicate links fetched once. A failure is logged at error
 * level with the link and skipped.
 */
public class ImservLinks {
    static final Pattern LINK = Pattern.compile("https://datavision\\.imserv\\.com/imgserver/InternalImage\\.aspx\\?[a-zA-Z0-9&%=]+");
    static final Pattern FILENAME = Pattern.compile("filename=([\"']?)(.+?)\\1(?:;|$)");
    static final String ERROR_PAGE = "Your image cannot be displayed at this time";
    private static final Logger LOG = LoggerFactory.getLogger(ImservLinks.class);

    /** A downloaded report, or why it could not be downloaded. */
    public record Download(String link, String filename, String contentType, Path file, String failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    private HttpClient http;
    private Duration connectTimeout;
    private Duration readTimeout;
    private long maxBytes;

    public ImservLinks() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(30), 52_428_800);
    }

    public ImservLinks(Duration connectTimeout, Duration readTimeout, long maxBytes) {
        setConnectTimeout(connectTimeout);
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
    }

    private void setConnectTimeout(Duration connectTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.connectTimeout = connectTimeout;
    }

    public void setConnectTimeoutMs(long millis) {
        setConnectTimeout(Duration.ofMillis(millis));
    }

    /** For the response headers, then for every wait for more of the body. */
    public void setReadTimeoutMs(long millis) {
        this.readTimeout = Duration.ofMillis(millis);
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public ImservLinks(long connectTimeoutMillis, long readTimeoutMillis, long maxBytes) {
        this(Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(readTimeoutMillis), maxBytes);
    }

    /** Follows the links of an email without attachments; each successful download becomes a file {@code <prefix>/<filename>}. */
    public TakenFiles follow(ReceivedEmail email, org.apache.camel.Exchange exchange) {
        LOG.info("email {}: no attachments, extracting download links", email.id());
        TakenFiles files = new TakenFiles();
        for (String link : extract(email.id(), email.message())) {
            Download download = download(email.id(), link, email.scratch());
            if (download.succeeded()) {
                String key = EmailKeys.unique(exchange, email.prefix() + "/" + download.filename());
                files.add(new IncomingFile(email.id(), download.filename(), key, download.file(), download.contentType(), 0));
            } else {
                files.missed(download.failure());
            }
        }
        return files;
    }

    /** The download links of {@code message}, in order, each once; empty (logged) when the body cannot be read. */
    public List<String> extract(String emailId, MimeMessage message) {
        if (message == null) {
            return List.of();
        }
        String subject = null;
        try {
            subject = message.getSubject();
            String text = firstPartText(message);
            LinkedHashSet<String> links = new LinkedHashSet<>();
            Matcher matcher = LINK.matcher(text);
            while (matcher.find()) {
                links.add(matcher.group());
            }
            return new ArrayList<>(links);
        } catch (Exception e) {
            LOG.warn("email {}: unable to process mail body: {}, {}", emailId, subject, e.getMessage());
            return List.of();
        }
    }

    private static String firstPartText(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            if (multipart.getCount() == 0) {
                return "";
            }
            BodyPart first = multipart.getBodyPart(0);
            Object firstContent = first.getContent();
            return firstContent instanceof String s ? s : "";
        }
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(1024 * 1024), StandardCharsets.ISO_8859_1);
            }
        }
        return "";
    }

    /** Downloads {@code link} into a temporary file in {@code folder}; never throws. */
    public Download download(String emailId, String link, Path folder) {
        LOG.info("email {}: downloading {}", emailId, link);
        Path file = null;
        Body body = new Body();
        CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Void>> exchange = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(link)).timeout(readTimeout).GET().build();
            exchange = http.sendAsync(request, info -> {
                head.complete(info);
                return HttpResponse.BodySubscribers.fromSubscriber(body);
            });
            exchange.whenComplete((done, failure) -> {
                if (failure != null) {
                    head.completeExceptionally(failure);
                }
            });
            HttpResponse.ResponseInfo response = head.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
            String contentType = response.headers().firstValue("content-type").orElse(null);
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                return failed(emailId, link, "HTTP status " + response.statusCode(), null);
            }
            if (contentType != null && contentType.contains("text/html")) {
                return failed(emailId, link, "content type " + contentType, null);
            }
            file = Files.createTempFile(folder, "download-", ".tmp");
            long size = copy(body, file);
            if (size < 0) {
                return failed(emailId, link, "over the size limit of " + maxBytes + " bytes", file);
            }
            if (contains(file, ERROR_PAGE)) {
                return failed(emailId, link, "the body says '" + ERROR_PAGE + "'", file);
            }
            String filename = response.headers().firstValue("content-disposition").flatMap(ImservLinks::filenameOf)
                    .orElseGet(() -> link.replaceAll("[:/?]", "_"));
            LOG.info("email {}: downloaded {} as '{}'", emailId, link, filename);
            return new Download(link, filename, contentType, file, null);
        } catch (Stalled e) {
            return failed(emailId, link, e.getMessage(), file);
        } catch (TimeoutException e) {
            return failed(emailId, link, "no response within " + connectTimeout.plus(readTimeout).toMillis() + " ms", file);
        } catch (ExecutionException e) {
            return failed(emailId, link, describe(e.getCause()), file);
        } catch (IOException | RuntimeException e) {
            return failed(emailId, link, describe(e), file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(emailId, link, "interrupted", file);
        } finally {
            body.cancel();
            if (exchange != null) {
                exchange.cancel(true);
            }
        }
    }

    private static String describe(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static Optional<String> filenameOf(String contentDisposition) {
        Matcher matcher = FILENAME.matcher(contentDisposition);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(2).trim();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private Download failed(String emailId, String link, String why, Path file) {
        LOG.error("email {}: unable to download file {} ({})", emailId, link, why);
        TempFiles.delete(file);
        return new Download(link, null, null, null, "unable to download file " + link + ": " + why);
    }

    /**
     * Copies at most {@code maxBytes}; -1 when the body is longer. Throws {@link Stalled} when no byte came for the
     * read timeout.
     */
    private long copy(Body body, Path file) throws IOException, InterruptedException {
        long total = 0;
        byte[] bytes = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (List<ByteBuffer> piece = body.next(readTimeout); piece != null; piece = body.next(readTimeout)) {
                for (ByteBuffer buffer : piece) {
                    total += buffer.remaining();
                    if (total > maxBytes) {
                        return -1;
                    }
                    while (buffer.hasRemaining()) {
                        int n = Math.min(bytes.length, buffer.remaining());
                        buffer.get(bytes, 0, n);
                        out.write(bytes, 0, n);
                    }
                }
            }
        }
        return total;
    }

    /** No byte of the body for the read timeout. */
    private static final class Stalled extends IOException {
        Stalled(Duration timeout) {
            super("read timed out: no data for " + timeout.toMillis() + " ms (email.download.read-timeout-ms)");
        }
    }

    /**
     * The response body as the HTTP client delivers it, one piece at a time: a piece is requested only when the
     * previous one was taken, so the queue holds at most that piece and the end (or the failure).
     */
    private static final class Body implements Flow.Subscriber<List<ByteBuffer>> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> pieces = new ArrayBlockingQueue<>(2);
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        private volatile boolean cancelled;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            if (!subscription.compareAndSet(null, s) || cancelled) {
                s.cancel();
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> piece) {
            pieces.add(piece);
        }

        @Override
        public void onError(Throwable failure) {
            pieces.offer(failure);
        }

        @Override
        public void onComplete() {
            pieces.offer(END);
        }

        /** The next piece (and asks for the one after), null at the end of the body. */
        @SuppressWarnings("unchecked")
        List<ByteBuffer> next(Duration timeout) throws IOException, InterruptedException {
            Object piece = pieces.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (piece == null) {
                throw new Stalled(timeout);
            }
            if (piece == END) {
                return null;
            }
            if (piece instanceof Throwable failure) {
                throw failure instanceof IOException io ? io : new IOException(describe(failure), failure);
            }
            subscription.get().request(1);
            return (List<ByteBuffer>) piece;
        }

        /** Stops the body (a no-op once it is complete); the client then closes the connection. */
        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        }
    }

    private static boolean contains(Path file, String phrase) throws IOException {
        byte[] needle = phrase.getBytes(StandardCharsets.ISO_8859_1);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] window = new byte[64 * 1024 + needle.length];
            int carried = 0;
            int n;
            while ((n = in.read(window, carried, window.length - carried)) >= 0) {
                int end = carried + n;
                if (new String(window, 0, end, StandardCharsets.ISO_8859_1).contains(phrase)) {
                    return true;
                }
                carried = Math.min(needle.length - 1, end);
                System.arraycopy(window, end - carried, window, 0, carried);
            }
        }
        return false;
    }
}
