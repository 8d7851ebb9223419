package routes.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.TempFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The attachments of an email, each decoded into its own temporary file (streamed from the spooled email, never in
 * the heap) and keyed {@code <prefix>/<filename>}. A part is an attachment when it has a file name: the
 * Content-Disposition {@code filename} or else the Content-Type {@code name} (RFC 2231 and RFC 2047 encodings decoded,
 * folders stripped). Inline images (signature logos: {@code image/*} shown inline or referenced by Content-ID) are
 * ignored. An attachment over {@code maxAttachmentBytes} is not kept: it becomes an unprocessable entry whose file is
 * the whole original email, with the reason. A multipart whose boundary matches nothing yields no attachments.
 */
public class AttachmentExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentExtractor.class);

    private long maxAttachmentBytes;
    private int maxFiles;

    public AttachmentExtractor() {
    }

    public AttachmentExtractor(long maxAttachmentBytes, int maxFiles) {
        setMaxAttachmentBytes(maxAttachmentBytes);
        setMaxFiles(maxFiles);
    }

    /** A larger attachment is unprocessable. */
    public void setMaxAttachmentBytes(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** More attachments than this make the whole email unprocessable. */
    public void setMaxFiles(int maxFiles) {
        this.maxFiles = maxFiles;
    }

    /** An attachment found in the MIME structure, not yet decoded; {@code cut}: its part ends without a boundary. */
    private record Found(Part part, String name, boolean cut) {
    }

    /**
     * The email's attachments. The parts are found first (views of the spooled email, nothing decoded), so an email
     * with more than {@code maxFiles} attachments is refused as a whole ({@link Unprocessable}) before any is decoded.
     * An attachment whose part is cut off (the email ends without the part's boundary: it was truncated) is not
     * decoded: it becomes an unprocessable entry whose file is the whole original email, like one over the size
     * limit; an email cut off inside a part's headers (that part is lost) gets such an entry for the whole email.
     */
    public TakenFiles extract(ReceivedEmail email, Exchange exchange) throws IOException {
        // before the email's files are split: every sub-exchange sees the same scope
        EmailScope scope = EmailScope.start(exchange, maxFiles);
        List<Found> found = new ArrayList<>();
        boolean[] cutInHeaders = {false};
        String mimeProblem = null;
        int[] partsLeft = {maxParts()};
        try {
            collect(email, email.message(), found, cutInHeaders, partsLeft, scope, 0, false);
        } catch (MessagingException e) {
            LOG.warn("email {}: MIME structure unreadable ({}); treated as having no attachments", email.id(), e.getMessage());
            mimeProblem = "MIME structure unreadable: " + e.getMessage();
        }
        if (found.size() > maxFiles) {
            throw scope.tooManyFiles("it has more than " + maxFiles + " attachments");
        }
        TakenFiles files = new TakenFiles();
        try {
            for (Found attachment : found) {
                files.add(take(email, attachment, exchange));
            }
        } catch (MessagingException e) {
            LOG.warn("email {}: MIME structure unreadable ({}); the attachments after it are not taken", email.id(), e.getMessage());
            mimeProblem = "MIME structure unreadable: " + e.getMessage();
        }
        if (mimeProblem != null) {
            files.missed(mimeProblem);
        }
        if (cutInHeaders[0]) {
            String reason = "the email ends inside the headers of a MIME part, without a boundary (it was truncated):"
                    + " a part is missing; the stored object is the whole original email";
            LOG.warn("email {}: {}", email.id(), reason);
            files.add(new IncomingFile(email.id(), EmailKeys.emlName(email.id()),
                    EmailKeys.unique(exchange, email.prefix() + "/" + EmailKeys.emlName(email.id())), email.raw(),
                    "message/rfc822", 0, reason));
        }
        scope.files.set(files.size());
        return files;
    }

    /** MIME parts read at most: the file limit and room for bodies, alternatives and signatures. */
    private int maxParts() {
        return maxFiles > Integer.MAX_VALUE - 100 ? Integer.MAX_VALUE : maxFiles + 100;
    }

    private void collect(ReceivedEmail email, Part part, List<Found> found, boolean[] cutInHeaders, int[] partsLeft,
                         EmailScope scope, int level, boolean cut) throws MessagingException, IOException {
        if (level > 20 || found.size() > maxFiles) {
            return; // one attachment over the limit is enough to refuse the email: the others are not even looked at
        }
        if (part.isMimeType("multipart/*")) {
            MultipartReader.Parts parts = MultipartReader.parts(part, partsLeft[0]);
            if (parts.ending() == MultipartReader.Ending.TOO_MANY_PARTS) {
                throw scope.tooManyFiles("it has more than " + maxParts() + " MIME parts");
            }
            List<BodyPart> children = parts.list();
            partsLeft[0] -= children.size();
            for (int i = 0; i < children.size(); i++) {
                boolean last = i == children.size() - 1;
                collect(email, children.get(i), found, cutInHeaders, partsLeft, scope, level + 1,
                        last && parts.ending() == MultipartReader.Ending.CUT_IN_CONTENT);
            }
            cutInHeaders[0] |= parts.ending() == MultipartReader.Ending.CUT_IN_HEADERS;
            return;
        }
        String name = fileName(part);
        if (name == null) {
            return;
        }
        if (isInlineImage(part)) {
            LOG.info("email {}: inline image '{}' ignored", email.id(), name);
            return;
        }
        found.add(new Found(part, name, cut));
    }

    /** One attachment decoded into its own temporary file, or the reason it is not. */
    private IncomingFile take(ReceivedEmail email, Found attachment, Exchange exchange) throws IOException, MessagingException {
        Part part = attachment.part();
        String name = attachment.name();
        String key = EmailKeys.unique(exchange, email.prefix() + "/" + name);
        if (attachment.cut()) {
            String reason = "attachment '" + name + "' is cut off: its MIME part ends without a boundary (the email was"
                    + " truncated); the stored object is the whole original email";
            LOG.warn("email {}: {}", email.id(), reason);
            return new IncomingFile(email.id(), name, key, email.raw(), "message/rfc822", 0, reason);
        }
        String contentType = baseType(part.getContentType());
        Path file = Files.createTempFile(email.scratch(), "attachment-", ".tmp");
        long size = 0;
        boolean oversize = false;
        try (InputStream in = decoded(part); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                size += n;
                if (size > maxAttachmentBytes) {
                    oversize = true;
                    break;
                }
                out.write(buffer, 0, n);
            }
        }
        if (oversize) {
            TempFiles.delete(file);
            LOG.warn("email {}: attachment '{}' is over the limit of {} bytes", email.id(), name, maxAttachmentBytes);
            return new IncomingFile(email.id(), name, key, email.raw(), "message/rfc822", 0,
                    "attachment '" + name + "' is over the limit of " + maxAttachmentBytes
                            + " bytes (email.max-attachment-bytes); the stored object is the whole original email");
        }
        LOG.info("email {}: attachment '{}' ({} bytes, {})", email.id(), name, size, contentType);
        return new IncomingFile(email.id(), name, key, file, contentType, 0);
    }

    /**
     * The decoded content of a part, streamed from the spooled email. Base64 (nearly every attachment) is decoded
     * by {@link Base64Stream}, several times faster than the mail library; other encodings by the library.
     */
    static InputStream decoded(Part part) throws MessagingException, IOException {
        if (part instanceof jakarta.mail.internet.MimePart mime && "base64".equalsIgnoreCase(encodingOf(mime))
                && mime instanceof jakarta.mail.internet.MimeBodyPart body) {
            return new Base64Stream(body.getRawInputStream());
        }
        return part.getInputStream();
    }

    private static String encodingOf(jakarta.mail.internet.MimePart part) {
        try {
            String encoding = part.getEncoding();
            return encoding == null ? null : encoding.trim();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The decoded file name of a part, folders stripped, or null when it has none. */
    static String fileName(Part part) throws MessagingException {
        String raw = null;
        try {
            raw = part.getFileName();
        } catch (MessagingException e) {
            // a malformed Content-Disposition: fall back to the Content-Type name below
        }
        if (raw == null) {
            String[] type = part.getHeader("Content-Type");
            if (type != null && type.length > 0) {
                try {
                    raw = new ContentType(type[0]).getParameter("name");
                } catch (ParseException e) {
                    raw = null;
                }
            }
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String decoded = raw;
        if (raw.contains("=?")) {
            try {
                decoded = MimeUtility.decodeText(raw);
            } catch (UnsupportedEncodingException e) {
                decoded = raw;
            }
        }
        String base = decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return null;
        }
        return clean;
    }

    static boolean isInlineImage(Part part) throws MessagingException {
        if (!part.isMimeType("image/*")) {
            return false;
        }
        String disposition;
        try {
            disposition = part.getDisposition();
        } catch (MessagingException e) {
            disposition = null;
        }
        if (disposition != null) {
            return disposition.toLowerCase(Locale.ROOT).equals(Part.INLINE);
        }
        String[] contentId = part.getHeader("Content-ID");
        return contentId != null && contentId.length > 0;
    }

    static String baseType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return null;
        }
    }
}
