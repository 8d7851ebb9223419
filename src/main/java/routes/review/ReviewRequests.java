package routes.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Opens a review request from a Step Functions task: validates the input, then creates the request and one record
 * per reviewer, each bound to THIS task token (the seed looked a token up with GetActivityTask at answer time and
 * could complete another execution's task). Creation is idempotent: a redelivered task finds its request by the
 * token's hash and creates nothing twice.
 */
public class ReviewRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewRequests.class);

    private ReviewTable table;
    private Duration deadline = Duration.ofDays(7);
    private Clock clock = Clock.systemUTC();

    public void setTable(ReviewTable table) {
        this.table = table;
    }

    public void setDeadline(String deadline) {
        this.deadline = Duration.parse(deadline.trim());
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The request in the task input; a wrong one fails the task ({@link routes.shared.TaskFailure}). */
    public ReviewRequest parse(String input, String taskToken, String source, String activityArn) {
        return ReviewRequest.parse(input, taskToken, source, activityArn, clock.instant(), deadline);
    }

    /**
     * Creates the request and its records (those that exist are kept); returns the reviewers to email: all of them
     * while the request waits (the email step skips those already sent), none once it was decided.
     */
    public List<String> open(ReviewRequest request) {
        boolean created = table.createRequest(request);
        ReviewState stored = table.request(request.id()).orElseThrow();
        if (!stored.pending()) {
            table.finished(request.id());
            LOG.info("Review request {} was redelivered after it was decided ({}): nothing to do", request.id(), stored.state());
            return List.of();
        }
        int records = 0;
        for (String reviewer : request.reviewers()) {
            records += table.createRecord(request, reviewer) ? 1 : 0;
        }
        LOG.info("Review request {} {}: '{}', {} reviewer(s), policy {} ({} approval(s)), deadline {}{}", request.id(),
                created ? "opened" : "redelivered", request.subject(), request.reviewers().size(), request.policy().kind(),
                request.policy().required(), request.deadline(), created ? "" : " (" + records + " record(s) were missing)");
        return request.reviewers();
    }
}
