package routes.uploads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.ClientError;
import routes.shared.PermanentFailure;
import routes.shared.SideEffectGuard;
import routes.shared.TransientFailure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reports the decision to WhereDoIVote: {@code POST <url>} with the compact report and
 * {@code Authorization: Token <key>}. Without a key it only logs the would-be report (dry-run). A 5xx (the receiver
 * answers 500 to failure reports), 408, 429 or a network error is retried; another 4xx is wrong configuration or
 * payload and goes to the dead-letter queue at once. Posted once per decision; every POST of a decision carries the
 * same {@code Idempotency-Key} ({@link Upload#idempotencyKey()}), so a POST repeated after a crash is recognisable.
 */
public class WdivWebhook {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger LOG = LoggerFactory.getLogger(WdivWebhook.class);

    private String url = "";
    private String apiKey = "";
    private SideEffectGuard guard;
    private HttpClient http;
    private Duration timeout;

    public WdivWebhook() {
        setTimeoutSeconds(30);
    }

    public WdivWebhook(String url, String apiKey, int timeoutSeconds, SideEffectGuard guard) {
        setUrl(url);
        setApiKey(apiKey);
        setTimeoutSeconds(timeoutSeconds);
        setGuard(guard);
    }

    public void setUrl(String url) {
        this.url = url == null ? "" : url;
    }

    /** Empty = dry-run: the would-be report is logged. */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeout = Duration.ofSeconds(timeoutSeconds);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public void setGuard(SideEffectGuard guard) {
        this.guard = guard;
    }

    /** The route's step. */
    public void post(Upload upload) {
        String report = UploadReport.compact(upload);
        if (apiKey.isBlank()) {
            LOG.info("WDIV_API_KEY not set\n{}\n{}\n---", url, report);
            return;
        }
        guard.once(UploadDecisions.PIPELINE, upload.effectKey("webhook"), () -> send(report, upload.idempotencyKey()));
    }

    private String send(String report, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                // the same on every retry of this decision: a receiver that keeps the keys it saw applies it once
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .header("Authorization", "Token " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(report)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientFailure("WDIV webhook unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("Interrupted while posting to the WDIV webhook");
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            LOG.info("WDIV webhook answered {}", status);
            return Integer.toString(status);
        }
        String message = "WDIV webhook answered " + status;
        if (ClientError.isPermanent(status)) {
            throw new PermanentFailure(message + " (check uploads.webhook.url and uploads.webhook.api-key)");
        }
        throw new TransientFailure(message);
    }
}
