package routes.shared;

/** Startup stops with this when configuration is missing or wrong; the message names the property. */
public class MissingConfiguration extends RuntimeException {
    public MissingConfiguration(String message) {
        super(message);
    }
}
