package routes.shared;

import org.apache.camel.CamelContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The HTTP server's port must be free before start-up: the embedded server only logs a port it cannot bind and the
 * application would run without its endpoints, health and metrics.
 */
public final class ServerPort {
    private ServerPort() {
    }

    /** Throws {@link MissingConfiguration} naming the property when {@code camel.server.port} cannot be bound. */
    public static void requireFree(CamelContext context) {
        if (!Boolean.parseBoolean(resolve(context, "camel.server.enabled", "false"))) {
            return;
        }
        String host = resolve(context, "camel.server.host", "0.0.0.0");
        int port = Integer.parseInt(resolve(context, "camel.server.port", "8080").trim());
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new MissingConfiguration("The HTTP port " + port + " on " + host + " (camel.server.port, environment "
                    + "variable CAMEL_SERVER_PORT) cannot be used: " + e.getMessage()
                    + ". Stop what holds it or choose another port.");
        }
    }

    private static String resolve(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key)
                .map(value -> context.resolvePropertyPlaceholders(value))
                .orElse(fallback);
    }
}
