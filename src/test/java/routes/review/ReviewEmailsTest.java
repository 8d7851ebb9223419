package routes.review;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewEmailsTest {
    @Test
    void theHtmlPartIsTheEscapedTextWithItsLinkClickable() {
        ReviewRequest request = ReviewRequest.parse("{\"subject\":\"<Add-on> & co\",\"reviewers\":[\"a@example.com\"]}",
                "t", "activity", null, Instant.parse("2026-12-01T10:00:00Z"), Duration.ofDays(1));
        String link = "https://reviews.example.org/reviews/page/#id=abc&secret=s3cr3t";
        String text = ReviewEmails.fill("Hi!\nCan you please review the add-on, and then head to\n{link}\nto accept or reject? Thanks!\n\n{subject} by {deadline}",
                request, "a@example.com", link);
        assertThat(text).isEqualTo("Hi!\nCan you please review the add-on, and then head to\n" + link
                + "\nto accept or reject? Thanks!\n\n<Add-on> & co by 2026-12-02T10:00:00Z");
        assertThat(ReviewEmails.html(text, link)).isEqualTo("Hi!<br />Can you please review the add-on, and then head to<br />"
                + "<a href=\"https://reviews.example.org/reviews/page/#id=abc&amp;secret=s3cr3t\" target=\"_blank\" rel=\"noopener noreferrer\">"
                + "https://reviews.example.org/reviews/page/#id=abc&amp;secret=s3cr3t</a><br />to accept or reject? Thanks!<br /><br />"
                + "&lt;Add-on&gt; &amp; co by 2026-12-02T10:00:00Z");
    }

    @Test
    void theLinkCarriesTheSecretInTheFragment() {
        ReviewEmails emails = new ReviewEmails();
        emails.setPublicUrl("https://reviews.example.org/");
        assertThat(emails.link("abc", "s3cr3t")).isEqualTo("https://reviews.example.org/reviews/page/#id=abc&secret=s3cr3t");
    }
}
