package routes.review;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of a reviewer's link: 256 random bits, base64url. Only its SHA-256 is stored (a random secret needs no
 * slow hash: there is nothing to guess), and a presented secret is compared with the stored hash in constant time.
 * Nothing here ever logs or returns a secret except {@link #generate()}.
 */
public final class LinkSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private LinkSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form; null for a missing or blank secret. */
    public static String hash(String secret) {
        if (secret == null || secret.isBlank()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.trim().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant time in the length of the hashes (both are 64 hex characters). */
    public static boolean matches(String presentedHash, String storedHash) {
        if (presentedHash == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
