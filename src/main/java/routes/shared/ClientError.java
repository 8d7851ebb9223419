package routes.shared;

/** HTTP statuses a retry cannot fix: a 4xx other than 408 (request timeout) and 429 (too many requests). */
public final class ClientError {
    private ClientError() {
    }

    public static boolean isPermanent(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
