package routes;

/**
 * Console log lines by default; {@code LOG_FORMAT=json} (or {@code -Dlog.format=json}) switches log4j2 to one JSON
 * object per line for log shippers. Must run before the first logger is created.
 */
public final class LogFormat {
    private LogFormat() {
    }

    public static void applyFromEnvironment() {
        String env = System.getenv("LOG_FORMAT");
        if (System.getProperty("log.format") == null && env != null && !env.isBlank()) {
            System.setProperty("log.format", env.trim().toLowerCase());
        }
    }
}
