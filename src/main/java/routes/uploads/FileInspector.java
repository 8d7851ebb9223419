package routes.uploads;

import java.util.Locale;
import routes.shared.CommaList;

import java.util.Set;

/**
 * Checks one uploaded file: the size rule first (smaller than {@code minBytes} unless the council is exempt, larger
 * than {@code maxBytes}), then the JSON snapshot checks for keys ending {@code .json} and the CSV checks otherwise.
 */
public class FileInspector {
    public static final String TOO_SMALL = "Expected file to be at least 1KB";
    public static final String TOO_BIG = "Expected file to be under 150MB";

    private long minBytes;
    private long maxBytes;
    private Set<String> exemptCouncils = Set.of();
    private final CsvInspector csv = new CsvInspector();
    private final JsonSnapshotInspector json = new JsonSnapshotInspector();

    public FileInspector() {
    }

    public FileInspector(long minBytes, long maxBytes, String exemptCouncils) {
        setMinBytes(minBytes);
        setMaxBytes(maxBytes);
        setMinExemptCouncils(exemptCouncils);
    }

    public void setMinBytes(long minBytes) {
        this.minBytes = minBytes;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Comma-separated council ids exempt from the minimum size. */
    public void setMinExemptCouncils(String councils) {
        this.exemptCouncils = Set.copyOf(CommaList.of(councils));
    }

    /** Whether {@code size} passes the size rule, so the file is worth downloading. */
    public boolean sizeAcceptable(String council, long size) {
        return sizeError(council, size) == null;
    }

    public FileCheck inspect(String council, String key, long size, CsvInspector.ByteSource body) {
        String sizeError = sizeError(council, size);
        if (sizeError != null) {
            return FileCheck.invalid(key, sizeError);
        }
        if (key.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return json.inspect(body, key);
        }
        return csv.inspect(body, key);
    }

    String sizeError(String council, long size) {
        if (size < minBytes && !exemptCouncils.contains(council)) {
            return TOO_SMALL;
        }
        if (size > maxBytes) {
            return TOO_BIG;
        }
        return null;
    }
}
