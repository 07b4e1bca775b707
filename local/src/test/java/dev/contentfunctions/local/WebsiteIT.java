package dev.contentfunctions.local;

import static dev.contentfunctions.local.Browsers.byTestId;
import static dev.contentfunctions.local.Browsers.testId;
import static dev.contentfunctions.local.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The website of web/ in a real browser (headless Chromium), against the whole local run started as
 * a newcomer starts it, on free ports, with a temporary copy of content/ plus enough older posts
 * for a second page of the blog. Screenshots of the post and booking pages, as a phone and a
 * desktop show them, go to local/target/screenshots/.
 */
class WebsiteIT {
  private static final String SEED = "how-to-rebuild-emotional-connection-after-a-hard-season";
  private static final String SEED_TITLE =
      "How to Rebuild Emotional Connection After a Hard Season";

  /** content/'s posts, newest first. */
  private static final List<String> SAMPLES =
      List.of(
          SEED,
          "mindfulness-for-relationships",
          "listening-without-fixing",
          "small-rituals-of-connection");

  /** Posts older than the samples, so that the blog has 12 posts: two pages of 10. */
  private static final int ARCHIVE_POSTS = 8;

  private static final Path SCREENSHOTS = RepoPaths.root().resolve("local/target/screenshots");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static Path content;
  private static LocalRunProcess run;
  private static ChromeDriver browser;

  @BeforeAll
  static void startTheRunAndABrowser() throws Exception {
    content = SampleContent.copyInto(temp);
    for (int day = 1; day <= ARCHIVE_POSTS; day++) {
      Files.writeString(
          content.resolve("posts/" + archive(day) + ".md"),
          "---\ntitle: From the Archive, Part "
              + day
              + "\ndate: 2024-01-0"
              + day
              + "\ntags: [archive]\n---\nAn older post, number "
              + day
              + ".\n");
    }
    run =
        LocalRunProcess.start(
            content, RepoPaths.root().resolve("web"), temp.resolve("local-run.log"));
    browser = Browsers.chrome(true, Files.createDirectories(temp.resolve("profiles")));
    run.awaitWhileRunning(
        "every post is published",
        START_TIMEOUT,
        () -> publishedSlugs().size() == SAMPLES.size() + ARCHIVE_POSTS);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (run != null) {
      run.interrupt(Duration.ofSeconds(15));
      run.close();
    }
  }

  @Test
  void blogIndexListsThePostsNewestFirstOneFullPageAtATime() throws IOException {
    List<String> firstPage = new ArrayList<>(SAMPLES);
    for (int day = ARCHIVE_POSTS; firstPage.size() < 10; day--) {
      firstPage.add(archive(day));
    }

    browser.get(run.url("/blog/"));

    assertThat(cardSlugs(10)).containsExactlyElementsOf(firstPage);
    assertThat(byTestId(browser, "load-more").isDisplayed()).isTrue();
    Browsers.screenshot(browser, SCREENSHOTS, "blog-desktop", false);
    Browsers.screenshot(browser, SCREENSHOTS, "blog-phone", true);
  }

  @Test
  void loadMoreAppendsTheNextPageThenDisappears() {
    browser.get(run.url("/blog/"));
    cardSlugs(10);

    byTestId(browser, "load-more").click();

    assertThat(cardSlugs(12)).endsWith(archive(2), archive(1));
    waitFor(browser).until(ExpectedConditions.invisibilityOfElementLocated(testId("load-more")));
    assertThat(byTestId(browser, "blog-status").getText()).isEqualTo("2 more posts loaded.");
    // Keyboard users continue where the new posts begin.
    assertThat(browser.switchTo().activeElement().getAttribute("href"))
        .endsWith("slug=" + archive(2));
  }

  @Test
  void tagFilterNarrowsTheListAndIsALink() {
    browser.get(run.url("/blog/"));
    waitFor(browser)
        .until(ExpectedConditions.visibilityOfElementLocated(tagLink("communication")))
        .click();

    waitFor(browser).until(ExpectedConditions.urlToBe(run.url("/blog/?tag=communication")));
    assertThat(cardSlugs(3))
        .containsExactly(SEED, "mindfulness-for-relationships", "listening-without-fixing");
    assertThat(byTestId(browser, "blog-heading").getText())
        .isEqualTo("Posts about “communication”");
    assertThat(browser.findElement(tagLink("communication")).getAttribute("aria-current"))
        .isEqualTo("page");

    // The address is the filter: opened directly (here typed by hand), it shows the same.
    browser.get(run.url("/blog/?tag=Emotional%20Connection"));
    assertThat(cardSlugs(3))
        .containsExactly(SEED, "listening-without-fixing", "small-rituals-of-connection");
    assertThat(browser.getCurrentUrl()).isEqualTo(run.url("/blog/?tag=emotional-connection"));
    assertThat(byTestId(browser, "load-more").isDisplayed()).isFalse();
  }

