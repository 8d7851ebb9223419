package routes.uploads;

import java.util.List;
import java.util.Locale;

/**
 * The election management system (EMS) that exported a file, guessed from its header row exactly as the original:
 * first cell {@code houseid}, {@code authoritycode} or {@code electiondate}, else any cell {@code xordinate}; compared
 * after lower-casing, without trimming. WDIV maps these exact strings to importers, so they are part of the contract.
 */
public final class Ems {
    public static final String IDOX_EROS = "Idox Eros (Halarose)";
    public static final String XPRESS_WEBLOOKUP = "Xpress WebLookup";
    public static final String XPRESS_DC = "Xpress DC";
    public static final String DEMOCRACY_COUNTS = "Democracy Counts";
    public static final String FCS = "FCS";
    public static final String UNKNOWN = "unknown";

    private Ems() {
    }

    public static String fromHeader(List<String> header) {
        if (header.isEmpty()) {
            return UNKNOWN;
        }
        switch (header.get(0).toLowerCase(Locale.ROOT)) {
            case "houseid":
                return IDOX_EROS;
            case "authoritycode":
                return XPRESS_WEBLOOKUP;
            case "electiondate":
                return XPRESS_DC;
            default:
                break;
        }
        for (String cell : header) {
            if (cell.toLowerCase(Locale.ROOT).equals("xordinate")) {
                return DEMOCRACY_COUNTS;
            }
        }
        return UNKNOWN;
    }
}
