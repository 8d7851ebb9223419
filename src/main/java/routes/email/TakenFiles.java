package routes.email;

import java.util.ArrayList;

/**
 * The files taken from an email (its attachments, or the reports its links lead to) and why some could not be taken
 * ({@link #shortfall()}: {@code "; <reason>"} each, empty when nothing was missed), which the route keeps for the
 * unprocessable reason when nothing could be taken at all.
 */
public final class TakenFiles extends ArrayList<IncomingFile> {
    private final StringBuilder shortfall = new StringBuilder();

    void missed(String reason) {
        shortfall.append("; ").append(reason);
    }

    public String shortfall() {
        return shortfall.toString();
    }
}
