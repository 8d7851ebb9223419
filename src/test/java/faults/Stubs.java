package faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receivers of the uploads pipeline's HTTP side effects, counting each effect where it lands: a GitHub issues API
 * that keeps its issues (so a retry can find the one it created) and the WDIV webhook, which can be made to fail
 * (500) or to answer slowly (so a process can be killed while its POST is in flight). One port per app process, so
 * the stub knows which process is calling.
 */
final class Stubs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook POST as received. */
    record Post(int slot, String idempotencyKey, String folder, int status, long atMillis) {
    }

    final List<HttpServer> servers = new ArrayList<>();
    final List<Post> webhookPosts = new CopyOnWriteArrayList<>();
    final List<JsonNode> issues = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    volatile boolean webhookFailing;
    volatile long webhookDelayMillis;

    static Stubs start(int slots) throws IOException {
        Stubs stubs = new Stubs();
        for (int slot = 0; slot < slots; slot++) {
            int s = slot;
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> stubs.handle(s, exchange));
            server.start();
            stubs.servers.add(server);
            stubs.inFlight.put(slot, new AtomicInteger());
        }
        return stubs;
    }

    String url(int slot) {
        return "http://127.0.0.1:" + servers.get(slot).getAddress().getPort();
    }

    private void handle(int slot, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/webhook") && method.equals("POST")) {
                webhook(slot, exchange, new String(body, StandardCharsets.UTF_8));
            } else if (path.endsWith("/issues") && method.equals("GET")) {
                ArrayNode open = JSON.createArrayNode();
                issues.forEach(open::add);
                reply(exchange, 200, open.toString());
            } else if (path.endsWith("/issues") && method.equals("POST")) {
                JsonNode request = JSON.readTree(body);
                ObjectNode issue;
                synchronized (issues) {
                    int number = issues.size() + 1;
                    issue = JSON.createObjectNode().put("number", number).put("title", request.path("title").asText())
                            .put("body", request.path("body").asText()).put("state", "open")
                            .put("html_url", "https://github.com/org/repo/issues/" + number);
                    // egit sends the label names; GitHub (and egit's parser) answer with label objects
                    ArrayNode labels = issue.putArray("labels");
                    request.path("labels").forEach(l -> labels.addObject().put("name", l.isTextual() ? l.asText() : l.path("name").asText()));
                    issues.add(issue);
                }
                reply(exchange, 201, issue.toString());
            } else if (path.endsWith("/comments") && method.equals("POST")) {
                comments.add(path + " " + JSON.readTree(body).path("body").asText());
                reply(exchange, 201, "{\"id\": " + comments.size() + "}");
            } else if (path.matches(".*/repos/[^/]+/[^/]+") && method.equals("GET")) {
                reply(exchange, 200, "{\"name\":\"repo\"}");
            } else {
                reply(exchange, 404, "{}");
            }
        }
    }

    private void webhook(int slot, HttpExchange exchange, String body) throws IOException {
        AtomicInteger flying = inFlight.get(slot);
        flying.incrementAndGet();
        try {
            if (webhookDelayMillis > 0) {
                Thread.sleep(webhookDelayMillis);
            }
            int status = webhookFailing ? 500 : 200;
            String folder = JSON.readTree(body).path("gss").asText();
            webhookPosts.add(new Post(slot, exchange.getRequestHeaders().getFirst("Idempotency-Key"), folder, status,
                    System.currentTimeMillis()));
            reply(exchange, status, "{}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flying.decrementAndGet();
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
