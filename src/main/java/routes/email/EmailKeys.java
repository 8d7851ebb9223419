package routes.email;

import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Object keys, as the original's code (not its README) writes them: {@code <area>/<YYYYMMDD-HHMMSS>/<file>}. The time
 * is the email's receipt time as S3 announced it (so redeliveries and dead-letter replays of the same notification
 * write the same keys), or the injectable clock when the notification has none. Two files with the same name in one
 * email get {@code -2}, {@code -3}... before the extension, in the email's order (deterministic); two emails in the
 * same second are kept apart by {@link EmailOutputs}, which never overwrites another email's object.
 */
public class EmailKeys {
    static final String USED_KEYS = "EmailUsedKeys";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;

    public EmailKeys(Clock clock) {
        this.clock = clock;
    }

    public EmailKeys() {
        this(Clock.systemUTC());
    }

    public String prefix(String area, Instant receivedAt) {
        return area + "/" + STAMP.format(receivedAt == null ? clock.instant() : receivedAt);
    }

    /** {@code key}, or {@code key} with {@code -n} before its extension if this email already used it. */
    @SuppressWarnings("unchecked")
    public static String unique(Exchange exchange, String key) {
        Set<String> used = exchange.getProperty(USED_KEYS, Set.class);
        if (used == null) {
            used = new HashSet<>();
            exchange.setProperty(USED_KEYS, used);
        }
        synchronized (used) {
            String candidate = key;
            for (int n = 2; !used.add(candidate); n++) {
                candidate = withSuffix(key, "-" + n);
            }
            return candidate;
        }
    }

    /** {@code a/b/name.csv} + {@code -x} = {@code a/b/name-x.csv}. */
    public static String withSuffix(String key, String suffix) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash + 1 ? key.substring(0, dot) + suffix + key.substring(dot) : key + suffix;
    }
}
