package routes.uploads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One upload being decided: the folder {@code <council>/<date>/<timestamp>} in the uploads bucket, the files listed
 * under it, and what the checks found. One decision is taken per upload and file count; every side effect of that
 * decision is recorded in the ledger under {@link #effectKey(String)}.
 */
public final class Upload {
    /** A file of the upload as the listing showed it. */
    public record ListedFile(String key, long size, String eTag, Instant lastModified) {
    }

    private final String bucket;
    private final UploadKey folderKey;
    private final List<ListedFile> files = new ArrayList<>();
    private final List<FileCheck> checks = new ArrayList<>();
    private String councilName;
    private String githubIssue = "";
    private boolean emailSuppressed;

    public Upload(String bucket, UploadKey anyFileOfIt) {
        this.bucket = bucket;
        this.folderKey = anyFileOfIt;
        this.councilName = anyFileOfIt.council();
    }

    public String bucket() {
        return bucket;
    }

    public String folder() {
        return folderKey.folder();
    }

    public String council() {
        return folderKey.council();
    }

    public String electionDate() {
        return folderKey.electionDate();
    }

    public String timestamp() {
        return folderKey.timestamp();
    }

    public List<ListedFile> files() {
        return files;
    }

    public List<FileCheck> checks() {
        return checks;
    }

    public String councilName() {
        return councilName;
    }

    public void councilName(String name) {
        this.councilName = name;
    }

    public String githubIssue() {
        return githubIssue;
    }

    public void githubIssue(String url) {
        this.githubIssue = url;
    }

    public boolean emailSuppressed() {
        return emailSuppressed;
    }

    public void emailSuppressed(boolean suppressed) {
        this.emailSuppressed = suppressed;
    }

    /** Valid when there is at least one file and every file passed (an empty upload is a failure). */
    public boolean valid() {
        return !checks.isEmpty() && checks.stream().allMatch(FileCheck::csvValid);
    }

    /** For the route's simple expressions ({@code ${body.valid}}). */
    public boolean isValid() {
        return valid();
    }

    /** {@code <gss>-<council name>}, as titles and emails name the council. */
    public String councilLabel() {
        return council() + "-" + councilName;
    }

    /** The ledger key of this upload's decision: its folder and how many files it had. */
    public String decisionKey() {
        return "upload:" + folder() + "#" + files.size();
    }

    /** The ledger key of one side effect of this decision (github-issue, email, webhook). */
    public String effectKey(String effect) {
        return decisionKey() + ":" + effect;
    }

    /**
     * The key the receiver of an effect (the WDIV webhook's {@code Idempotency-Key}) can deduplicate on: SHA-256 of
     * the folder and each listed file's key and ETag, sorted. The same on every retry and replay of this decision; a
     * different file set (the second file of a pair, a re-upload) is a different key.
     */
    public String idempotencyKey() {
        StringBuilder text = new StringBuilder(folder());
        files.stream().map(f -> f.key() + "\u0000" + (f.eTag() == null ? "" : f.eTag())).sorted()
                .forEach(f -> text.append('\n').append(f));
        return routes.shared.Sha256.hex(text.toString());
    }

    public String reportKey() {
        return folder() + "/" + UploadKey.REPORT_FILE;
    }

    @Override
    public String toString() {
        return folder() + " (" + files.size() + " file(s))";
    }
}
