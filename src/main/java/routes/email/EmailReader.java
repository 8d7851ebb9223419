package routes.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.S3ObjectRef;
import routes.shared.S3Spool;
import routes.shared.TempFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the raw email an SES receipt rule stored in the inbox bucket: spools it to a temporary file (bounded by
 * {@code maxEmailBytes}), parses it from the file, and resolves its recipient, area and key prefix. The files live in
 * a scratch folder removed when the exchange completes. An email without a recipient, for an unknown area, or whose
 * headers cannot be parsed is returned with a {@code problem} (it then goes to the unprocessable bucket), not thrown.
 */
public class EmailReader {
    private static final Logger LOG = LoggerFactory.getLogger(EmailReader.class);

    private S3Spool spool;
    private AreaDirectory areas;
    private EmailKeys keys;
    private long maxEmailBytes;
    private final Session session;

    public EmailReader(S3Spool spool, AreaDirectory areas, EmailKeys keys, long maxEmailBytes) {
        this();
        setSpool(spool);
        setAreas(areas);
        setKeys(keys);
        setMaxEmailBytes(maxEmailBytes);
    }

    public void setSpool(S3Spool spool) {
        this.spool = spool;
    }

    public void setAreas(AreaDirectory areas) {
        this.areas = areas;
    }

    public void setKeys(EmailKeys keys) {
        this.keys = keys;
    }

    /** A larger email is dead-lettered without being read. */
    public void setMaxEmailBytes(long maxEmailBytes) {
        this.maxEmailBytes = maxEmailBytes;
    }

    public EmailReader() {
        Properties properties = new Properties();
        // lenient like the original's MIME library: a boundary that matches nothing is "no parts", not a crash
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        properties.setProperty("mail.mime.decodefilename", "true");
        this.session = Session.getInstance(properties);
    }

    /**
     * The stored email {@code ref} as a {@link ReceivedEmail}. The exchange only owns the email's files: they are
     * removed when it completes.
     */
    public ReceivedEmail read(S3ObjectRef ref, Exchange exchange) {
        String id = ref.key(); // the whole inbox key: the email-id metadata of every object, as documented
        Path scratch = scratchFolder(exchange);
        S3Spool.SpooledObject spooled = spool.spool(exchange, ref.bucket(), ref.key(), maxEmailBytes);
        return parse(id, ref.bucket(), ref.key(), spooled.file(), spooled.metadata(), receivedAt(ref), scratch, exchange);
    }

    ReceivedEmail parse(String id, String bucket, String key, Path raw, java.util.Map<String, String> metadata,
                        Instant receivedAt, Path scratch, Exchange exchange) {
        MimeMessage message;
        try {
            SharedFileInputStream in = new SharedFileInputStream(raw.toFile());
            if (exchange != null) {
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange done) {
                        try {
                            in.close();
                        } catch (IOException ignored) {
                            // the file is deleted with the exchange anyway
                        }
                    }
                });
            }
            message = new MimeMessage(session, in);
        } catch (MessagingException | IOException e) {
            LOG.warn("email {}: malformed MIME ({})", id, e.getMessage());
            return new ReceivedEmail(id, bucket, key, raw, null, scratch, null, null, null, receivedAt,
                    "malformed MIME: " + e.getMessage());
        }
        Optional<String> recipient;
        try {
            recipient = Recipient.of(message, metadata);
        } catch (MessagingException e) {
            recipient = Optional.empty();
        }
        if (recipient.isEmpty()) {
            LOG.warn("email {}: no recipient (no envelope recipient, X-Forwarded-To or To)", id);
            return new ReceivedEmail(id, bucket, key, raw, message, scratch, null, null, null, receivedAt,
                    "no recipient: the email has no X-Forwarded-To or To address");
        }
        LOG.info("email {}: receipt address {}", id, recipient.get());
        Optional<String> area = areas.areaOf(recipient.get());
        if (area.isEmpty()) {
            LOG.warn("email {}: recipient {} is not a configured area", id, recipient.get());
            return new ReceivedEmail(id, bucket, key, raw, message, scratch, recipient.get(), null, null, receivedAt,
                    "unknown recipient '" + AreaDirectory.normalise(AreaDirectory.localPart(recipient.get()))
                            + "': not listed in email.areas (set email.accept-unknown-areas=true to accept any)");
        }
        String prefix = keys.prefix(area.get(), receivedAt);
        LOG.info("email {}: area {}, prefix {}", id, area.get(), prefix);
        return new ReceivedEmail(id, bucket, key, raw, message, scratch, recipient.get(), area.get(), prefix, receivedAt, null);
    }

    static Instant receivedAt(S3ObjectRef ref) {
        if (ref.eventTime() == null || ref.eventTime().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(ref.eventTime());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static Path scratchFolder(Exchange exchange) {
        try {
            Path scratch = Files.createTempDirectory("email-");
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    TempFiles.deleteTree(scratch);
                }
            });
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a scratch folder", e);
        }
    }
}
