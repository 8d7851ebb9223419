package routes.email;

import org.apache.camel.Exchange;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import routes.shared.TempFiles;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unzips an archive entry by entry, streaming each entry to its own temporary file, within limits: the email's
 * number of files ({@code email.max-files}, in {@link EmailScope}), the bytes of one entry, the bytes unpacked from all the archives of one email together (sibling and nested
 * ones: their files all stay on disk until the email is done), the compression ratio (uncompressed bytes over the
 * compressed bytes read so far, checked while inflating, so a bomb stops early) and the nesting depth. Directory
 * entries are skipped. A symbolic link or another special entry (a pipe, a device: what the central directory's Unix
 * mode says; the streamed local headers do not carry it) is not taken as a file: it becomes an unprocessable entry
 * with the reason (its object holds the bytes the entry stored, e.g. the link target). Entry names are sanitised ({@code ../}, absolute paths, backslashes and control characters
 * removed), so every entry stays under the archive's own folder. Any violation, a corrupt or encrypted archive, or an
 * archive with no files throws {@link Unprocessable} with the reason, after deleting what was extracted: the archive
 * then goes to the unprocessable bucket as a whole and no part of it reaches the data bucket.
 */
// Not camel-zipfile: its streaming split has no entry, total-size, ratio, count or depth limit.
public class SafeUnzipper {
    private static final int BUFFER = 256 * 1024;
    /** Below this many uncompressed bytes the ratio is not judged (tiny, highly compressible files are normal). */
    private static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private long maxEntryBytes;
    /** For the whole email, not per archive. */
    private long maxTotalBytes;
    private int maxRatio;
    private int maxDepth;

    public SafeUnzipper() {
    }

    public SafeUnzipper(long maxEntryBytes, long maxTotalBytes, int maxRatio, int maxDepth) {
        setMaxEntryBytes(maxEntryBytes);
        setMaxTotalBytes(maxTotalBytes);
        setMaxRatio(maxRatio);
        setMaxDepth(maxDepth);
    }

