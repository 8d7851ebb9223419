package routes.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.SideEffectGuard;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * Emails each reviewer their personal link through SES (text and HTML parts), once per record (the ledger). The
 * link's secret is made here, its hash stored on the record, and the secret itself exists only in the email: it
 * sits in the URL fragment ({@code #id=...&secret=...}), which browsers send to no server. A redelivered request
 * whose email was already sent sends nothing; one whose email was not sent (a crash in between) gets a new secret.
 * Templates: {@code {link}}, {@code {subject}}, {@code {reviewer}}, {@code {deadline}}.
 */
// Not aws2-ses: it sends subject and body without a charset (UTF-8 here), and a text or an HTML body, not both.
public class ReviewEmails {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewEmails.class);

    private SesClient ses;
    private SideEffectGuard guard;
    private ReviewTable table;
    private String from;
    private String replyTo;
    private String subject;
    private String text;
    private String publicUrl;

    public void setSes(SesClient ses) {
        this.ses = ses;
    }

    public void setGuard(SideEffectGuard guard) {
        this.guard = guard;
    }

    public void setTable(ReviewTable table) {
        this.table = table;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public void setText(String text) {
        this.text = text;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** Sends the reviewer's email unless it was sent before; returns the SES message id (or the stored one). */
    public String send(ReviewRequest request, String reviewer) {
        String recordId = request.recordId(reviewer);
        return guard.once("review", "review-email#" + recordId, () -> {
            String secret = LinkSecrets.generate();
            table.setSecretHash(recordId, LinkSecrets.hash(secret));
            String link = link(recordId, secret);
            String body = fill(text, request, reviewer, link);
            String messageId = ses.sendEmail(b -> b.source(from)
                    .destination(d -> d.toAddresses(reviewer))
                    .replyToAddresses(replyTo == null || replyTo.isBlank() ? from : replyTo)
                    .message(m -> m.subject(c -> c.charset("UTF-8").data(fill(subject, request, reviewer, "")))
                            .body(x -> x.text(c -> c.charset("UTF-8").data(body))
                                    .html(c -> c.charset("UTF-8").data(html(body, link)))))).messageId();
            LOG.info("Review request {}: emailed reviewer {} the link to record {} (SES message {})",
                    request.id(), reviewer, recordId, messageId);
            return messageId;
        });
    }

    /** The page with the record id and secret in the fragment (never sent to a server, never in a Referer). */
    String link(String recordId, String secret) {
        String base = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        return base + "/reviews/page/#id=" + recordId + "&secret=" + secret;
    }

    static String fill(String template, ReviewRequest request, String reviewer, String link) {
        return (template == null ? "" : template)
                .replace("{link}", link)
                .replace("{subject}", request.subject())
                .replace("{reviewer}", reviewer)
                .replace("{deadline}", request.deadline().toString());
    }

    /**
     * The text part as HTML: escaped, line breaks as {@code <br />} (as the seed's email), the link clickable. The link
     * opens a new top-level tab: the page refuses to be framed (X-Frame-Options DENY, against clickjacking its Accept
     * button), and mail viewers (webmail, the local SES viewer) show the HTML part in a frame.
     */
    static String html(String text, String link) {
        String escaped = escape(text);
        if (!link.isEmpty()) {
            String escapedLink = escape(link);
            escaped = escaped.replace(escapedLink, "<a href=\"" + escapedLink + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + escapedLink + "</a>");
        }
        return escaped.replace("\r\n", "\n").replace("\n", "<br />");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
