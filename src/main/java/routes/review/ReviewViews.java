package routes.review;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reviewer's page and the operators see. The page (authorised by the link's secret) gets the review, the
 * other reviewers' statuses and the same reviewer's other unanswered reviews; operators (admin token) page through
 * all requests and records. Neither ever shows a task token or a secret's hash.
 */
public class ReviewViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewTable table;

    public void setTable(ReviewTable table) {
        this.table = table;
    }

    public String show(ReviewRecord record) {
        ReviewState request = table.request(record.requestId()).orElseThrow(() -> KintoError.notFound(record.id()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", record.view());
        Map<String, Object> requestView = request.view();
        requestView.remove("error");
        requestView.remove("callback");
        body.put("request", requestView);
        List<Map<String, Object>> reviewers = new ArrayList<>();
        for (ReviewRecord other : table.records(request.recordIds())) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("reviewer", other.reviewer());
            status.put("status", other.status());
            status.put("answered_at", other.answeredAt());
            status.put("you", other.id().equals(record.id()));
            reviewers.add(status);
        }
        body.put("reviewers", reviewers);
        List<String> others = new ArrayList<>(table.pendingRecordsOf(record.reviewer()));
        others.remove(record.id());
        List<Map<String, Object>> pending = new ArrayList<>();
        for (ReviewRecord other : table.records(others)) {
            if (other.unanswered()) {
                pending.add(Map.of("id", other.id(), "subject", other.subject(), "created_at", other.createdAt()));
            }
        }
        body.put("other_pending", pending);
        body.put("answerable", record.unanswered() && request.pending());
        return json(body);
    }

    public String list(String status, String limit, String next) {
        int max = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Math.max(1, Math.min(1000, Integer.parseInt(limit.trim())));
            } catch (NumberFormatException e) {
                throw new routes.shared.PermanentFailure("limit: a whole number from 1 to 1000, not '" + limit + "'");
            }
        }
        ReviewTable.Page page = table.scan(status, max, next);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", page.requests().stream().map(ReviewState::view).toList());
        body.put("records", page.records().stream().map(ReviewRecord::view).toList());
        body.put("next", page.next());
        return json(body);
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