    public void setMaxEntryBytes(long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    /** Everything unpacked from all the archives of one email together. */
    public void setMaxTotalBytes(long maxTotalBytes) {
        this.maxTotalBytes = maxTotalBytes;
    }

    public void setMaxRatio(int maxRatio) {
        this.maxRatio = maxRatio;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * The files of {@code archive}, keyed {@code <archive key up to its last "/">/<sanitised entry name>}, one level
     * deeper than the archive, each key unique in the email ({@link EmailKeys#replace}): two archives holding
     * {@code export.csv}, or the entries {@code ../x.csv} and {@code x.csv}, give {@code export.csv} and
     * {@code export-2.csv}.
     */
    public List<IncomingFile> expand(IncomingFile archive, Exchange exchange) throws IOException {
        EmailScope scope = EmailScope.of(exchange);
        List<IncomingFile> files = unpack(archive, scope);
        scope.replaced(files.size());
        return EmailKeys.replace(exchange, archive, files);
    }

    /**
     * {@code emailBytes}: the bytes the email's archives unpacked so far, this one's added as they come. An archive
     * that is refused (or fails) gives its bytes back: its files are deleted at once.
     */
    private List<IncomingFile> unpack(IncomingFile archive, EmailScope scope) throws IOException {
        AtomicLong emailBytes = scope.unpackedBytes;
        if (archive.depth() >= maxDepth) {
            throw new Unprocessable("'" + archive.name() + "' is a zip nested " + (archive.depth() + 1)
                    + " levels deep; the limit is " + maxDepth);
        }
        String folder = archive.key().contains("/") ? archive.key().substring(0, archive.key().lastIndexOf('/') + 1) : "";
        Path directory = archive.file().toAbsolutePath().getParent();
        List<IncomingFile> files = new ArrayList<>();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[BUFFER];
        boolean unpacked = false;
        Map<String, String> special = specialEntries(archive.file());
        try (CountingInputStream counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(archive.file()), BUFFER));
             ZipInputStream zip = new ZipInputStream(counted)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = sanitise(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                scope.checkRoomFor(archive.name(), ++entries, "files");
                Path out = Files.createTempFile(directory, "entry-", ".tmp");
                String kind = special.get(entry.getName());
                files.add(new IncomingFile(archive.emailId(), baseName(name), folder + name, out, null, archive.depth() + 1,
                        kind == null ? null : "'" + archive.name() + "': entry '" + name + "' is " + kind
                                + ", not a file: links and other special entries are not unpacked"));
                long entryBytes = 0;
                try (OutputStream target = Files.newOutputStream(out)) {
                    int n;
                    while ((n = zip.read(buffer)) > 0) {
                        entryBytes += n;
                        total += n;
                        long emailTotal = emailBytes.addAndGet(n);
                        if (entryBytes > maxEntryBytes) {
                            throw new Unprocessable("'" + archive.name() + "': entry '" + name + "' is over the limit of " + maxEntryBytes + " bytes");
                        }
                        if (emailTotal > maxTotalBytes) {
                            throw new Unprocessable("'" + archive.name() + "' unpacks to more than the limit of " + maxTotalBytes
                                    + " bytes for one email (email.unzip.max-total-bytes counts all the email's archives together; "
                                    + (emailTotal - total) + " bytes came from its other archives)");
                        }
                        if (total > RATIO_GRACE_BYTES && total > (long) maxRatio * Math.max(1, counted.count)) {
                            throw new Unprocessable("'" + archive.name() + "' has a compression ratio over " + maxRatio
                                    + ":1 (" + total + " bytes from " + counted.count + "): a zip bomb?");
                        }
                        target.write(buffer, 0, n);
                    }
                }
            }
            unpacked = true;
        } catch (ZipException | IllegalArgumentException | java.io.EOFException e) {
            throw new Unprocessable("'" + archive.name() + "' is not a readable zip archive: " + e.getMessage(), e);
        } finally {
            if (!unpacked) {
                files.forEach(file -> TempFiles.delete(file.file()));
                emailBytes.addAndGet(-total);
            }
        }
        if (files.isEmpty()) {
            throw new Unprocessable("'" + archive.name() + "' contains no files (or is not a zip archive)");
        }
        return files;
    }

    /**
     * Entry name to what it is, for the entries of the central directory that are neither files nor directories by
     * their Unix mode: "a symbolic link (to '...')", "a named pipe", "a device", "a socket". Empty when the central
     * directory cannot be read (the streaming read then judges the archive as before).
     */
    static Map<String, String> specialEntries(Path archive) {
        Map<String, String> special = new HashMap<>();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(zip.getEntries())) {
                if (entry.getPlatform() != ZipArchiveEntry.PLATFORM_UNIX) {
                    continue;
                }
                int type = entry.getUnixMode() & 0170000;
                String kind = switch (type) {
                    case 0, 0100000, 0040000 -> null; // unknown, regular file, directory
                    case 0120000 -> "a symbolic link (to '" + linkTarget(zip, entry) + "')";
                    case 0010000 -> "a named pipe";
                    case 0020000, 0060000 -> "a device";
                    case 0140000 -> "a socket";
                    default -> "a special entry (Unix mode " + Integer.toOctalString(entry.getUnixMode()) + ")";
                };
                if (kind != null) {
                    special.put(entry.getName(), kind);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return special;
    }

    private static String linkTarget(ZipFile zip, ZipArchiveEntry entry) {
        try {
            String target = zip.getUnixSymlink(entry);
            return target == null ? "?" : EmailOutputs.abbreviated(EmailOutputs.ascii(target), 200);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Removes {@code ../}, {@code ./}, leading slashes, drive letters, backslashes and control characters. */
    public static String sanitise(String entryName) {
        String unified = entryName.replace('\\', '/');
        StringBuilder clean = new StringBuilder();
        for (String segment : unified.split("/")) {
            String s = segment.replaceAll("[\\p{Cntrl}]", "").strip();
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.matches("[A-Za-z]:")) {
                continue;
            }
            if (clean.length() > 0) {
                clean.append('/');
            }
            clean.append(s);
        }
        return clean.toString();
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }


    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
