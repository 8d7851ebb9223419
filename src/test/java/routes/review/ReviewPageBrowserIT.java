package routes.review;

import local.LocalAws;
import local.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The reviewer's page in a real browser: headless Chromium (Debian's chromium and chromium-driver, both paths set, so
 * Selenium downloads nothing) opens the link from the SES emulator's stored mail, clicks Accept, sees the status
 * change, and the execution of the shipped state machine succeeds. A screenshot goes to target/review-page.png.
 */
@ExtendWith(LocalAwsExtension.class)
class ReviewPageBrowserIT {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static WebDriver chromium(Path profile) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            fail("Chromium is needed for the browser tests: apt-get install -y chromium chromium-driver "
                    + "(expected " + CHROMIUM + " and " + CHROMEDRIVER + ")");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=420,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void aReviewerAcceptsOnThePageAndTheExecutionSucceeds(LocalAws aws) throws Exception {
        try (ReviewFixture review = new ReviewFixture(aws, Map.of())) {
            String subject = "Browser add-on " + UUID.randomUUID();
            String reviewer = "pat-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String other = "quinn-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String execution = aws.sfn().startExecution(b -> b.stateMachineArn(review.stateMachineArn("manual-review"))
                    .name("browser-" + UUID.randomUUID())
                    .input("{\"subject\":\"" + subject + "\",\"reviewers\":[\"" + reviewer + "\",\"" + other
                            + "\"],\"policy\":\"any\",\"url\":\"https://example.com/addon.xpi\"}")).executionArn();
            ReviewFixture.Link link = review.linkFor(reviewer, subject);

            Path profile = Files.createTempDirectory("review-chromium-");
            WebDriver browser = chromium(profile);
            try {
                browser.get(link.url());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                WebElement accept = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accept")));
                assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo(subject);
                assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("UNANSWERED");
                assertThat(browser.findElement(By.id("reviewers")).getText()).contains(reviewer + " (you): UNANSWERED").contains(other);
                assertThat(browser.findElement(By.id("details")).getText()).contains("https://example.com/addon.xpi");
                assertThat(browser.getCurrentUrl()).as("the secret leaves the address bar").doesNotContain(link.secret());
                assertThat(browser.findElement(By.id("reject")).isDisplayed()).isTrue();

                accept.click();
                wait.until(ExpectedConditions.textToBe(By.id("status"), "SUCCEED"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Accepted."));
                assertThat(browser.findElement(By.id("actions")).isDisplayed()).isFalse();
                assertThat(browser.findElement(By.id("closed")).getText()).contains("You accepted.");
                await().atMost(Duration.ofSeconds(15)).until(() -> review.executionStatus(execution).equals("SUCCEEDED"));
                assertThat(review.executionOutput(execution).path("review").path("signed_by").get(0).path("reviewer").asText())
                        .isEqualTo(reviewer);

                // the page says the review is closed after a reload too
                browser.navigate().refresh();
                wait.until(ExpectedConditions.textToBe(By.id("status"), "SUCCEED"));
                assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Your answer is recorded.");
                Path screenshot = Path.of("target", "review-page.png");
                Files.createDirectories(screenshot.getParent());
                Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                assertThat(Files.size(screenshot)).isPositive();

                // the other reviewer's page: the review was decided without them
                ReviewFixture.Link otherLink = review.linkFor(other, subject);
                browser.get("about:blank");
                browser.get(otherLink.url());
                wait.until(ExpectedConditions.textToBe(By.id("status"), "CLOSED"));
                assertThat(browser.findElement(By.id("closed")).getText()).contains("decided without your answer");
                assertThat(browser.findElements(By.cssSelector("#actions:not([hidden])"))).isEmpty();
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * As a person does it in the local run (docs/review.md "Try it locally"): the SES emulator's mail viewer, the
     * email's HTML view, a click on the link. The viewer shows the HTML part in a frame and the page refuses to be
     * framed (X-Frame-Options DENY), so the link must open a new top-level tab (target _blank); before, the frame
     * only said "127.0.0.1 refused to connect".
     */
    @Test
    void theLinkClickedInTheSesMailViewerOpensThePageInANewTab(LocalAws aws) throws Exception {
        try (ReviewFixture review = new ReviewFixture(aws, Map.of())) {
            String subject = "Viewer add-on " + UUID.randomUUID();
            String reviewer = "ray-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String execution = aws.sfn().startExecution(b -> b.stateMachineArn(review.stateMachineArn("manual-review"))
                    .name("viewer-" + UUID.randomUUID())
                    .input("{\"subject\":\"" + subject + "\",\"reviewers\":[\"" + reviewer + "\"]}")).executionArn();
            review.linkFor(reviewer, subject);

            WebDriver browser = chromium(Files.createTempDirectory("review-chromium-"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(aws.sesViewerUrl());
                WebElement email = wait.until(d -> d.findElements(By.cssSelector(".email-inner")).stream()
                        .filter(e -> e.getText().contains("To: " + reviewer)).findFirst().orElse(null));
                email.findElement(By.xpath(".//button[contains(., 'Toggle HTML view')]")).click();
                String viewer = browser.getWindowHandle();
                browser.switchTo().frame(email.findElement(By.cssSelector("iframe")));
                wait.until(d -> d.findElement(By.cssSelector("a[href*='/reviews/page/']"))).click();
                browser.switchTo().defaultContent();
                String page = wait.until(d -> d.getWindowHandles().stream().filter(h -> !h.equals(viewer)).findFirst().orElse(null));
                browser.switchTo().window(page);

                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accept"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Accepted."));
                assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("SUCCEED");
                await().atMost(Duration.ofSeconds(15)).until(() -> review.executionStatus(execution).equals("SUCCEEDED"));
            } finally {
                browser.quit();
            }
        }
    }
}
