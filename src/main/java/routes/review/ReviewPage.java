package routes.review;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the reviewer's page: exactly the files of the classpath folder {@code review-page/} named here, read once
 * into memory, under {@code /reviews/page/}. Any other path is a 404: the handler cannot serve anything else (no
 * file system, no directory listing, no traversal; Camel's {@code camel.server.staticEnabled} served the working
 * directory and is not used). Every answer forbids Referers, framing, sniffing and caching; the page's scripts and
 * styles come from this server only.
 */
public class ReviewPage implements CamelContextAware, StartupListener {
    static final String PREFIX = "/reviews/page/";
    private static final String FOLDER = "review-page/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "review.css", "text/css; charset=utf-8",
            "review.js", "text/javascript; charset=utf-8");
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private CamelContext context;
    private Map<String, Buffer> contents;

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
        try {
            context.addStartupListener(this);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the reviewer page", e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        install(context);
    }

    /** Registers the handler on the platform-http router (once the HTTP server runs). */
    void install(CamelContext context) {
        if (contents != null) {
            return;
        }
        contents = load();
        int port = Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.server.port:8080}}").trim());
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            throw new IllegalStateException("The reviewer page needs the platform-http server (camel.server.enabled=true)");
        }
        // before the REST routes: /reviews/{id} must not take /reviews/page
        router.get(PREFIX + "*").order(-100).handler(this::serve);
    }

    void serve(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals(PREFIX.substring(0, PREFIX.length() - 1))) {
            ctx.redirect(PREFIX);
            return;
        }
        String name = path.equals(PREFIX) ? "index.html" : path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        Buffer body = contents.get(name);
        var response = ctx.response();
        securityHeaders(response.headers());
        if (body == null) {
            response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found");
            return;
        }
        response.putHeader("Content-Type", FILES.get(name)).end(body);
    }

    static void securityHeaders(io.vertx.core.MultiMap headers) {
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    private static Map<String, Buffer> load() {
        Map<String, Buffer> loaded = new java.util.HashMap<>();
        for (String name : FILES.keySet()) {
            try (InputStream in = ReviewPage.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("The reviewer page file " + FOLDER + name + " is missing from the classpath");
                }
                loaded.put(name, Buffer.buffer(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(loaded);
    }
}
