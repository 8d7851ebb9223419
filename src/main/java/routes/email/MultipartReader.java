package routes.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import jakarta.mail.internet.SharedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The body parts of a multipart part of a spooled email, found the way the mail library's {@code MimeMultipart}
 * finds them with this application's session settings (a missing end boundary tolerated, no empty multiparts), but
 * several times faster on large attachments: the library moves a boundary-sized window through the body with a
 * mark, a read, a reset and a skip per step; this reads the body in 1 MB blocks and only looks closer where a byte
 * equals the boundary's first one (a dash, which base64 never contains). The rules are the library's:
 * <ul>
 *   <li>preamble lines (trailing spaces and TABs ignored) up to the line {@code --boundary}; the line
 *   {@code --boundary--} or the end first means "Missing start boundary";</li>
 *   <li>each part: its headers up to an empty line (the end of the body first drops that part), then content up to
 *   the first {@code --boundary} that starts the content or follows a CR or LF (which, with a CR before a LF, is
 *   not content) and is followed either by {@code --} (the last part) or by spaces/TABs and a line end; without one,
 *   the part runs to the end of the body.</li>
 * </ul>
 * Parts are views of the spooled file ({@link SharedInputStream}), never copies. Where this does not apply (no
 * shared stream, an encoded multipart, no boundary parameter) the library parses.
 */
final class MultipartReader {
    private static final int BLOCK = 1 << 20;
    /** What {@link Cursor#readLine} returns for a line longer than asked for (no real line: it holds a NUL). */
    static final String LONG_LINE = "\u0000long line";
    /** Bytes kept before the current position when the buffer is compacted: enough to see a CRLF before a boundary. */
    private static final int BEHIND = 2;

    private MultipartReader() {
    }

    /**
     * How a multipart ended: with its close delimiter, cut off (the email truncated) inside a part, or not read to
     * its end because it has more parts than asked for.
     */
    enum Ending { CLOSED, CUT_IN_CONTENT, CUT_IN_HEADERS, TOO_MANY_PARTS }

    /**
     * The body parts of a multipart and how it ended. Cut off in content: the last part ran to the end of the body
     * without a delimiter (the library's tolerated "missing end boundary"), so its content is incomplete. Cut off in
     * headers: the body ended inside the headers of a part after the last delimiter, so that part is missing.
     */
    record Parts(List<BodyPart> list, Ending ending) {
    }

    /** The body parts of {@code part}, a {@code multipart/*} part; empty when its content is not a multipart. */
    static List<BodyPart> bodyParts(Part part) throws MessagingException, IOException {
        return parts(part, Integer.MAX_VALUE).list();
    }

    /**
     * {@link #bodyParts} and how the multipart ended; at most {@code maxParts} parts (each holds its headers and a
     * view of the file, some kB): a multipart with more ends {@link Ending#TOO_MANY_PARTS}.
     */
    static Parts parts(Part part, int maxParts) throws MessagingException, IOException {
        String boundary = boundary(part);
        InputStream raw = boundary == null ? null : rawShared(part);
        if (raw == null) {
            Parts parts = viaLibrary(part);
            return parts.list().size() > maxParts ? new Parts(parts.list().subList(0, maxParts), Ending.TOO_MANY_PARTS) : parts;
        }
        try (raw) {
            return read((SharedInputStream) raw, "--" + boundary, maxParts);
        }
    }

