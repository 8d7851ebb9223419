package routes.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Map;
import java.util.Optional;

/**
 * Who an email was sent to, which decides its area: the envelope recipient when the receipt metadata gives it (the
 * local SMTP receiver, or an SES deployment that records it, sets the S3 metadata {@code envelope-recipient}), else
 * the first address of {@code X-Forwarded-To} (Gmail auto-forwarding keeps the original recipient there), else the
 * first {@code To} address. Empty when there is none.
 */
public final class Recipient {
    public static final String ENVELOPE_METADATA = "envelope-recipient";

    private Recipient() {
    }

    public static Optional<String> of(MimeMessage message, Map<String, String> receiptMetadata) throws MessagingException {
        String envelope = receiptMetadata == null ? null : receiptMetadata.get(ENVELOPE_METADATA);
        Optional<String> fromEnvelope = first(envelope);
        if (fromEnvelope.isPresent()) {
            return fromEnvelope;
        }
        Optional<String> forwarded = firstOf(message.getHeader("X-Forwarded-To"));
        return forwarded.isPresent() ? forwarded : firstOf(message.getHeader("To"));
    }

    private static Optional<String> firstOf(String[] headerValues) {
        if (headerValues != null) {
            for (String value : headerValues) {
                Optional<String> address = first(value);
                if (address.isPresent()) {
                    return address;
                }
            }
        }
        return Optional.empty();
    }

    /** The first address in a header value; tolerates the space-separated lists some forwarders write. */
    static Optional<String> first(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        try {
            for (Address address : InternetAddress.parseHeader(headerValue, false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null && internet.getAddress().contains("@")
                        && !internet.getAddress().trim().matches(".*\\s.*")) {
                    return Optional.of(internet.getAddress().trim());
                }
            }
        } catch (AddressException e) {
            // fall back to the first token that looks like an address
        }
        for (String token : headerValue.split("[\\s,;<>]+")) {
            if (token.matches("[^@\\s]+@[^@\\s]+")) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
