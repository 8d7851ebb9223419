package routes.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    public AttachmentExtractor() {
    }

    public AttachmentExtractor(long maxAttachmentBytes) {
        setMaxAttachmentBytes(maxAttachmentBytes);
    }

    /** A larger attachment is unprocessable. */
    public void setMaxAttachmentBytes(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** Exchange property: why the MIME structure could not be read (then the email has no attachments). */
    public static final String MIME_PROBLEM = "EmailMimeProblem";

    public List<IncomingFile> extract(ReceivedEmail email, Exchange exchange) throws IOException {
        EmailScope.start(exchange); // before the email's files are split: every sub-exchange sees the same scope
        List<IncomingFile> files = new ArrayList<>();
        try {
            collect(email, email.message(), files, exchange, 0);
        } catch (MessagingException e) {
            LOG.warn("email {}: MIME structure unreadable ({}); treated as having no attachments", email.id(), e.getMessage());
            exchange.setProperty(MIME_PROBLEM, "; MIME structure unreadable: " + e.getMessage());
        }
        return files;
    }

    private void collect(ReceivedEmail email, Part part, List<IncomingFile> files, Exchange exchange, int level)
            throws MessagingException, IOException {
        if (level > 20) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            for (BodyPart child : MultipartReader.bodyParts(part)) {
                collect(email, child, files, exchange, level + 1);
            }
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
        String key = EmailKeys.unique(exchange, email.prefix() + "/" + name);
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
            Files.deleteIfExists(file);
            LOG.warn("email {}: attachment '{}' is over the limit of {} bytes", email.id(), name, maxAttachmentBytes);
            files.add(new IncomingFile(email.id(), name, key, email.raw(), "message/rfc822", 0,
                    "attachment '" + name + "' is over the limit of " + maxAttachmentBytes
                            + " bytes (email.max-attachment-bytes); the stored object is the whole original email"));
            return;
        }
        LOG.info("email {}: attachment '{}' ({} bytes, {})", email.id(), name, size, contentType);
        files.add(new IncomingFile(email.id(), name, key, file, contentType, 0));
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
