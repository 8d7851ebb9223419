package routes;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import routes.shared.MissingConfiguration;
import routes.shared.PipelineSelection;
import routes.shared.RequiredConfiguration;
import routes.shared.ServerPort;
import routes.shared.SharedBeans;

import java.util.Map;

/**
 * The integrator: Camel Main with every pipeline's YAML routes (narrowed by {@code pipelines.enabled}). Production
 * runs {@code java -jar camel-pipelines.jar} against real AWS; the local launcher (tests' classpath) starts the same
 * application with the {@code local} profile and the emulators' endpoints as overrides.
 */
public final class PipelinesApplication {
    private PipelinesApplication() {
    }

    public static void main(String[] args) throws Exception {
        LogFormat.applyFromEnvironment();
        JvmHeap.warnIfDefault();
        Main main = create(Map.of(), true);
        int code;
        try {
            code = main.run(args);
        } catch (Exception e) {
            String reason = StartupFailure.explain(e);
            if (reason == null) {
                throw e;
            }
            System.err.println("camel-pipelines cannot start. " + reason);
            code = 2;
        }
        System.exit(code);
    }

    /**
     * A configured, not yet started application. {@code overrides} win over the properties files and the environment
     * (the local launcher and tests pass emulator endpoints this way). With {@code exitOnMissingConfiguration} a
     * missing property ends the process with one clear message and exit code 2; otherwise it is thrown.
     */
    public static Main create(Map<String, String> overrides, boolean exitOnMissingConfiguration) {
        Main main = new Main();
        SharedBeans shared = new SharedBeans();
        main.configure().addConfiguration(shared);
        overrides.forEach(main::addOverrideProperty);
        // Camel Main reads the profile only from the environment, system properties or its own configuration
        String profile = overrides.get("camel.main.profile");
        if (profile != null && !profile.isBlank()) {
            main.configure().setProfile(profile);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                try {
                    RequiredConfiguration.failFastIfMissing(support.getCamelContext());
                    ServerPort.requireFree(support.getCamelContext());
                    support.configure().withRoutesIncludePattern(
                            PipelineSelection.routesIncludePattern(support.getCamelContext()));
                    // Camel Main pre-parses the YAML files (and creates their `beans:`) before it processes
                    // configuration classes: bind the shared beans now, so `#bean:dynamoDbClient` etc. resolve.
                    bindEarly(support.getCamelContext(), shared);
                } catch (MissingConfiguration e) {
                    if (!exitOnMissingConfiguration) {
                        throw e;
                    }
                    System.err.println("camel-pipelines cannot start. " + e.getMessage());
                    System.err.flush();
                    Runtime.getRuntime().halt(2);
                }
            }
        });
        return main;
    }

    private static void bindEarly(org.apache.camel.CamelContext context, SharedBeans shared) {
        try {
            var processor = org.apache.camel.support.PluginHelper.getBeanPostProcessor(context);
            processor.postProcessBeforeInitialization(shared, "sharedBeans");
            processor.postProcessAfterInitialization(shared, "sharedBeans");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot bind the shared beans: " + e.getMessage(), e);
        }
    }
}
