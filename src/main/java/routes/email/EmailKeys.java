package routes.email;

import org.apache.camel.Exchange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Keys stay within S3's 1024 bytes and each segment within 200 UTF-8 bytes ({@link #bounded}): a file name is cut to
 * {@value #MAX_NAME_CHARS} characters and {@value #MAX_SEGMENT_BYTES} bytes, keeping its extension (the full name stays
 * in the object's {@code source-name} metadata, itself cut).
 */
public class EmailKeys {
    /** The longest file name (and zip folder name) in a key, in characters, extension included. */
    static final int MAX_NAME_CHARS = 200;
    /**
     * The longest key segment in UTF-8 bytes: filesystem-backed S3-compatible stores keep a segment as a file name
     * (at most 255 bytes) and refuse a longer one with a 500 that no retry can fix; S3Proxy first writes the object
     * to {@code <name>-<UUID>} (37 bytes more), and the {@code -n} / {@code -<8 hex>} suffixes need 13.
     */
    static final int MAX_SEGMENT_BYTES = 200;
    /** S3 takes keys of up to 1024 UTF-8 bytes; the rest is room for the {@code -n} / {@code -<8 hex>} suffixes. */
    static final int MAX_KEY_BYTES = 960;
    private static final int MAX_EXTENSION_CHARS = 16;
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
     * {@code key} {@link #bounded}, or with {@code -n} before its extension if this email already used it (also when
     * two long names are cut to the same key).
     */
    public static String unique(Exchange exchange, String key) {
        Set<String> used = EmailScope.of(exchange).usedKeys;
        key = bounded(key);
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
        Set<String> used = EmailScope.of(exchange).usedKeys;
        synchronized (used) {
            used.remove(container.key());
        }
        return parts.stream().map(part -> part.withKey(unique(exchange, part.key()))).toList();
    }

    /**
     * {@code key} within S3's key limit: the file name and each folder name cut to {@value #MAX_NAME_CHARS}
     * characters and {@value #MAX_SEGMENT_BYTES} UTF-8 bytes (the file name keeps its extension); if the key is still over {@value #MAX_KEY_BYTES} UTF-8 bytes
     * (a zip entry in many folders), the folders between the {@code <area>/<time>/} prefix and the file name are
     * dropped, outermost first, until it fits.
     */
    public static String bounded(String key) {
        List<String> segments = new ArrayList<>(Arrays.asList(key.split("/", -1)));
        int last = segments.size() - 1;
        for (int i = 0; i < last; i++) {
            segments.set(i, cut(segments.get(i), MAX_NAME_CHARS, MAX_SEGMENT_BYTES));
        }
        String name = segments.get(last);
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_CHARS ? name.substring(dot) : "";
        segments.set(last, cut(name.substring(0, name.length() - extension.length()), MAX_NAME_CHARS - extension.length(),
                MAX_SEGMENT_BYTES - utf8Length(extension)) + extension);
        String bounded = String.join("/", segments);
        while (bounded.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES && segments.size() > 3) {
            segments.remove(2);
            bounded = String.join("/", segments);
        }
        return bounded;
    }

    /** The longest start of {@code text} with at most {@code maxChars} characters and {@code maxBytes} UTF-8 bytes, never half a code point. */
    private static String cut(String text, int maxChars, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int next = end + Character.charCount(codePoint);
            bytes += utf8Length(codePoint);
            if (next > maxChars || bytes > maxBytes) {
                break;
            }
            end = next;
        }
        return text.substring(0, end);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The file name of a whole email in the unprocessable bucket: the last segment of its inbox key, with {@code .eml}
     * unless it already ends so ({@code inbound/abc} and {@code abc.eml} give {@code abc.eml}).
     */
    static String emlName(String emailId) {
        String name = emailId.substring(emailId.lastIndexOf('/') + 1);
        return name.toLowerCase(Locale.ROOT).endsWith(".eml") ? name : name + ".eml";
    }

    /** {@code a/b/name.csv} + {@code -x} = {@code a/b/name-x.csv}. */
    public static String withSuffix(String key, String suffix) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash + 1 ? key.substring(0, dot) + suffix + key.substring(dot) : key + suffix;
    }
}
