package routes.email;

import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Object keys, as the original's code (not its README) writes them: {@code <area>/<YYYYMMDD-HHMMSS>/<file>}. The time
 * is the email's receipt time as S3 announced it (so redeliveries and dead-letter replays of the same notification
 * write the same keys), or the injectable clock when the notification has none. Every key of one email (attachments,
 * downloads, zip entries, converted sheets) goes through {@link #unique}: a repeated key gets {@code -2}, {@code -3}...
 * before the extension, in the email's order. The order is deterministic (the email's files are split sequentially,
 * and a zip's entries or a workbook's sheets are numbered in their own order), so a replay writes the same keys. Two
 * emails in the same second are kept apart by {@link EmailOutputs}, which never overwrites another email's object.
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

    /**
     * Starts an email's set of used keys (empty). Called where its attachments are extracted, before its files are
     * split: the split's sub-exchanges (and theirs, for nested zips) copy the property by reference, so they all share
     * the one set; a retried extraction starts again from an empty set and so numbers the same way.
     */
    public static void startEmail(Exchange exchange) {
        exchange.setProperty(USED_KEYS, new HashSet<String>());
    }

    /** {@code key}, or {@code key} with {@code -n} before its extension if this email already used it. */
    public static String unique(Exchange exchange, String key) {
        Set<String> used = usedKeys(exchange);
        synchronized (used) {
            String candidate = key;
            for (int n = 2; !used.add(candidate); n++) {
                candidate = withSuffix(key, "-" + n);
            }
            return candidate;
        }
    }

    /**
     * The files that replace {@code container} (a zip's entries, a workbook's sheets), each given a key unique in the
     * email by {@link #unique}. The container's own key is released first: once replaced, the container is never
     * written, so a zip named {@code export.csv} holding {@code export.csv} gives that key to its entry.
     */
    public static List<IncomingFile> replace(Exchange exchange, IncomingFile container, List<IncomingFile> parts) {
        Set<String> used = usedKeys(exchange);
        synchronized (used) {
            used.remove(container.key());
        }
        return parts.stream().map(part -> part.withKey(unique(exchange, part.key()))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> usedKeys(Exchange exchange) {
        Set<String> used = exchange.getProperty(USED_KEYS, Set.class);
        if (used == null) {
            startEmail(exchange);
            used = exchange.getProperty(USED_KEYS, Set.class);
        }
        return used;
    }

    /** {@code a/b/name.csv} + {@code -x} = {@code a/b/name-x.csv}. */
    public static String withSuffix(String key, String suffix) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash + 1 ? key.substring(0, dot) + suffix + key.substring(dot) : key + suffix;
    }
}
