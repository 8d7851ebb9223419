package routes.uploads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.SideEffectGuard;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;

/**
 * The failure email to the operator, through SES v2 SendEmail (simple content), with the original's fields: source
 * {@code pollingstations@democracyclub.org.uk} (configurable), subject {@code Error with data for council
 * <gss>-<name>} (non-production stages prefixed {@code **NB triggered from <stage> instance** }), text body
 * {@code Data for council <gss>-<name> failed because:\n} + {@code \n<key>:\n<errors>\n} per failing file +
 * {@code \n\nPlease follow up.}. Not sent when suppressed (a lone Democracy Counts file) or when no recipient is
 * configured. Sent once per decision, with the header {@value #IDEMPOTENCY_HEADER} = the decision's
 * {@link Upload#idempotencyKey()} (the webhook's {@code Idempotency-Key}): the same on a send repeated after a crash
 * between SES accepting it and the ledger recording it, so a receiver can drop the copy (docs/faults.md). SES v1's
 * SendEmail, which the original used, takes no custom header.
 */
// Not aws2-ses: it sends subject and body without a charset; council names are not ASCII, the original sends UTF-8.
public class ErrorEmail {
    /** The marker header a receiver can dedupe on. */
    public static final String IDEMPOTENCY_HEADER = "X-Pipeline-Idempotency-Key";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorEmail.class);

    private SesV2Client ses;
    private String from;
    private String to = "";
    private Stage stage;
    private SideEffectGuard guard;

    public ErrorEmail() {
    }

    public ErrorEmail(SesV2Client ses, String from, String to, Stage stage, SideEffectGuard guard) {
        setSes(ses);
        setFrom(from);
        setTo(to);
        setStage(stage);
        setGuard(guard);
    }

    /** The SES v2 client. */
    public void setSes(SesV2Client ses) {
        this.ses = ses;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    /** The operator's address; empty = no email. */
    public void setTo(String to) {
        this.to = to == null ? "" : to;
    }

    public void setStage(Stage stage) {
        this.stage = stage;
    }

    public void setGuard(SideEffectGuard guard) {
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
        guard.once(UploadDecisions.PIPELINE, upload.effectKey("error-email"), () -> {
            String id = ses.sendEmail(b -> b.fromEmailAddress(from).destination(d -> d.toAddresses(to))
                    .content(c -> c.simple(m -> m.subject(s -> s.charset("utf-8").data(subject(upload)))
                            .body(t -> t.text(x -> x.charset("utf-8").data(body(upload))))
                            .headers(MessageHeader.builder().name(IDEMPOTENCY_HEADER).value(upload.idempotencyKey()).build()))))
                    .messageId();
            LOG.info("Sent the error email for {} ({})", upload, id);
            return id;
        });
    }
}
