package routes.email;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recipient resolution, area directory and key rules. */
class AddressingTest {
    static MimeMessage message(String headers) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream((headers + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void recipientPrefersEnvelopeThenXForwardedToThenFirstTo() throws Exception {
        MimeMessage both = message("To: Data <data@energysparks.uk>, other@x.org\r\nX-Forwarded-To: sheffield@datafeeds.energysparks.uk");
        assertThat(Recipient.of(both, Map.of())).hasValue("sheffield@datafeeds.energysparks.uk");
        assertThat(Recipient.of(both, Map.of("envelope-recipient", "bryt@datafeeds.energysparks.uk"))).hasValue("bryt@datafeeds.energysparks.uk");
        assertThat(Recipient.of(message("To: Data <data@energysparks.uk>, other@x.org"), null)).hasValue("data@energysparks.uk");
        assertThat(Recipient.of(message("X-Forwarded-To: a@x.org b@x.org"), Map.of())).hasValue("a@x.org");
        assertThat(Recipient.of(message("Subject: none"), Map.of())).isEmpty();
        assertThat(Recipient.of(message("To: undisclosed-recipients:;"), Map.of())).isEmpty();
    }

    @Test
    void areasAreLowerCasedTagStrippedAndConfigured() {
        AreaDirectory areas = new AreaDirectory(" sheffield , Sheffield-Gas, highland=highlands ,", false);
        assertThat(areas.areaOf("Sheffield+daily@datafeeds.energysparks.uk")).hasValue("sheffield");
        assertThat(areas.areaOf("SHEFFIELD-GAS@x")).hasValue("sheffield-gas");
        assertThat(areas.areaOf("highland@x")).hasValue("highlands");
        assertThat(areas.areaOf("unknown@x")).isEmpty();
        assertThat(areas.areas()).containsEntry("sheffield-gas", "sheffield-gas");
    }

    @Test
    void acceptingUnknownRecipientsUsesTheNormalisedLocalPartButNeverAnUnsafePrefix() {
        AreaDirectory any = new AreaDirectory("", true);
        assertThat(any.areaOf("New-School+x@x.org")).hasValue("new-school");
        assertThat(any.areaOf("../etc@x.org")).isEmpty();
        assertThat(any.areaOf("a/b@x.org")).isEmpty();
        assertThatThrownBy(() -> new AreaDirectory("x=../up", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesUseTheReceiptTimeOrTheInjectedClock() {
        EmailKeys keys = new EmailKeys(Clock.fixed(Instant.parse("2025-03-23T10:11:12Z"), ZoneOffset.UTC));
        assertThat(keys.prefix("sheffield", null)).isEqualTo("sheffield/20250323-101112");
        assertThat(keys.prefix("sheffield", Instant.parse("2019-11-08T12:06:00.123Z"))).isEqualTo("sheffield/20191108-120600");
    }

    @Test
    void keysStayWithinS3sLimitWithTheExtensionKept() {
        assertThat(EmailKeys.bounded("a/t/x.csv")).isEqualTo("a/t/x.csv");
        assertThat(EmailKeys.bounded("a/t/" + "n".repeat(500) + ".csv")).isEqualTo("a/t/" + "n".repeat(196) + ".csv");
        assertThat(EmailKeys.bounded("a/t/" + "n".repeat(500))).isEqualTo("a/t/" + "n".repeat(200));
        // 200 UTF-8 bytes per segment at most (filesystem-backed S3 stores refuse over 255): 1 + 48 x 4 + 4 bytes
        assertThat(EmailKeys.bounded("a/t/n" + "\uD83D\uDE00".repeat(150) + ".csv")).isEqualTo("a/t/n" + "\uD83D\uDE00".repeat(48) + ".csv");
        String deep = "a/t/" + ("d".repeat(300) + "/").repeat(4) + "é".repeat(300) + ".csv";
        String bounded = EmailKeys.bounded(deep);
        assertThat(bounded).startsWith("a/t/" + "d".repeat(200) + "/").endsWith("/" + "é".repeat(98) + ".csv");
        assertThat(bounded.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(EmailKeys.MAX_KEY_BYTES);
        DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(EmailKeys.unique(exchange, "a/t/" + "n".repeat(300) + "1.csv")).isEqualTo("a/t/" + "n".repeat(196) + ".csv");
        assertThat(EmailKeys.unique(exchange, "a/t/" + "n".repeat(300) + "2.csv")).isEqualTo("a/t/" + "n".repeat(196) + "-2.csv");
    }

    @Test
    void repeatedNamesInOneEmailGetNumberedBeforeTheExtension() {
        DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(EmailKeys.unique(exchange, "a/t/x.csv")).isEqualTo("a/t/x.csv");
        assertThat(EmailKeys.unique(exchange, "a/t/x.csv")).isEqualTo("a/t/x-2.csv");
        assertThat(EmailKeys.unique(exchange, "a/t/x.csv")).isEqualTo("a/t/x-3.csv");
        assertThat(EmailKeys.unique(exchange, "a/t/noext")).isEqualTo("a/t/noext");
        assertThat(EmailKeys.withSuffix("a.b/t/noext", "-9")).isEqualTo("a.b/t/noext-9");
    }
}
