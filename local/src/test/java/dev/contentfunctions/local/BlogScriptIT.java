package dev.contentfunctions.local;

import static dev.contentfunctions.local.Browsers.byTestId;
import static dev.contentfunctions.local.Browsers.testId;
import static dev.contentfunctions.local.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * web/'s blog.js in Chromium, on pages in the site contract's markup with the contract's
 * Content-Security-Policy, served as the distribution serves them (ContractPagesHandler behind
 * script-template.yaml): load more appends the JSON page's posts as the server's cards, follows the
 * cursor, announces, and falls back to the plain link when the API fails.
 */
class BlogScriptIT {
  private static final By CARDS =
      By.cssSelector("[data-testid=\"post-list\"] [data-testid=\"post-card\"]");

  @TempDir static Path temp;
  private static ApiServer server;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    CloudFormationTemplate template = TestTemplates.load("script-template.yaml");
    PrintStream console = new PrintStream(OutputStream.nullOutputStream(), true);
    HttpApiRoutes routes = HttpApiRoutes.fromTemplate(template);
    FunctionPlan plan = FunctionPlan.of(template, routes, Set.of());
    server =
        ApiServer.start(
            0,
            template.cdnBehaviours(ApiServer.SITE_DISTRIBUTION),
            routes,
            Map.of("PagesFunction", LocalFunction.load(template, plan.hosted().get(0), console)),
            plan.notHosted(),
            RepoPaths.root().resolve("web"),
            console);
    browser = Browsers.chrome(true, Files.createDirectories(temp.resolve("profiles")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void forget() {
    ContractPagesHandler.LAST_POSTS_QUERY.set(null);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @Test
  void loadMoreAppendsCardsFollowsTheCursorAndGoesOnTheLastPage() {
    browser.get(url("/blog/"));

    byTestId(browser, "load-more").click();

    waitFor(browser).until(ExpectedConditions.numberOfElementsToBe(CARDS, 2));
    assertThat(ContractPagesHandler.LAST_POSTS_QUERY.get()).isEqualTo("cursor=c2");
    assertThat(byTestId(browser, "load-more").getAttribute("href"))
        .isEqualTo(url("/blog/?cursor=c3"));
    WebElement card = browser.findElements(CARDS).get(1);
    assertThat(card.getTagName()).isEqualTo("li");
    assertThat(card.getAttribute("class")).isEqualTo("card");
    WebElement title = card.findElement(By.cssSelector("h2 > a"));
    assertThat(title.getText()).as("inserted as text").isEqualTo("Post <b>two</b>");
    assertThat(title.getAttribute("href")).isEqualTo(url("/blog/two"));
    assertThat(card.findElement(By.tagName("time")).getAttribute("datetime"))
        .isEqualTo("2025-11-03T00:00:00Z");
    assertThat(card.getText()).contains("November 3, 2025", "4 min read", "About two");
    assertThat(card.findElement(By.cssSelector("a[href=\"/blog/tag/x/\"]")).getText())
        .isEqualTo("x");
    assertThat(browser.switchTo().activeElement()).isEqualTo(title);
    WebElement status = byTestId(browser, "list-status");
    assertThat(status.getAttribute("role")).isEqualTo("status");
    assertThat(status.getDomProperty("textContent")).isEqualTo("1 more post loaded.");

    byTestId(browser, "load-more").click();

    waitFor(browser).until(ExpectedConditions.numberOfElementsToBe(CARDS, 3));
    assertThat(browser.findElements(testId("load-more"))).isEmpty();
    assertThat(status.getDomProperty("textContent"))
        .isEqualTo("1 more post loaded. That is all the posts.");
    assertThat(browser.getCurrentUrl()).isEqualTo(url("/blog/"));
    assertThat(cspViolations()).isEmpty();
  }

  @Test
  void onATagPageTheJsonPageIsThatTags() {
    browser.get(url("/blog/tag/t/"));

    byTestId(browser, "load-more").click();

    waitFor(browser).until(ExpectedConditions.numberOfElementsToBe(CARDS, 2));
    assertThat(ContractPagesHandler.LAST_POSTS_QUERY.get()).isEqualTo("cursor=c2&tag=t");
    assertThat(byTestId(browser, "load-more").getAttribute("href"))
        .isEqualTo(url("/blog/tag/t/?cursor=c3"));
  }

  @Test
  void whenTheApiFailsTheLinkIsFollowedAsAPlainLink() {
    browser.get(url("/blog/?start=broken"));

    byTestId(browser, "load-more").click();

    waitFor(browser).until(ExpectedConditions.urlToBe(url("/blog/?cursor=broken")));
    assertThat(browser.findElement(By.cssSelector("h2 a")).getText())
        .isEqualTo("server-page-broken");
  }

  /** What the console says the page's policy blocked. */
  private static List<String> cspViolations() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }
}
