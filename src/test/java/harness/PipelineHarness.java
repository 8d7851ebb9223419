package harness;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.util.function.ThrowingConsumer;
import routes.PipelinesApplication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.awaitility.Awaitility.await;

/**
 * One pipeline wired exactly as production wires it: {@link PipelinesApplication#create} (the production
 * {@code application.properties}, {@code pipelines.enabled=<id>}, the route selection and {@code routes/shared-beans.yaml}
 * binding the shared beans before the pipeline's own {@code beans:}), plus the shared test properties
 * ({@code harness/test.properties}, then {@code harness/<pipeline>.properties}) and the test's own. Clients are injected by binding them under a shared bean's
 * name ({@link Builder#bean}): the shared beans then use them instead of building AWS clients. Routes are advised
 * (a consumer replaced by a {@code direct:} endpoint, a step mocked) before the context starts. The HTTP server runs
 * as in production, on a free loopback port ({@link #url()}).
 * <pre>
 * try (PipelineHarness uploads = PipelineHarness.pipeline("uploads").bean("s3Client", s3)
 *         .replaceFrom("uploads-check", "direct:uploads-events").start()) {
 *     uploads.send("direct:uploads-events", notification);
 * }
 * </pre>
 */
public final class PipelineHarness implements AutoCloseable {
    private final Main main;
    private final String url;

    private PipelineHarness(Main main, String url) {
        this.main = main;
        this.url = url;
    }

    /** The pipeline {@code id} ({@code uploads}, {@code email}, {@code snapshot}, ...) as production loads it. */
    public static Builder pipeline(String id) {
        return new Builder(id);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public ProducerTemplate template() {
        return context().createProducerTemplate();
    }

    /** Sends {@code body} to {@code uri} and waits for the exchange to finish (errors are handled by the route). */
    public void send(String uri, Object body) {
        template().sendBody(uri, body);
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    /** The base URL of the app's HTTP server, e.g. for {@code /observe/metrics}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        main.stop();
    }

    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private final Map<String, List<ThrowingConsumer<AdviceWithRouteBuilder, Exception>>> advice = new LinkedHashMap<>();

        private Builder(String pipeline) {
            properties.putAll(testProperties("test"));
            properties.putAll(testProperties(pipeline));
            properties.put("pipelines.enabled", pipeline);
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
            return this;
        }

        /** The route files of this pipeline instead of its production ones (a stand-in test route). */
        public Builder routes(String pipeline, String routeFiles) {
            return property("pipelines." + pipeline + ".routes", routeFiles);
        }

        /** Binds {@code bean} as {@code name} before anything else: a shared bean's name replaces that bean. */
        public Builder bean(String name, Object bean) {
            beans.put(name, bean);
            return this;
        }

        /** AdviceWith on route {@code routeId}, before the context starts. */
        public Builder advice(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> change) {
            advice.computeIfAbsent(routeId, id -> new ArrayList<>()).add(change);
            return this;
        }

        /** Replaces the consumer of route {@code routeId} (an SQS queue) with {@code uri} (a {@code direct:}). */
        public Builder replaceFrom(String routeId, String uri) {
            return advice(routeId, a -> a.replaceFromWith(uri));
        }

        public PipelineHarness start() {
            // the HTTP server as in production (operator API, health, metrics on one port), on a free port
            String port = Integer.toString(freePort());
            properties.putIfAbsent("camel.server.port", port);
            properties.putIfAbsent("camel.management.port", port);
            String url = "http://127.0.0.1:" + properties.get("camel.server.port");
            Main main = PipelinesApplication.create(properties, false);
            beans.forEach(main::bind);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterConfigure(BaseMainSupport support) {
                    // one AdviceWith per route: each one rebuilds the route
                    advice.forEach((routeId, changes) -> {
                        try {
                            AdviceWith.adviceWith(support.getCamelContext(), routeId, a -> {
                                for (var change : changes) {
                                    change.accept(a);
                                }
                            });
                        } catch (Exception e) {
                            throw new IllegalStateException("Cannot advise route " + routeId + ": " + e.getMessage(), e);
                        }
                    });
                }
            });
            try {
                main.start();
            } catch (Exception e) {
                throw new IllegalStateException("The pipeline did not start: " + e.getMessage(), e);
            }
            await("the CamelContext to start").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> main.getCamelContext() != null && main.getCamelContext().isStarted());
            return new PipelineHarness(main, url);
        }
    }

    /**
     * {@code harness/test.properties} (what every route test shares) or {@code harness/<pipeline>.properties} (what a
     * pipeline's route tests share; none = empty).
     */
    public static Map<String, String> testProperties(String name) {
        Properties loaded = new Properties();
        try (InputStream in = PipelineHarness.class.getResourceAsStream("/harness/" + name + ".properties")) {
            if (in != null) {
                loaded.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(key -> out.put(key, loaded.getProperty(key)));
        return out;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
