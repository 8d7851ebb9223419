package local;

/** A short back-off in a worker loop (the SNS bridge after a failed poll); an interrupt ends it and is kept for the caller to see. Waits for a condition use Awaitility. */
final class Pause {
    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
