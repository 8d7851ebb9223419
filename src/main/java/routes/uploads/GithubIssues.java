package routes.uploads;

import org.eclipse.egit.github.core.Issue;
import org.eclipse.egit.github.core.Label;
import org.eclipse.egit.github.core.client.GitHubClient;
import org.eclipse.egit.github.core.client.RequestException;
import org.eclipse.egit.github.core.service.IssueService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.shared.ClientError;
import routes.shared.PermanentFailure;
import routes.shared.SideEffectGuard;
import routes.shared.TransientFailure;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Raises the "Import" GitHub issue of a valid upload, through egit's {@link IssueService} (the client under
 * camel-github, which cannot set labels itself): title {@code [TEST ]Import <gss>-<council name> for <date>}, body
 * {@code EMS: <first file's EMS>\nFiles:\n- `<key>`...}, labels {@code Data Import} and {@code ready}. When an open
 * {@code Data Import} issue has the same title (authenticated lookup, all pages) it comments {@code Updated\n<body>}
 * on it instead. Without a token it only logs the would-be issue (dry-run) and the report's {@code github_issue} stays
 * empty. Raised once per decision ({@link SideEffectGuard}).
 */
public class GithubIssues {
    public static final List<String> LABELS = List.of("Data Import", "ready");
    private static final Logger LOG = LoggerFactory.getLogger(GithubIssues.class);

    private IssueService issues;
    private String url = "https://api.github.com";
    private String owner = "";
    private String repository = "";
    private String token = "";
    private Stage stage;
    private SideEffectGuard guard;

    public GithubIssues() {
    }

    public GithubIssues(IssueService issues, String repo, String token, Stage stage, SideEffectGuard guard) {
        this.issues = issues;
        setRepo(repo);
        setToken(token);
        setStage(stage);
        setGuard(guard);
    }

    /** {@code https://api.github.com}, or a GitHub Enterprise / test server. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** {@code owner/name}. */
    public void setRepo(String repo) {
        String[] parts = repo == null ? new String[0] : repo.split("/", 2);
        this.owner = parts.length == 2 ? parts[0] : "";
        this.repository = parts.length == 2 ? parts[1] : "";
    }

    /** Empty = dry-run: the would-be issue is logged. */
    public void setToken(String token) {
        this.token = token == null ? "" : token;
    }

    public void setStage(Stage stage) {
        this.stage = stage;
    }

    public void setGuard(SideEffectGuard guard) {
        this.guard = guard;
    }

    private synchronized IssueService issues() {
        if (issues == null) {
            issues = issueService(url, token);
        }
        return issues;
    }

    /**
     * egit's issue service on a client for {@code baseUrl} ({@code https://api.github.com}, or a GitHub Enterprise /
     * test server, whose paths egit prefixes with {@code /api/v3}), authenticated with {@code token} when set.
     */
    public static IssueService issueService(String baseUrl, String token) {
        URI uri = URI.create(baseUrl);
        GitHubClient client = new GitHubClient(uri.getHost(), uri.getPort(), uri.getScheme());
        if (token != null && !token.isBlank()) {
            client.setOAuth2Token(token);
        }
        return new IssueService(client);
    }

    public String title(Upload upload) {
        return stage.issueTitlePrefix() + "Import " + upload.councilLabel() + " for " + upload.electionDate();
    }

    public static String body(Upload upload) {
        StringBuilder body = new StringBuilder("EMS: ").append(upload.checks().get(0).ems()).append("\nFiles:");
        for (FileCheck check : upload.checks()) {
            body.append("\n- `").append(check.key()).append('`');
        }
        return body.toString();
    }

    /** The route's step: raises or updates the issue once, and puts its URL (no fragment) in the report. */
    public void raise(Upload upload) {
        String title = title(upload);
        String body = body(upload);
        if (token.isBlank()) {
            LOG.info("GITHUB_API_KEY not set\nrepo: {}/{}\ntitle: {}\nbody: {}\n---", owner, repository, title, body);
            upload.githubIssue("");
            return;
        }
        String url = guard.once(UploadDecisions.PIPELINE, upload.effectKey("github-issue"), () -> raiseOrUpdate(upload, title, body));
        upload.githubIssue(withoutFragment(url));
    }

    String raiseOrUpdate(Upload upload, String title, String body) {
        try {
            Issue existing = findOpen(upload, title);
            if (existing != null && body.equals(existing.getBody())) {
                // our own issue for this very file set: a retry after a crash between the create and the ledger
                LOG.info("GitHub issue {} already lists these files: not raised or commented again", existing.getHtmlUrl());
                return existing.getHtmlUrl();
            }
            if (existing != null) {
                issues().createComment(owner, repository, existing.getNumber(), "Updated\n" + body);
                LOG.info("Commented on GitHub issue {}", existing.getHtmlUrl());
                return existing.getHtmlUrl();
            }
            Issue issue = new Issue().setTitle(title).setBody(body)
                    .setLabels(LABELS.stream().map(name -> new Label().setName(name)).toList());
            Issue created = issues().createIssue(owner, repository, issue);
            LOG.info("Raised GitHub issue {}", created.getHtmlUrl());
            return created.getHtmlUrl();
        } catch (IOException e) {
            int status = statusOf(e);
            if (status < 0) {
                throw new TransientFailure("GitHub unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
            String message = "GitHub answered " + status + " for " + owner + "/" + repository;
            if (ClientError.isPermanent(status)) {
                throw new PermanentFailure(message + " (check uploads.github.token and uploads.github.repo)");
            }
            throw new TransientFailure(message);
        }
    }

    /** The HTTP status of a failed egit call: a RequestException's, or the "(503)" egit puts after other errors' text. */
    static int statusOf(IOException e) {
        if (e instanceof RequestException request) {
            return request.getStatus();
        }
        if (e instanceof java.net.HttpRetryException retry) {
            return retry.responseCode(); // HttpURLConnection's answer to a 401 on a streamed POST
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d{3})\\)$").matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * The open {@code Data Import} issue with this title; failing that, one for the same council and date whose
     * council name part differs (a lookup that fell back to the id must not raise a duplicate).
     */
    private Issue findOpen(Upload upload, String title) throws IOException {
        List<Issue> open = issues().getIssues(owner, repository, Map.of(IssueService.FILTER_STATE, IssueService.STATE_OPEN,
                IssueService.FILTER_LABELS, LABELS.get(0)));
        for (Issue issue : open) {
            if (title.equals(issue.getTitle())) {
                return issue;
            }
        }
        String prefix = stage.issueTitlePrefix() + "Import " + upload.council() + "-";
        String suffix = " for " + upload.electionDate();
        for (Issue issue : open) {
            String t = issue.getTitle();
            if (t != null && t.startsWith(prefix) && t.endsWith(suffix)) {
                return issue;
            }
        }
        return null;
    }

    static String withoutFragment(String url) {
        if (url == null) {
            return "";
        }
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
