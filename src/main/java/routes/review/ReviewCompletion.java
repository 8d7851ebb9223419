package routes.review;

/**
 * What an answer's attempt to complete its request came to: the request's state afterwards, and whether THIS answer's
 * conditional write decided it (then its response comes after the task callback). Of answers that arrive together
 * several can see the request decided, but only one decided it.
 */
public record ReviewCompletion(String state, boolean decidedByThisAnswer) {
    static ReviewCompletion observed(String state) {
        return new ReviewCompletion(state, false);
    }
}
