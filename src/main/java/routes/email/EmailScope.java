package routes.email;

import org.apache.camel.Exchange;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all the files of one email share: the keys already used ({@link EmailKeys#unique}), the bytes unpacked from
 * its archives so far ({@link SafeUnzipper}) and its number of files against the one limit {@code email.max-files}
 * (attachments, zip entries and converted sheets alike; an archive or workbook that is unpacked gives its place to
 * what it holds). Started where the attachments are extracted, before the email's files are split: the split's
 * sub-exchanges (and theirs, for nested zips) copy the exchange property by reference, so they all see the one scope;
 * a retried extraction starts a fresh one and so numbers keys the same way.
 */
final class EmailScope {
    static final String PROPERTY = "EmailScope";

    final Set<String> usedKeys = new HashSet<>();
    final AtomicLong unpackedBytes = new AtomicLong();
    /** The email's files so far. */
    final AtomicInteger files = new AtomicInteger();
    final int maxFiles;

    private EmailScope(int maxFiles) {
        this.maxFiles = maxFiles;
    }

    /** Starts a fresh scope for the email of this exchange. */
    static EmailScope start(Exchange exchange, int maxFiles) {
        EmailScope scope = new EmailScope(maxFiles);
        exchange.setProperty(PROPERTY, scope);
        return scope;
    }

    /** The email's scope, started here (without a file limit) if no step started it (a file routed on its own, as in some tests). */
    static EmailScope of(Exchange exchange) {
        EmailScope scope = exchange.getProperty(PROPERTY, EmailScope.class);
        return scope != null ? scope : start(exchange, Integer.MAX_VALUE);
    }

    /** The one reason for every kind of file over the limit; {@code detail} says which files. */
    Unprocessable tooManyFiles(String detail) {
        return new Unprocessable("the email has more than " + maxFiles + " files (email.max-files counts attachments,"
                + " zip entries and spreadsheet sheets together): " + detail);
    }

    /**
     * For a container (archive, workbook) about to be replaced by {@code parts} files: throws {@link #tooManyFiles}
     * when they do not fit beside the email's other files ({@code what}: "files", "sheets").
     */
    void checkRoomFor(String container, int parts, String what) {
        int others = Math.max(0, files.get() - 1); // the container's own place goes to its parts
        if (others + parts > maxFiles) {
            throw tooManyFiles("'" + container + "' has more " + what + " than the " + Math.max(0, maxFiles - others)
                    + " left (" + others + " are the email's other files)");
        }
    }

    /** A container was replaced by {@code parts} files. */
    void replaced(int parts) {
        files.addAndGet(parts - 1);
    }
}
