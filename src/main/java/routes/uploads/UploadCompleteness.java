package routes.uploads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether an upload is complete, so that it is decided once and not file by file: complete when the expected
 * number of files has arrived (a Democracy Counts export needs 2, anything else 1), or when no new file has arrived
 * for the quiet period. Otherwise the route checks again after {@link #secondsToWait} seconds.
 */
public class UploadCompleteness {
    /** SQS delays a message at most 15 minutes. */
    static final long MAX_DELAY_SECONDS = 900;

    private Duration quietPeriod = Duration.ZERO;
    private Clock clock = Clock.systemUTC();

    public UploadCompleteness() {
    }

    public UploadCompleteness(Duration quietPeriod, Clock clock) {
        this.quietPeriod = quietPeriod;
        this.clock = clock;
    }

    /** ISO-8601 ({@code PT2M}): how long after the last file an upload counts as complete anyway. */
    public void setQuietPeriod(String quietPeriod) {
        this.quietPeriod = Duration.parse(quietPeriod);
    }

    /** 0 when complete, otherwise how long until the quiet period ends. */
    public long secondsToWait(Upload upload) {
        if (upload.files().isEmpty() || upload.files().size() >= DemocracyCountsRule.expectedFiles(upload.checks())) {
            return 0;
        }
        Instant newest = upload.files().stream().map(Upload.ListedFile::lastModified)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(Instant.EPOCH);
        Duration left = Duration.between(clock.instant(), newest.plus(quietPeriod));
        if (left.isNegative() || left.isZero()) {
            return 0;
        }
        return Math.min(MAX_DELAY_SECONDS, Math.max(1, (left.toMillis() + 999) / 1000));
    }
}
