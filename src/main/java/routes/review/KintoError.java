package routes.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * An answer-API error in Kinto's error format (the seed's clients parse it):
 * {@code {"code":400,"errno":107,"error":"Invalid parameters","message":"...","details":[...]}}. The messages never
 * say which part of a credential was wrong, and never contain a secret.
 */
public class KintoError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Kinto's errno values (kinto.core.errors.ERRORS)
    static final int MISSING_AUTH_TOKEN = 104;
    static final int INVALID_PARAMETERS = 107;
    static final int INVALID_RESOURCE_ID = 110;
    static final int FORBIDDEN = 121;
    static final int CONSTRAINT_VIOLATED = 122;
    static final int BACKEND = 201;
    static final int UNDEFINED = 999;

    private final int code;
    private final int errno;
    private final String error;
    private final Object details;

    public KintoError(int code, int errno, String error, String message, Object details) {
        super(message);
        this.code = code;
        this.errno = errno;
        this.error = error;
        this.details = details;
    }

    public int code() {
        return code;
    }

    /** The JSON body of the error response. */
    public String body() {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("errno", errno);
        body.put("error", error);
        body.put("message", getMessage());
        if (details != null) {
            body.set("details", JSON.valueToTree(details));
        }
        return body.toString();
    }

    /** 400, as Kinto's body validator words it: {@code answer in body: Required}. */
    public static KintoError invalidAnswer(String description) {
        return new KintoError(400, INVALID_PARAMETERS, "Invalid parameters", "answer in body: " + description,
                List.of(detail("answer", description)));
    }

    public static KintoError invalidBody(String description) {
        return new KintoError(400, INVALID_PARAMETERS, "Invalid parameters", "body: " + description,
                List.of(detail("body", description)));
    }

    public static KintoError unauthenticated() {
        return new KintoError(401, MISSING_AUTH_TOKEN, "Unauthorized",
                "Please authenticate yourself to use this endpoint.", null);
    }

    public static KintoError forbidden() {
        return new KintoError(403, FORBIDDEN, "Forbidden", "This user cannot access this resource.", null);
    }

    /** What the original meant to answer for a missing record (it answered 500). */
    public static KintoError notFound(String id) {
        return new KintoError(404, INVALID_RESOURCE_ID, "Not Found",
                "The resource you are looking for could not be found.", ordered("id", id == null ? "" : id, "resource_name", "record"));
    }

    public static KintoError conflict(String message) {
        return new KintoError(409, CONSTRAINT_VIOLATED, "Conflict", message, null);
    }

    public static KintoError gone(String message) {
        return new KintoError(410, UNDEFINED, "Gone", message, null);
    }

    public static KintoError unavailable(String message) {
        return new KintoError(503, BACKEND, "Service Unavailable", message, null);
    }

    /** The body of an admin-token refusal (AdminAccess's message names the property, never the token). */
    public static String adminDenied(int status, String message) {
        return new KintoError(status, status == 401 ? MISSING_AUTH_TOKEN : FORBIDDEN,
                status == 401 ? "Unauthorized" : "Forbidden", message, null).body();
    }

    public static String invalidQuery(String message) {
        return new KintoError(400, INVALID_PARAMETERS, "Invalid parameters", message, null).body();
    }


    private static Map<String, String> detail(String name, String description) {
        return ordered("location", "body", "name", name, "description", description);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * The error to answer with for a failure: a KintoError anywhere in the cause chain (Camel wraps what a bean
     * called from an expression throws), else a 503 that says nothing of the failure.
     */
    public static KintoError of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KintoError error) {
                return error;
            }
        }
        return unavailable("Service temporarily unavailable: please try again in a moment.");
    }

    /** The body of {@link #of(Throwable)}. */
    public static String bodyOf(Throwable failure) {
        return of(failure).body();
    }

    /** A wrong operator query: the PermanentFailure's own message (not Camel's wrapper around it). */
    public static String invalidQuery(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof routes.shared.PermanentFailure wrong) {
                return invalidQuery(wrong.getMessage());
            }
        }
        return invalidQuery("Invalid query");
    }
}
