package routes.email;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a recipient to its area (the first key segment in the data bucket, which must equal the feed identifier the
 * Energy Sparks application imports). The recipient's local part is lower-cased and its {@code +tag} removed, then
 * looked up in {@code email.areas}: a comma-separated list of {@code local-part} (area of the same name) or
 * {@code local-part=area} entries, e.g. {@code sheffield,sheffield-gas,highland=highlands}. Adding a school area is
 * one more entry. Unknown local parts have no area (the email goes to the unprocessable bucket) unless
 * {@code acceptUnknown} is set, the original's catch-all behaviour, in which case the normalised local part is used.
 */
public class AreaDirectory {
    private final Map<String, String> areas = new LinkedHashMap<>();
    private boolean acceptUnknown;

    public AreaDirectory() {
    }

    public AreaDirectory(String areas, boolean acceptUnknown) {
        setAreas(areas);
        setAcceptUnknownAreas(acceptUnknown);
    }

    /** true = the original's catch-all: any local part becomes an area. */
    public void setAcceptUnknownAreas(boolean acceptUnknown) {
        this.acceptUnknown = acceptUnknown;
    }

    /** {@code local} or {@code local=area}, comma-separated. */
    public void setAreas(String areas) {
        this.areas.clear();
        if (areas != null) {
            for (String entry : areas.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                String local = normalise(equals < 0 ? trimmed : trimmed.substring(0, equals));
                String area = equals < 0 ? local : trimmed.substring(equals + 1).trim();
                if (!isSafePrefix(area)) {
                    throw new IllegalArgumentException("email.areas: '" + area + "' is not a valid area prefix (letters, digits, . _ -)");
                }
                this.areas.put(local, area);
            }
        }
    }

    /** The area of {@code address}, or empty when it is not configured (and unknown recipients are not accepted). */
    public Optional<String> areaOf(String address) {
        String local = normalise(localPart(address));
        String area = areas.get(local);
        if (area != null) {
            return Optional.of(area);
        }
        if (acceptUnknown && isSafePrefix(local)) {
            return Optional.of(local);
        }
        return Optional.empty();
    }

    public Map<String, String> areas() {
        return Map.copyOf(areas);
    }

    public boolean acceptsUnknown() {
        return acceptUnknown;
    }

    static String localPart(String address) {
        int at = address.indexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** Lower case, {@code +tag} removed: {@code Sheffield+Gas@...} and {@code sheffield@...} are one feed. */
    static String normalise(String localPart) {
        String lower = localPart.trim().toLowerCase(Locale.ROOT);
        int plus = lower.indexOf('+');
        return plus < 0 ? lower : lower.substring(0, plus);
    }

    static boolean isSafePrefix(String area) {
        return area != null && area.matches("[a-z0-9][a-z0-9._-]{0,99}") && !area.contains("..");
    }
}