  @Test
  void seedPostIsLaidOutLikeTheSeedPost() throws IOException {
    browser.get(run.url("/blog/post.html?slug=" + SEED));
    waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(testId("post-article")));
    WebElement related =
        waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(testId("related")));

    assertThat(byTestId(browser, "back-to-blog").getText()).isEqualTo("← Back to Blog");
    assertThat(byTestId(browser, "back-to-blog").getAttribute("href")).isEqualTo(run.url("/blog/"));
    assertThat(byTestId(browser, "post-title").getText()).isEqualTo(SEED_TITLE);
    assertThat(browser.getTitle()).startsWith(SEED_TITLE);
    assertThat(byTestId(browser, "post-date").getText()).isEqualTo("November 3, 2025");
    assertThat(byTestId(browser, "post-date").getAttribute("datetime")).startsWith("2025-11-03");
    assertThat(byTestId(browser, "post-body").findElements(By.tagName("h2")))
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(headings(SEED));
    WebElement cta = byTestId(browser, "post-cta");
    assertThat(cta.isDisplayed()).isTrue();
    assertThat(cta.findElement(By.tagName("h2")).getText())
        .isEqualTo("Ready to Transform Your Relationships?");
    assertThat(byTestId(browser, "cta-book").getAttribute("href")).isEqualTo(run.url("/book.html"));
    assertThat(related.findElement(By.tagName("h2")).getText()).isEqualTo("You may also like");
    List<WebElement> relatedCards =
        byTestId(browser, "related-list").findElements(testId("post-card"));
    assertThat(relatedCards)
        .hasSizeBetween(1, 3)
        .extracting(card -> card.getAttribute("data-slug"))
        .doesNotContain(SEED)
        .isSubsetOf(SAMPLES);
    assertThat(byTestId(browser, "all-posts").getText()).startsWith("View all blog posts");

    Browsers.screenshot(browser, SCREENSHOTS, "post-desktop", false);
    Browsers.screenshot(browser, SCREENSHOTS, "post-phone", true);

    // Following a related post opens it.
    WebElement firstRelated = relatedCards.get(0);
    String relatedSlug = firstRelated.getAttribute("data-slug");
    firstRelated.findElement(By.cssSelector("h2 a, h3 a")).click();
    waitFor(browser)
        .until(ExpectedConditions.urlToBe(run.url("/blog/post.html?slug=" + relatedSlug)));
    waitFor(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                testId("post-title"), title(relatedSlug)));
  }

  @Test
  void bookingFormShowsTheApisMessageByTheFieldThenThanks() throws Exception {
    browser.get(run.url("/book.html"));
    Browsers.screenshot(browser, SCREENSHOTS, "book-desktop", false);
    Browsers.screenshot(browser, SCREENSHOTS, "book-phone", true);
    byTestId(browser, "field-name").sendKeys("Alex Example");
    // Passes the page's own check, not the API's: an invisible control character (U+0085).
    setValue(byTestId(browser, "field-email"), "alex\u0085@example.com");
    byTestId(browser, "field-preferredTimes").sendKeys("Weekday evenings");
    byTestId(browser, "field-consent").click();

    byTestId(browser, "booking-submit").click();

    WebElement error =
        waitFor(browser)
            .until(ExpectedConditions.visibilityOfElementLocated(testId("field-error-email")));
    // What a screen reader says (the "Error: " prefix is visually hidden).
    assertThat(error.getDomProperty("textContent"))
        .isEqualTo("Error: Remove the invisible control characters from this field.");
    WebElement email = byTestId(browser, "field-email");
    assertThat(browser.switchTo().activeElement()).isEqualTo(email);
    assertThat(email.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(email.getAttribute("aria-describedby")).startsWith("email-error");
    assertThat(byTestId(browser, "error-summary").getText())
        .contains("There is a problem", "E-mail: Remove the invisible control characters");
    Browsers.screenshot(browser, SCREENSHOTS, "book-error-phone", true);

    email.clear();
    email.sendKeys("alex.js@example.com");
    byTestId(browser, "booking-submit").click();

    WebElement thanks =
        waitFor(browser)
            .until(ExpectedConditions.visibilityOfElementLocated(testId("booking-success")));
    assertThat(thanks.getText()).contains("Thank you, your request has been sent");
    assertThat(byTestId(browser, "booking-form").isDisplayed()).isFalse();
    assertThat(browser.switchTo().activeElement()).isEqualTo(thanks);
    assertCoachNotified("alex.js@example.com");
  }

  @Test
  void bookingFormWithoutJavaScriptPostsItselfAndLandsOnTheThankYouPage() throws Exception {
    ChromeDriver plain = Browsers.chrome(false, temp.resolve("profiles"));
    try {
      plain.get(run.url("/book.html"));
      byTestId(plain, "field-name").sendKeys("Sam Example");
      byTestId(plain, "field-email").sendKeys("sam.plain@example.com");
      byTestId(plain, "field-message").sendKeys("Sent without JavaScript.");
      byTestId(plain, "field-consent").click();
      assertThat(byTestId(plain, "field-timezone").getAttribute("value"))
          .as("no script ran")
          .isEmpty();

      byTestId(plain, "booking-submit").click();

      waitFor(plain).until(ExpectedConditions.urlToBe(run.url("/thank-you.html")));
      assertThat(byTestId(plain, "thank-you-message").isDisplayed()).isTrue();
      assertCoachNotified("sam.plain@example.com");
    } finally {
      plain.quit();
    }
  }

  @Test
  void savingAFileInTheContentFolderPublishesItToTheBlog() throws Exception {
    // A browser of its own: the other tests' browser must not keep this post's listing cached.
    ChromeDriver author = Browsers.chrome(true, temp.resolve("profiles"));
    author.get(run.url("/blog/"));
    cardSlugs(author, 10);
    String slug = "written-while-the-site-is-open";
    Path post = content.resolve("posts/" + slug + ".md");
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

    Files.writeString(
        post, "---\ntitle: Written While the Site Is Open\ndate: " + yesterday + "\n---\nNew.\n");
    try {
      run.awaitWhileRunning(
          "the new post is first on the blog after a reload",
          Duration.ofSeconds(10),
          () -> {
            // Ctrl+Shift+R: the read API lets browsers keep a listing for a minute (max-age=60),
            // so a plain reload would show the list as it was.
            WebElement before = author.findElement(testId("post-list"));
            author.executeCdpCommand("Page.reload", Map.of("ignoreCache", true));
            waitFor(author).until(ExpectedConditions.stalenessOf(before));
            return cardSlugs(author, 10).get(0).equals(slug);
          });
    } finally {
      author.quit();
      // The other tests expect content/'s posts and the archive only.
      Files.delete(post);
      run.awaitWhileRunning(
          "the deleted post is unpublished",
          Duration.ofSeconds(10),
          () -> !publishedSlugs().contains(slug));
    }
  }

  private static String archive(int day) {
    return "from-the-archive-part-" + day;
  }

  private static By tagLink(String tag) {
    return By.cssSelector("[data-testid=\"tag-link\"][data-tag=\"" + tag + "\"]");
  }

  /** The slugs of the listed post cards, once there are {@code expected} of them. */
  private static List<String> cardSlugs(int expected) {
    return cardSlugs(browser, expected);
  }

  private static List<String> cardSlugs(WebDriver driver, int expected) {
    By cards = By.cssSelector("[data-testid=\"post-list\"] [data-testid=\"post-card\"]");
    waitFor(driver).until(ExpectedConditions.numberOfElementsToBe(cards, expected));
    return driver.findElements(cards).stream().map(card -> card.getAttribute("data-slug")).toList();
  }

  /** As if typed or pasted: a character no keyboard sends. */
  private static void setValue(WebElement input, String value) {
    browser.executeScript(
        "arguments[0].value = arguments[1];"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        input,
        value);
  }

  /** What the read API lists (every page). */
  private static List<String> publishedSlugs() {
    List<String> slugs = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = apiJson("/posts?limit=50" + (cursor == null ? "" : "&cursor=" + cursor));
      page.path("posts").forEach(p -> slugs.add(p.path("slug").asText()));
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return slugs;
  }

  /**
   * The request is stored (the coach's list, an IAM route that is open locally), and the coach is
   * notified from the table's stream: the run prints a line naming the request, and nothing of what
   * the person wrote.
   */
  private static void assertCoachNotified(String email) throws InterruptedException {
    String id = null;
    for (JsonNode request : apiJson("/coach/consultations?status=new").path("consultations")) {
      if (request.path("email").asText().equals(email)) {
        id = request.path("id").asText();
      }
    }
    assertThat(id).as("a stored request from " + email).isNotNull();
    String line = "CoachNotificationTopic  sent a notification for request " + id;
    run.awaitWhileRunning(
        "the coach is notified of " + id,
        Duration.ofSeconds(10),
        () -> run.output().contains(line));
    assertThat(run.output()).doesNotContain(email);
  }

  private static String title(String slug) {
    return apiJson("/posts/" + slug).path("title").asText();
  }

  private static JsonNode apiJson(String path) {
    try {
      String response = run.get(path);
      if (!response.startsWith("200 ")) {
        throw new IllegalStateException("GET " + path + ": " + response);
      }
      return JSON.readTree(response.substring(4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Markdown's level-2 headings, which the page shows as the article's sections. */
  private static List<String> headings(String slug) throws IOException {
    try (Stream<String> lines =
        Files.lines(RepoPaths.root().resolve("content/posts/" + slug + ".md"))) {
      return lines.filter(line -> line.startsWith("## ")).map(line -> line.substring(3)).toList();
    }
  }
}
