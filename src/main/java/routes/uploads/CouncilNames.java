package routes.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Looks a council's name up on WhereDoIVote: {@code GET <baseUrl>/<council>.json}, the token sent as
 * {@code Authorization: Token <token>} (never in the query string). Any failure (no base URL, network, HTTP error,
 * no {@code name}) falls back to the council id, as the original does for HTTP errors.
 */
public class CouncilNames {
    private static final Logger LOG = LoggerFactory.getLogger(CouncilNames.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private String baseUrl = "";
    private String token = "";
    private HttpClient http;
    private Duration timeout;

    public CouncilNames() {
        setTimeoutSeconds(30);
    }

    public CouncilNames(String baseUrl, String token, int timeoutSeconds) {
        setUrl(baseUrl);
        setToken(token);
        setTimeoutSeconds(timeoutSeconds);
    }

    /** {@code GET <url>/<council>.json}; empty = the council id is its name. */
    public void setUrl(String baseUrl) {
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }

    public void setToken(String token) {
        this.token = token == null ? "" : token;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeout = Duration.ofSeconds(timeoutSeconds);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String nameOf(String council) {
        if (baseUrl.isBlank()) {
            return council;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create(baseUrl + "/" + URLEncoder.encode(council, StandardCharsets.UTF_8) + ".json"))
                    .timeout(timeout).header("Accept", "application/json").GET();
            if (!token.isBlank()) {
                request.header("Authorization", "Token " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("Council lookup for {} answered {}: using the id as its name", council, response.statusCode());
                return council;
            }
            JsonNode name = JSON.readTree(response.body()).path("name");
            return name.isTextual() && !name.asText().isEmpty() ? name.asText() : council;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return council;
        } catch (Exception e) {
            LOG.warn("Council lookup for {} failed ({}): using the id as its name", council, e.getClass().getSimpleName());
            return council;
        }
    }

    /** The route's step: names the upload's council. */
    public void name(Upload upload) {
        upload.councilName(nameOf(upload.council()));
    }
}
