package routes.uploads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.SideEffectGuard;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * The failure email to the operator, through SES (SendRawEmail), exactly as the original: source
 * {@code pollingstations@democracyclub.org.uk} (configurable), subject {@code Error with data for council
 * <gss>-<name>} (non-production stages prefixed {@code **NB triggered from <stage> instance** }), text body
 * {@code Data for council <gss>-<name> failed because:\n} + {@code \n<key>:\n<errors>\n} per failing file +
 * {@code \n\nPlease follow up.}. Not sent when suppressed (a lone Democracy Counts file) or when no recipient is
 * configured. Sent once per decision, with an {@value #IDEMPOTENCY_HEADER} header (see {@link #mime}).
 */
public class ErrorEmail extends SharedBeanUser {
    /** The header that marks every copy of one decision's email alike. */
    public static final String IDEMPOTENCY_HEADER = "X-Idempotency-Key";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorEmail.class);

    private final String ses;
    private final String from;
    private final String to;
    private final Stage stage;
    private final String guard;

    /** {@code ses}, {@code guard}: registry names of the SES (v1) client and the {@link SideEffectGuard}. */
    public ErrorEmail(String ses, String from, String to, Stage stage, String guard) {
        this.ses = ses;
        this.from = from;
        this.to = to == null ? "" : to;
        this.stage = stage;
        this.guard = guard;
    }

    public String subject(Upload upload) {
        return stage.emailSubjectPrefix() + "Error with data for council " + upload.councilLabel();
    }

    public static String body(Upload upload) {
        StringBuilder reasons = new StringBuilder();
        if (upload.checks().isEmpty()) {
            reasons.append('\n').append(upload.folder()).append("/:\nThe upload has no files\n");
        }
        for (FileCheck check : upload.checks()) {
            if (!check.errorText().isEmpty()) {
                reasons.append('\n').append(check.key()).append(":\n").append(check.errorText()).append('\n');
            }
        }
        return "Data for council " + upload.councilLabel() + " failed because:\n" + reasons + "\n\nPlease follow up.";
    }

    /** The route's step. */
    public void send(Upload upload) {
        if (upload.emailSuppressed() || to.isBlank()) {
            return;
        }
        shared(guard, SideEffectGuard.class).once(UploadDecisions.PIPELINE, upload.effectKey("error-email"), () -> {
            byte[] raw = mime(upload);
            String id = shared(ses, SesClient.class).sendRawEmail(b -> b.source(from).destinations(to)
                    .rawMessage(m -> m.data(SdkBytes.fromByteArray(raw)))).messageId();
            LOG.info("Sent the error email for {} ({})", upload, id);
            return id;
        });
    }

    /**
     * The email as MIME (SendRawEmail, the only SES v1 call that takes headers): the same from, to, subject and
     * text as SendEmail sent, plus {@value #IDEMPOTENCY_HEADER} = {@link Upload#idempotencyKey()}, the same on every
     * retry, so a second copy sent after a crash is recognisable (and filterable) in the mailbox.
     */
    byte[] mime(Upload upload) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(from));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject(upload), "utf-8");
            message.setText(body(upload), "utf-8");
            message.setHeader(IDEMPOTENCY_HEADER, upload.idempotencyKey());
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot build the error email for " + upload + ": " + e.getMessage(), e);
        }
    }
}
