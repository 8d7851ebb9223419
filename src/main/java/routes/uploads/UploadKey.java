package routes.uploads;

import routes.shared.PermanentFailure;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An uploaded object's key, {@code <council>/<election date YYYY-MM-DD>/<timestamp>/<file name>} (already URL
 * decoded). The upload is the folder of the first three segments; every file of one upload shares it.
 */
public record UploadKey(String council, String electionDate, String timestamp, String fileName) {
    public static final String REPORT_FILE = "report.json";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Parses {@code key}; a key of any other shape is wrong input (a {@link PermanentFailure} naming it). */
    public static UploadKey parse(String key) {
        String[] parts = key == null ? new String[0] : key.split("/", -1);
        if (parts.length != 4 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new PermanentFailure("Key '" + key + "' is not <council>/<election date>/<timestamp>/<file>");
        }
        if (!DATE.matcher(parts[1]).matches()) {
            throw new PermanentFailure("Key '" + key + "' is not <council>/<election date>/<timestamp>/<file>: '"
                    + parts[1] + "' is not an election date (YYYY-MM-DD)");
        }
        return new UploadKey(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The upload folder, without the trailing slash: {@code <council>/<date>/<timestamp>}. */
    public String folder() {
        return council + "/" + electionDate + "/" + timestamp;
    }

    public String key() {
        return folder() + "/" + fileName;
    }

    /** Our own report ({@code report.json}); never a council file. */
    public boolean isReport() {
        return REPORT_FILE.equals(fileName);
    }
}