    private static Parts viaLibrary(Part part) throws MessagingException, IOException {
        List<BodyPart> parts = new ArrayList<>();
        boolean complete = true;
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                parts.add(multipart.getBodyPart(i));
            }
            complete = !(multipart instanceof jakarta.mail.internet.MimeMultipart mime) || mime.isComplete();
        }
        return new Parts(parts, complete ? Ending.CLOSED : Ending.CUT_IN_CONTENT);
    }

    private static String boundary(Part part) {
        try {
            String type = part.getContentType();
            return type == null ? null : new ContentType(type).getParameter("boundary");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The undecoded content as a view of the spooled file, when it is one and needs no decoding. */
    private static InputStream rawShared(Part part) throws MessagingException {
        String encoding;
        InputStream raw;
        if (part instanceof MimeMessage message) {
            encoding = message.getEncoding();
            raw = message.getRawInputStream();
        } else if (part instanceof MimeBodyPart body) {
            encoding = body.getEncoding();
            raw = body.getRawInputStream();
        } else {
            return null;
        }
        String e = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        if (raw instanceof SharedInputStream && (e.isEmpty() || e.equals("7bit") || e.equals("8bit") || e.equals("binary"))) {
            return raw;
        }
        closeQuietly(raw);
        return null;
    }

    static Parts read(SharedInputStream body, String boundary) throws MessagingException, IOException {
        return read(body, boundary, Integer.MAX_VALUE);
    }

    static Parts read(SharedInputStream body, String boundary, int maxParts) throws MessagingException, IOException {
        Cursor in = new Cursor((InputStream) body);
        String line;
        while ((line = in.readLine(boundary.length() + 2, true)) != null) {
            if (line.equals(boundary)) {
                break;
            }
            if (line.length() == boundary.length() + 2 && line.startsWith(boundary) && line.endsWith("--")) {
                line = null;
                break;
            }
        }
        if (line == null) {
            throw new ParseException("Missing start boundary");
        }
        byte[] delimiter = boundary.getBytes(StandardCharsets.ISO_8859_1);
        List<BodyPart> parts = new ArrayList<>();
        while (true) {
            if (parts.size() >= maxParts) {
                return new Parts(parts, Ending.TOO_MANY_PARTS);
            }
            long start = in.position();
            while ((line = in.readLine(0, false)) != null && !line.isEmpty()) {
                // the part's headers: MimeBodyPart reads them from its own view
            }
            if (line == null) {
                return new Parts(parts, Ending.CUT_IN_HEADERS); // the body ended inside a part's headers: no such part
            }
            long end = in.nextDelimiter(delimiter);
            boolean found = end >= 0;
            parts.add(part(body, start, found ? end : in.position()));
            if (!found) {
                return new Parts(parts, Ending.CUT_IN_CONTENT);
            }
            if (in.lastDelimiterClosed()) {
                return new Parts(parts, Ending.CLOSED);
            }
        }
    }

    private static MimeBodyPart part(SharedInputStream body, long start, long end) throws MessagingException {
        InputStream view = body.newStream(start, end);
        try {
            return new MimeBodyPart(view);
        } catch (RuntimeException e) {
            // the library fails on some malformed headers (a continuation line first) with an index error
            throw new ParseException("Malformed body part headers: " + e);
        } finally {
            closeQuietly(view);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a view of the spooled file: nothing to release
        }
    }

    /** A block-buffered stream with its absolute position and a look at the two bytes before it. */
    static final class Cursor {
        private final InputStream in;
        private final byte[] buffer = new byte[BLOCK];
        private long base; // the stream offset of buffer[0]
        private int pos;
        private int limit;
        private boolean eof;
        private boolean lastClosed;

        Cursor(InputStream in) {
            this.in = in;
        }

        long position() {
            return base + pos;
        }

        /** Makes at least {@code need} bytes from {@code pos} available unless the stream ends; false if it cannot. */
        private boolean ensure(int need) throws IOException {
            if (limit - pos >= need) {
                return true;
            }
            if (need > buffer.length - BEHIND) {
                return false;
            }
            if (buffer.length - pos < need) {
                int keep = Math.max(0, pos - BEHIND);
                System.arraycopy(buffer, keep, buffer, 0, limit - keep);
                base += keep;
                pos -= keep;
                limit -= keep;
            }
            while (!eof && limit - pos < need) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
            return limit - pos >= need;
        }

        /** The byte at stream offset {@code at} (not before {@code pos - 2}), or -1 past the end. */
        private int byteAt(long at) throws IOException {
            long index = at - base;
            if (index >= limit && !ensure((int) Math.min(Integer.MAX_VALUE, index - pos + 1))) {
                return -1;
            }
            return buffer[(int) (at - base)] & 0xFF;
        }

        /**
         * The next line without its end (LF, CRLF, CR CR LF or a lone CR), with {@code stripBlanks} also without
         * trailing spaces and TABs, bytes as ISO-8859-1; {@link #LONG_LINE} when that is longer than {@code limit}
         * (memory stays bounded whatever the line); null at the end of the stream.
         */
        String readLine(int limit, boolean stripBlanks) throws IOException {
            StringBuilder line = new StringBuilder();
            StringBuilder blanks = new StringBuilder(); // trailing spaces and TABs, kept only while they could matter
            boolean any = false;
            boolean tooLong = false;
            while (true) {
                if (!ensure(1)) {
                    return !any ? null : tooLong ? LONG_LINE : line.toString();
                }
                any = true;
                int b = buffer[pos++] & 0xFF;
                if (b == '\n') {
                    return tooLong ? LONG_LINE : line.toString();
                }
                if (b == '\r') {
                    // like the library's line reader: CRLF, a lone CR, or CR CR LF (an extraneous CR dropped)
                    if (ensure(1) && buffer[pos] == '\n') {
                        pos++;
                    } else if (ensure(2) && buffer[pos] == '\r' && buffer[pos + 1] == '\n') {
                        pos += 2;
                    }
                    return tooLong ? LONG_LINE : line.toString();
                }
                if (tooLong) {
                    continue;
                }
                if (stripBlanks && (b == ' ' || b == '\t')) {
                    if (line.length() + blanks.length() < limit) {
                        blanks.append((char) b);
                    } else {
                        blanks.append(' ').setLength(limit); // only "too long if anything follows" matters now
                    }
                    continue;
                }
                if (line.length() + blanks.length() + 1 > limit) {
                    tooLong = true;
                    continue;
                }
                line.append(blanks).append((char) b);
                blanks.setLength(0);
            }
        }

        /**
         * Moves past the next delimiter line of a part's content that starts here and returns where the content ends
         * (before the line end that precedes the delimiter), or -1, at the end of the stream, when there is none.
         */
        long nextDelimiter(byte[] delimiter) throws IOException {
            final long contentStart = position();
            final int length = delimiter.length;
            final byte first = delimiter[0];
            while (true) {
                if (!ensure(length)) {
                    pos = limit;
                    return -1;
                }
                final byte[] buf = buffer;
                int last = limit - length;
                int i = pos;
                while (i <= last && buf[i] != first) {
                    i++;
                }
                if (i > last) {
                    pos = last + 1; // the tail is looked at again with more bytes
                    continue;
                }
                pos = i;
                long at = base + i;
                if (matches(buf, i, delimiter)) {
                    int lineEnd = at == contentStart ? 0 : lineEndBefore(i, at - contentStart);
                    if (at == contentStart || lineEnd > 0) {
                        long after = afterDelimiterLine(at + length);
                        if (after >= 0) {
                            long end = at - lineEnd;
                            pos = (int) (after - base);
                            return end;
                        }
                    }
                }
                pos = (int) (at - base) + 1;
            }
        }

        /** Whether the delimiter {@link #nextDelimiter} found last was the close delimiter ({@code --boundary--}). */
        boolean lastDelimiterClosed() {
            return lastClosed;
        }

        private static boolean matches(byte[] buf, int i, byte[] delimiter) {
            for (int k = delimiter.length - 1; k > 0; k--) {
                if (buf[i + k] != delimiter[k]) {
                    return false;
                }
            }
            return true;
        }

        /** 2 for a CRLF right before index {@code i}, 1 for a LF or CR, 0 for none (only content bytes count). */
        private int lineEndBefore(int i, long contentBefore) {
            int b = buffer[i - 1];
            if (b != '\r' && b != '\n') {
                return 0;
            }
            return b == '\n' && contentBefore >= 2 && buffer[i - 2] == '\r' ? 2 : 1;
        }

        /**
         * After a delimiter ending at {@code at}: the offset after {@code --} (the close delimiter; the rest is
         * ignored) or after optional spaces/TABs and a line end; -1 when something else follows.
         */
        private long afterDelimiterLine(long at) throws IOException {
            int b = byteAt(at);
            lastClosed = false;
            if (b == '-' && byteAt(at + 1) == '-') {
                lastClosed = true;
                return at + 2;
            }
            while (b == ' ' || b == '\t') {
                b = byteAt(++at);
            }
            if (b == '\n') {
                return at + 1;
            }
            if (b == '\r') {
                return byteAt(at + 1) == '\n' ? at + 2 : at + 1;
            }
            return -1;
        }
    }
}
