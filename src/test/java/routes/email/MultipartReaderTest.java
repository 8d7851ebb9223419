package routes.email;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MultipartReader} finds exactly the body parts the mail library finds, with the application's settings. */
class MultipartReaderTest {
    private static final Session SESSION;

    static {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        SESSION = Session.getInstance(properties);
    }

    private static MimeMessage message(byte[] raw) throws Exception {
        return new MimeMessage(SESSION, new SharedByteArrayInputStream(raw));
    }

    /** Each part's headers and raw content, nested multiparts included, as the mail library parses them. */
    private static String library(Part part) throws Exception {
        StringBuilder out = new StringBuilder();
        try {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                describe(multipart.getBodyPart(i), out, true);
            }
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            // the library throws an index error on some malformed part headers, the reader a ParseException
            out.append(e instanceof jakarta.mail.internet.ParseException && !e.getMessage().startsWith("Malformed body part")
                    ? "error: " + e.getMessage() : "error: malformed part");
        }
        return out.toString();
    }

    private static String ours(Part part) throws Exception {
        StringBuilder out = new StringBuilder();
        try {
            for (BodyPart child : MultipartReader.bodyParts(part)) {
                describe(child, out, false);
            }
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            // the library throws an index error on some malformed part headers, the reader a ParseException
            out.append(e instanceof jakarta.mail.internet.ParseException && !e.getMessage().startsWith("Malformed body part")
                    ? "error: " + e.getMessage() : "error: malformed part");
        }
        return out.toString();
    }

    private static void describe(BodyPart part, StringBuilder out, boolean library) throws Exception {
        out.append("[part headers=").append(Collections.list(((jakarta.mail.internet.MimeBodyPart) part).getAllHeaderLines()))
                .append(" content=")
                .append(new String(((jakarta.mail.internet.MimeBodyPart) part).getRawInputStream().readAllBytes(),
                        StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"));
        if (part.isMimeType("multipart/*")) {
            out.append(" children=").append(library ? library(part) : ours(part));
        }
        out.append("]");
    }

    private static void assertSameParts(byte[] raw) throws Exception {
        String what = new String(raw, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
        assertThat(ours(message(raw))).as(what).isEqualTo(library(message(raw)));
    }

    @Test
    void theFixtureEmailsSplitLikeTheLibrary() throws Exception {
        for (byte[] email : List.of(Fixtures.sheffieldEmail(), Fixtures.sheffieldEmailNoAttachments(),
                Fixtures.sheffieldForwarded(), Fixtures.imservEmailWithLink(), Fixtures.imservEmailWithLinkForwarded(),
                Fixtures.emailWithAttachments("a@b.c", "x.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII),
                        "y.zip", "application/zip", Fixtures.sheffieldZip()))) {
            if (message(email).isMimeType("multipart/*")) {
                assertSameParts(email);
            }
        }
        assertThat(ours(message(Fixtures.sheffieldEmail()))).contains("[part headers=");
    }

    private static final String[] EOL = {"\r\n", "\n", "\r"};
    private static final String[] PIECES = {"text", "--", "--b1", "--b1--", "--b1 \t", "--b1x", "-", "\r\n", "\n", "\r",
            "UEsDBBQACAgIAPW6fl0AAAAAAAAAAAAAAAAr", "--b2", "--b2--", " ", "\t", "Content-Type: text/plain", "", " \t ",
            "--b1\t \t--", "--b1--  ", "\r\r\n", "X: a b"};

    /** Random bodies around the delimiter rules: line ends, blanks after it, look-alikes, missing ends, nesting. */
    @Test
    void randomBodiesSplitLikeTheLibrary() throws Exception {
        Random random = new Random(5);
        for (int n = 0; n < 4000; n++) {
            String eol = EOL[random.nextInt(EOL.length)];
            StringBuilder raw = new StringBuilder("From: a@b.c").append(eol)
                    .append("Content-Type: multipart/mixed; boundary=\"b1\"").append(eol).append(eol);
            int pieces = random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                String piece = PIECES[random.nextInt(PIECES.length)];
                if (piece.equals("--b2") && random.nextBoolean()) {
                    piece = "--b1" + eol + "Content-Type: multipart/alternative; boundary=b2" + eol + eol + "--b2";
                }
                raw.append(piece);
                if (random.nextInt(3) == 0) {
                    raw.append(EOL[random.nextInt(EOL.length)]);
                }
            }
            assertSameParts(raw.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** A large base64 attachment crosses the 1 MB blocks: the delimiter after it is still found exactly. */
    @Test
    void aLargePartAcrossBlocks() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(("From: a@b.c\r\nContent-Type: multipart/mixed; boundary=\"==x==\"\r\n\r\npreamble\r\n--==x==\r\n"
                + "Content-Type: application/zip; name=a.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] line = ("A".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 40_000; i++) {
            raw.writeBytes(line);
        }
        raw.writeBytes("--==x== \r\nContent-Type: text/plain\r\n\r\nbye\r\n--==x==--\r\nepilogue".getBytes(StandardCharsets.US_ASCII));
        assertSameParts(raw.toByteArray());
        List<BodyPart> parts = MultipartReader.bodyParts(message(raw.toByteArray()));
        assertThat(parts).hasSize(2);
        assertThat(((jakarta.mail.internet.MimeBodyPart) parts.get(0)).getRawInputStream().readAllBytes()).hasSize(40_000 * 78 - 2);
    }

    /** Long lines (a 3 MB preamble line, thousands of blanks after a delimiter) read like the library, in bounded memory. */
    @Test
    void longLinesSplitLikeTheLibrary() throws Exception {
        String head = "From: a@b.c\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n";
        assertSameParts((head + "x".repeat(3_000_000) + "\r\n--b1" + " \t".repeat(2000) + "\r\n\r\nbody\r\n--b1--")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertSameParts((head + "--b1\r\nA: b\r\n \t \r\nC: d\r\n\r\nbody\r\n--b1 \t \r\n\r\nnext").getBytes(StandardCharsets.ISO_8859_1));
    }
}
