package routes.shared;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerPortTest {
    private static DefaultCamelContext context(int port) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.put("camel.server.enabled", "true");
        properties.put("camel.server.host", "127.0.0.1");
        properties.put("camel.server.port", "{{env:NO_SUCH_VARIABLE_HERE:" + port + "}}");
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }

    @Test
    void aPortInUseStopsStartUpNamingTheProperty() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThatThrownBy(() -> ServerPort.requireFree(context(taken.getLocalPort())))
                    .isInstanceOf(MissingConfiguration.class)
                    .hasMessageContaining("The HTTP port " + taken.getLocalPort() + " on 127.0.0.1 (camel.server.port, environment variable CAMEL_SERVER_PORT) cannot be used");
        }
    }

    @Test
    void aFreePortPasses() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        assertThatCode(() -> ServerPort.requireFree(context(free))).doesNotThrowAnyException();
        assertThat(free).isPositive();
    }
}
