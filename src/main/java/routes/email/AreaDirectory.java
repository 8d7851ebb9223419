package routes.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.CommaList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps a recipient to its area (the first key segment in the data bucket, which must equal the feed identifier the
 * Energy Sparks application imports). The recipient's local part is lower-cased and its {@code +tag} removed, then
 * looked up in the areas: entries {@code local-part} (area of the same name) or {@code local-part=area}, from
 * {@code email.areas} (comma-separated, e.g. {@code sheffield,sheffield-gas,highland=highlands}) and, when set, the
 * file {@code email.areas-file} (one entry per line, {@code #} comments). The file is looked at again on every email
 * (one file-time check): an area added to it takes effect without a restart, and each change is logged with the
 * areas added and removed (a removal as a warning), so none disappears silently. A file that becomes unreadable or
 * invalid keeps the areas as they were, with an error in the log. Unknown local parts have no area (the email goes to
 * the unprocessable bucket) unless {@code acceptUnknown} is set, the original's catch-all behaviour, in which case the
 * normalised local part is used.
 */
public class AreaDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(AreaDirectory.class);

    private Map<String, String> configured = Map.of();
    private boolean acceptUnknown;
    private Path file;
    private volatile Map<String, String> areas = Map.of();
    private volatile boolean initialised;
    private FileTime loaded;
    private boolean started;
    private boolean unreadableLogged;

    /** A bean configured by its setters ({@code areas}, {@code acceptUnknownAreas}, {@code areasFile}), then {@link #init}. */
    public AreaDirectory() {
    }

    public AreaDirectory(String areas, boolean acceptUnknown) {
        this(areas, acceptUnknown, null);
    }

    public AreaDirectory(String areas, boolean acceptUnknown, String areasFile) {
        setAreas(areas);
        setAcceptUnknownAreas(acceptUnknown);
        setAreasFile(areasFile);
        init();
    }

    /** true = the original's catch-all: any local part becomes an area. */
    public void setAcceptUnknownAreas(boolean acceptUnknown) {
        this.acceptUnknown = acceptUnknown;
    }

    /** {@code local} or {@code local=area}, comma-separated; a bad entry fails here (at startup). */
    public void setAreas(String areas) {
        this.configured = java.util.Collections.unmodifiableMap(parse(areas == null ? "" : areas, ",", "email.areas"));
        this.areas = configured;
    }

    /** Blank for none; it must exist when set (a typo in its path fails at startup, in {@link #init}). */
    public void setAreasFile(String areasFile) {
        this.file = areasFile == null || areasFile.isBlank() ? null : Path.of(areasFile.trim());
    }

    /**
     * Validates the configuration and reads the areas file once (the YAML bean's {@code initMethod}, after its
     * setters): a missing or bad file fails startup.
     */
    public synchronized void init() {
        if (initialised) {
            return;
        }
        areas = configured;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("email.areas-file: " + file + " is not a readable file");
            }
            reloadIfChanged();
        }
        LOG.info("email areas: {}{}", describe(this.areas), file == null ? "" : " (email.areas and " + file + ", watched)");
        initialised = true;
    }

    /** The area of {@code address}, or empty when it is not configured (and unknown recipients are not accepted). */
    public Optional<String> areaOf(String address) {
        current();
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
        current();
        return areas;
    }

    /** Initialised (a bean built by its setters without {@link #init} is validated on first use), file re-read if changed. */
    private void current() {
        if (!initialised) {
            init();
        }
        reloadIfChanged();
    }

    public boolean acceptsUnknown() {
        return acceptUnknown;
    }

    /**
     * Reads the areas file again when its modification time changed since it was last read. At startup a bad file
     * fails (the application does not start with areas it cannot read); later it leaves the areas as they were.
     */
    private synchronized void reloadIfChanged() {
        if (file == null) {
            return;
        }
        FileTime time;
        try {
            time = Files.getLastModifiedTime(file); // follows links: a Kubernetes ConfigMap volume swaps one
        } catch (IOException e) {
            if (!unreadableLogged) {
                LOG.error("email.areas-file {} cannot be read ({}); the areas stay as they were", file, e.toString());
                unreadableLogged = true;
            }
            return;
        }
        unreadableLogged = false;
        if (time.equals(loaded)) {
            return;
        }
        loaded = time;
        Map<String, String> next = new LinkedHashMap<>(configured);
        try {
            next.putAll(parse(Files.readString(file, StandardCharsets.UTF_8), "\n", "email.areas-file " + file));
        } catch (IOException | IllegalArgumentException e) {
            String problem = e instanceof IOException ? "email.areas-file " + file + " cannot be read: " + e : e.getMessage();
            if (!started) {
                throw new IllegalArgumentException(problem, e);
            }
            LOG.error("{}; the areas stay as they were", problem);
            return;
        }
        if (started) {
            logChanges(areas, next);
        }
        areas = java.util.Collections.unmodifiableMap(next);
        started = true;
    }

    private void logChanges(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> added = new TreeSet<>();
        TreeSet<String> removed = new TreeSet<>();
        after.forEach((local, area) -> {
            if (!area.equals(before.get(local))) {
                added.add(local + (local.equals(area) ? "" : "=" + area));
            }
        });
        before.forEach((local, area) -> {
            if (!area.equals(after.get(local))) {
                removed.add(local + (local.equals(area) ? "" : "=" + area));
            }
        });
        if (!removed.isEmpty()) {
            LOG.warn("email areas reloaded from {}: removed {} (emails to them now go to unrouted/), added {}; now {}",
                    file, removed, added, describe(after));
        } else if (!added.isEmpty()) {
            LOG.info("email areas reloaded from {}: added {}; now {}", file, added, describe(after));
        }
    }

    private static String describe(Map<String, String> areas) {
        StringBuilder out = new StringBuilder();
        areas.forEach((local, area) -> out.append(out.length() == 0 ? "" : ", ").append(local)
                .append(local.equals(area) ? "" : "=" + area));
        return out.length() == 0 ? "(none)" : out.toString();
    }

    /** Entries separated by {@code separator}; in a file, {@code #} starts a comment and commas also separate. */
    static Map<String, String> parse(String text, String separator, String source) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : text.split(separator)) {
            int hash = separator.equals("\n") ? line.indexOf('#') : -1;
            for (String trimmed : CommaList.of(hash < 0 ? line : line.substring(0, hash))) {
                int equals = trimmed.indexOf('=');
                String local = normalise(equals < 0 ? trimmed : trimmed.substring(0, equals));
                String area = equals < 0 ? local : trimmed.substring(equals + 1).trim();
                if (!isSafePrefix(area)) {
                    throw new IllegalArgumentException(source + ": '" + area + "' is not a valid area prefix (letters, digits, . _ -)");
                }
                parsed.put(local, area);
            }
        }
        return parsed;
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
