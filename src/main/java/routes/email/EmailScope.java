package routes.email;

import org.apache.camel.Exchange;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all the files of one email share: the keys already used ({@link EmailKeys#unique}) and the bytes unpacked from
 * its archives so far ({@link SafeUnzipper}). Started where the attachments are extracted, before the email's files
 * are split: the split's sub-exchanges (and theirs, for nested zips) copy the exchange property by reference, so they
 * all see the one scope; a retried extraction starts a fresh one and so numbers keys the same way.
 */
final class EmailScope {
    static final String PROPERTY = "EmailScope";

    final Set<String> usedKeys = new HashSet<>();
    final AtomicLong unpackedBytes = new AtomicLong();

    private EmailScope() {
    }

    /** Starts a fresh scope for the email of this exchange. */
    static void start(Exchange exchange) {
        exchange.setProperty(PROPERTY, new EmailScope());
    }

    /** The email's scope, started here if no step started it (a file routed on its own, as in some tests). */
    static EmailScope of(Exchange exchange) {
        EmailScope scope = exchange.getProperty(PROPERTY, EmailScope.class);
        if (scope == null) {
            start(exchange);
            scope = exchange.getProperty(PROPERTY, EmailScope.class);
        }
        return scope;
    }
}
