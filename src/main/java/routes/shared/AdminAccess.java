package routes.shared;

import org.apache.camel.Header;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the operator endpoints under {@code /admin}: they need {@code Authorization: Bearer <admin.token>}.
 * With no token configured they are switched off, so a deployment never exposes them by accident.
 */
public class AdminAccess {
    /** Raised for a missing or wrong token, or when the endpoints are switched off; the route answers 401/403. */
    public static class Denied extends RuntimeException {
        private final int status;

        public Denied(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String token;

    public AdminAccess(String token) {
        this.token = token == null ? "" : token.trim();
    }

    public void authorize(@Header("Authorization") String authorization) {
        if (token.isEmpty()) {
            throw new Denied(403, "Admin endpoints are switched off: set admin.token (ADMIN_TOKEN) to enable them");
        }
        String expected = "Bearer " + token;
        if (authorization == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new Denied(401, "Missing or wrong admin token (Authorization: Bearer <admin.token>)");
        }
    }
}
