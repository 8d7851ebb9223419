package routes.uploads;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.shared.PermanentFailure;
import routes.shared.SideEffectGuard;
import routes.shared.TransientFailure;

import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Council lookup, webhook and GitHub against HTTP stubs: headers, fallbacks, retry classification, pagination. */
class HttpCollaboratorsTest {
    static final WireMockServer HTTP = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    static final String REPO = "/api/v3/repos/o/r";

    @BeforeAll
    static void start() {
        HTTP.start();
    }

    @AfterAll
    static void stop() {
        HTTP.stop();
    }

    @BeforeEach
    void reset() {
        HTTP.resetAll();
    }

    @Test
    void councilLookupSendsTheTokenAsAHeaderAndFallsBackToTheId() {
        HTTP.stubFor(get("/councils/X01.json").willReturn(okJson("{\"name\": \"Piddleton\"}")));
        CouncilNames names = new CouncilNames(HTTP.baseUrl() + "/councils/", "secret", 5);
        assertThat(names.nameOf("X01")).isEqualTo("Piddleton");
        var request = HTTP.findAll(getRequestedFor(urlPathEqualTo("/councils/X01.json"))).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Token secret");
        assertThat(request.getUrl()).doesNotContain("secret");

        HTTP.stubFor(get("/councils/X02.json").willReturn(okJson("{\"other\": 1}")));
        HTTP.stubFor(get("/councils/X03.json").willReturn(aResponse().withStatus(404)));
        HTTP.stubFor(get("/councils/X04.json").willReturn(aResponse().withBody("not json")));
        assertThat(names.nameOf("X02")).isEqualTo("X02");
        assertThat(names.nameOf("X03")).isEqualTo("X03");
        assertThat(names.nameOf("X04")).isEqualTo("X04");
        assertThat(new CouncilNames("http://127.0.0.1:1", "", 2).nameOf("X05")).as("connection refused").isEqualTo("X05");
        assertThat(new CouncilNames("", "", 2).nameOf("X06")).isEqualTo("X06");
    }

    private static Upload upload() {
        Upload upload = new Upload("b", UploadKey.parse("X01/2019-12-12/t/a.csv"));
        upload.councilName("Piddleton");
        upload.files().add(new Upload.ListedFile("X01/2019-12-12/t/a.csv", 2000, "e", Instant.EPOCH));
        upload.checks().add(new FileCheck("X01/2019-12-12/t/a.csv").encoding("utf-8").ems(Ems.XPRESS_DC).valid(3));
        return upload;
    }

    private static SideEffectGuard guard() {
        return new SideEffectGuard(new InMemoryLedger());
    }

    private static WdivWebhook hook(String path) {
        return new WdivWebhook(HTTP.baseUrl() + path, "k", 5, guard());
    }

    @Test
    void webhookPostsOnceWithTheTokenAndClassifiesFailures() {
        HTTP.stubFor(post("/hook").willReturn(okJson("{}")));
        SideEffectGuard guard = guard();
        WdivWebhook hook = new WdivWebhook(HTTP.baseUrl() + "/hook", "k", 5, guard);
        hook.post(upload());
        hook.post(upload());
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0).getHeader("Authorization")).isEqualTo("Token k");

        HTTP.stubFor(post("/500").willReturn(aResponse().withStatus(500)));
        HTTP.stubFor(post("/403").willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> hook("/500").post(upload()))
                .isInstanceOf(TransientFailure.class).hasMessage("WDIV webhook answered 500");
        assertThatThrownBy(() -> hook("/403").post(upload()))
                .isInstanceOf(PermanentFailure.class).hasMessageStartingWith("WDIV webhook answered 403");
        new WdivWebhook(HTTP.baseUrl() + "/none", "", 5, null).post(upload());
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo("/none")))).as("dry-run").isEmpty();
    }

    @Test
    void githubFollowsPagesAndMatchesAnIssueWhoseCouncilNameFellBack() {
        HTTP.stubFor(get(urlPathEqualTo(REPO + "/issues")).withQueryParam("page", equalTo("1")).willReturn(okJson(
                "[{\"number\": 7, \"title\": \"Import X01-Other for 2019-12-12\", \"html_url\": \"https://gh/o/r/issues/7\"}]")
                .withHeader("Link", "<" + HTTP.baseUrl() + REPO + "/issues?state=open&labels=Data+Import&page=2&per_page=100>; rel=\"next\"")));
        HTTP.stubFor(get(urlPathEqualTo(REPO + "/issues")).withQueryParam("page", equalTo("2")).willReturn(okJson(
                "[{\"number\": 9, \"title\": \"Import X01-X01 for 2019-12-12\", \"html_url\": \"https://gh/o/r/issues/9\"}]")));
        HTTP.stubFor(post(REPO + "/issues/7/comments").willReturn(jsonResponse("{\"id\": 1}", 201)));
        HTTP.stubFor(post(REPO + "/issues/9/comments").willReturn(jsonResponse("{\"id\": 2}", 201)));
        Upload upload = upload();
        upload.councilName("X01");
        GithubIssues issues = new GithubIssues(GithubIssues.issueService(HTTP.baseUrl(), "t"), "o/r", "t",
                new Stage("production", ""), guard());
        issues.raise(upload);
        assertThat(upload.githubIssue()).isEqualTo("https://gh/o/r/issues/9");
        assertThat(HTTP.findAll(postRequestedFor(urlEqualTo(REPO + "/issues/9/comments")))).hasSize(1);
        assertThat(HTTP.findAll(getRequestedFor(urlPathEqualTo(REPO + "/issues")))).hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("token t"));
    }

    @Test
    void githubErrorsAreClassified() {
        HTTP.stubFor(get(urlPathEqualTo(REPO + "/issues")).willReturn(okJson("[]")));
        HTTP.stubFor(post(REPO + "/issues").willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")));
        GithubIssues issues = new GithubIssues(GithubIssues.issueService(HTTP.baseUrl(), "t"), "o/r", "t",
                new Stage("production", ""), guard());
        assertThatThrownBy(() -> issues.raise(upload())).isInstanceOf(TransientFailure.class).hasMessageStartingWith("GitHub answered 502");
        HTTP.stubFor(post(REPO + "/issues").willReturn(jsonResponse("{\"message\": \"Bad credentials\"}", 401)));
        assertThatThrownBy(() -> issues.raise(upload())).isInstanceOf(PermanentFailure.class).hasMessageStartingWith("GitHub answered 401");
    }
}
