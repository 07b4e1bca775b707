package dev.contentfunctions.local;

import static dev.contentfunctions.local.Browsers.byTestId;
import static dev.contentfunctions.local.Browsers.testId;
import static dev.contentfunctions.local.Browsers.waitFor;
import static dev.contentfunctions.local.SiteRun.ARCHIVE_POSTS;
import static dev.contentfunctions.local.SiteRun.SAMPLES;
import static dev.contentfunctions.local.SiteRun.SEED;
import static dev.contentfunctions.local.SiteRun.SEED_TITLE;
import static dev.contentfunctions.local.SiteRun.archive;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The site's server-rendered pages in a real browser (headless Chromium), against the whole local
 * run started as a newcomer starts it: every page type with JavaScript off (what a reader without
 * scripts, and a link-preview bot, gets), then what the two scripts add with it on (load more, the
 * booking form's inline errors), and booking with the keyboard alone. Screenshots of the blog, post
 * and booking pages, as a phone and a desktop show them, go to local/target/screenshots/.
 */
// The test that publishes a new post runs last: the listings the others check are the run's content.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebsiteIT {
  private static final Path SCREENSHOTS = RepoPaths.root().resolve("local/target/screenshots");
  private static final By CARDS =
      By.cssSelector("[data-testid=\"post-list\"] [data-testid=\"post-card\"]");
  private static final By HOME_CARDS =
      By.cssSelector("[data-testid=\"latest-list\"] [data-testid=\"post-card\"]");

  @TempDir static Path temp;
  private static SiteRun site;
  private static ChromeDriver browser;
  private static ChromeDriver plain;

  @BeforeAll
  static void startTheRunAndTwoBrowsers() throws Exception {
    site = SiteRun.start(temp);
    Path profiles = Files.createDirectories(temp.resolve("profiles"));
    browser = Browsers.chrome(true, profiles);
    plain = Browsers.chrome(false, profiles);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    for (ChromeDriver driver : new ChromeDriver[] {browser, plain}) {
      if (driver != null) {
        driver.quit();
      }
    }
    if (site != null) {
      site.close();
    }
  }

  // ---- JavaScript off: the pages as the server renders them ----

  @Test
  void everyPageHasTheSitesFrameWithoutJavaScript() {
    for (String path : SiteRun.PAGE_TYPES) {
      plain.get(site.url(path));

      assertThat(plain.findElement(By.tagName("html")).getAttribute("lang")).as(path).isEqualTo("en");
      assertThat(plain.findElement(By.cssSelector("a.skip-link")).getAttribute("href"))
          .as(path)
          .endsWith("#main");
      assertThat(plain.findElements(By.cssSelector("main#main"))).as(path).hasSize(1);
      assertThat(plain.findElements(By.tagName("h1"))).as(path + ": one h1").hasSize(1);
      assertThat(hrefs(plain, "header nav a"))
          .as(path + ": the header's links")
          .contains(site.url("/"), site.url("/blog/"), site.url("/book"));
      assertThat(hrefs(plain, "footer a"))
          .as(path + ": the footer's links")
          .contains(site.url("/book"), site.url("/privacy"));
      assertThat(plain.findElements(By.cssSelector("footer a[href$=\"/feed.xml\"]")))
          .as(path)
          .isNotEmpty();
    }
  }

  @Test
  void homeIntroducesThePracticeAndShowsTheNewestPosts() {
    plain.get(site.url("/"));

    List<String> slugs = cardSlugs(plain, HOME_CARDS);
    assertThat(slugs).hasSizeBetween(3, 6);
    assertThat(slugs.subList(0, 3)).containsExactlyElementsOf(SAMPLES.subList(0, 3));
    assertThat(plain.findElements(By.cssSelector("main a[href=\"/book\"]")))
        .as("a booking call to action")
        .isNotEmpty();
  }

  @Test
  void blogIndexPagesWithARealLinkWithoutJavaScript() throws IOException {
    List<String> firstPage = new ArrayList<>(SAMPLES);
    for (int day = ARCHIVE_POSTS; firstPage.size() < 10; day--) {
      firstPage.add(archive(day));
    }

    plain.get(site.url("/blog/"));

    assertThat(cardSlugs(plain)).containsExactlyElementsOf(firstPage);
    WebElement card = plain.findElements(CARDS).get(0);
    assertThat(card.findElement(By.cssSelector("time")).getAttribute("datetime"))
        .startsWith("2025-11-03");
    assertThat(card.getText()).contains("min read");
    assertThat(hrefs(card, "a[href^=\"/blog/tag/\"]"))
        .contains(site.url("/blog/tag/communication/"));
    WebElement older = plain.findElement(By.cssSelector("a[rel=next][data-testid=load-more]"));
    assertThat(older.getAttribute("href")).startsWith(site.url("/blog/?cursor="));
    Browsers.screenshot(plain, SCREENSHOTS, "blog-desktop", false);
    Browsers.screenshot(plain, SCREENSHOTS, "blog-phone", true);

    older.click();

    waitFor(plain).until(ExpectedConditions.urlContains("cursor="));
    assertThat(cardSlugs(plain)).containsExactly(archive(2), archive(1));
    assertThat(plain.findElements(testId("load-more"))).as("the last page").isEmpty();
  }

  @Test
  void tagPageListsThatTagsPostsWithoutJavaScript() {
    plain.get(site.url("/blog/tag/communication/"));

    assertThat(plain.findElement(By.tagName("h1")).getText()).containsIgnoringCase("communication");
    assertThat(cardSlugs(plain))
        .containsExactly(SEED, "mindfulness-for-relationships", "listening-without-fixing");
    assertThat(plain.findElements(testId("load-more"))).isEmpty();
  }

  @Test
  void seedPostIsLaidOutLikeTheSeedPostWithoutJavaScript() throws IOException {
    plain.get(site.url("/blog/" + SEED));

    assertThat(byTestId(plain, "post-article").isDisplayed()).isTrue();
    assertThat(byTestId(plain, "back-to-blog").getText()).isEqualTo("← Back to Blog");
    assertThat(byTestId(plain, "back-to-blog").getAttribute("href")).isEqualTo(site.url("/blog/"));
    assertThat(byTestId(plain, "post-title").getText()).isEqualTo(SEED_TITLE);
    assertThat(plain.getTitle()).startsWith(SEED_TITLE);
    assertThat(byTestId(plain, "post-date").getText()).isEqualTo("November 3, 2025");
    assertThat(byTestId(plain, "post-date").getAttribute("datetime")).startsWith("2025-11-03");
    assertThat(byTestId(plain, "post-reading-time").getText()).matches("\\d+ min read");
    assertThat(byTestId(plain, "post-author").getText()).contains("The Coach");
    assertThat(byTestId(plain, "post-toc").findElements(By.tagName("a"))).isNotEmpty();
    assertThat(byTestId(plain, "post-body").findElements(By.tagName("h2")))
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(headings(SEED));
    WebElement cta = byTestId(plain, "post-cta");
    assertThat(cta.findElement(By.tagName("h2")).getText())
        .isEqualTo("Ready to Transform Your Relationships?");
    assertThat(byTestId(plain, "cta-book").getText()).isEqualTo("Book Free Consultation");
    assertThat(byTestId(plain, "cta-book").getAttribute("href")).isEqualTo(site.url("/book"));
    WebElement related = byTestId(plain, "related");
    assertThat(related.getText()).contains("You may also like");
    List<String> relatedSlugs =
        hrefs(byTestId(plain, "related-list"), "h2 a, h3 a").stream().map(WebsiteIT::slug).toList();
    assertThat(relatedSlugs).hasSizeBetween(1, 3).doesNotContain(SEED).isSubsetOf(SAMPLES);
    assertThat(byTestId(plain, "all-posts").getText()).isEqualTo("View all blog posts →");
    assertThat(byTestId(plain, "all-posts").getAttribute("href")).isEqualTo(site.url("/blog/"));

    Browsers.screenshot(plain, SCREENSHOTS, "post-desktop", false);
    Browsers.screenshot(plain, SCREENSHOTS, "post-phone", true);

    byTestId(plain, "related-list").findElement(By.cssSelector("h2 a, h3 a")).click();
    waitFor(plain).until(ExpectedConditions.urlToBe(site.url("/blog/" + relatedSlugs.get(0))));
    assertThat(byTestId(plain, "post-title").getText())
        .isEqualTo(site.json("/posts/" + relatedSlugs.get(0)).path("title").asText());
  }

  @Test
  void privacyThankYouAndTheNotFoundPageWithoutJavaScript() {
    plain.get(site.url("/privacy"));
    assertThat(plain.findElement(By.tagName("h1")).getText()).containsIgnoringCase("privacy");
    assertThat(plain.findElement(By.id("main")).getText())
        .as("what is stored, for how long, how to have it erased")
        .containsIgnoringCase("erase");

    plain.get(site.url("/thank-you"));
    assertThat(plain.findElement(By.tagName("h1")).getText()).containsIgnoringCase("thank");

    plain.get(site.url("/no-such-page"));
    assertThat(plain.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
    assertThat(hrefs(plain, "main a")).contains(site.url("/blog/"), site.url("/"));
    assertThat(
            plain
                .findElement(By.cssSelector("meta[name=robots]"))
                .getAttribute("content"))
        .contains("noindex");
    assertThat(site.get("/no-such-page").statusCode()).isEqualTo(404);
    assertThat(site.get("/blog/no-such-post").statusCode()).isEqualTo(404);
  }

  @Test
  void bookingFormWithoutJavaScriptPostsItselfAndLandsOnTheThankYouPage() throws Exception {
    plain.get(site.url("/book"));
    WebElement form = byTestId(plain, "booking-form");
    assertThat(form.getAttribute("action")).isEqualTo(site.url("/consultations"));
    assertThat(form.getAttribute("method")).isEqualTo("post");
    assertThat(hrefs(form, "a")).as("the consent hint").contains(site.url("/privacy"));
    byTestId(plain, "field-name").sendKeys("Sam Example");
    byTestId(plain, "field-email").sendKeys("sam.plain@example.com");
    byTestId(plain, "field-message").sendKeys("Sent without JavaScript.");
    byTestId(plain, "field-consent").click();
    assertThat(byTestId(plain, "field-timezone").getAttribute("value"))
        .as("no script ran")
        .isEmpty();

    byTestId(plain, "booking-submit").click();

    waitFor(plain).until(ExpectedConditions.urlToBe(site.url("/thank-you")));
    assertThat(plain.findElement(By.tagName("h1")).getText()).containsIgnoringCase("thank");
    assertCoachNotified("sam.plain@example.com");
  }

  // ---- JavaScript on: what the scripts add ----

  @Test
  void loadMoreAppendsTheNextPageInPlaceThenGoes() {
    browser.get(site.url("/blog/"));
    List<WebElement> before = waitForCards(browser, 10);
    String nextPage = byTestId(browser, "load-more").getAttribute("href");

    byTestId(browser, "load-more").click();

    List<WebElement> after = waitForCards(browser, 12);
    plain.get(nextPage);
    assertThat(after.subList(10, 12).stream().map(WebsiteIT::markup).toList())
        .as("the cards load more builds are the server's, element for element")
        .isEqualTo(plain.findElements(CARDS).stream().map(WebsiteIT::markup).toList());
    assertThat(after.subList(0, 10)).as("appended, not a new page").isEqualTo(before);
    assertThat(browser.getCurrentUrl()).isEqualTo(site.url("/blog/"));
    assertThat(cardSlugs(browser)).endsWith(archive(2), archive(1));
    WebElement appended = after.get(10);
    assertThat(appended.getAttribute("class")).isEqualTo("card");
    assertThat(appended.findElement(By.cssSelector("h2 a")).getAttribute("href"))
        .isEqualTo(site.url("/blog/" + archive(2)));
    assertThat(appended.findElement(By.tagName("time")).getAttribute("datetime"))
        .startsWith("2024-01-02");
    assertThat(hrefs(appended, "a[href^=\"/blog/tag/\"]"))
        .containsExactly(site.url("/blog/tag/archive/"));
    assertThat(browser.findElements(testId("load-more"))).as("the last page").isEmpty();
    WebElement status = byTestId(browser, "list-status");
    assertThat(status.getAttribute("role")).isEqualTo("status");
    assertThat(status.getDomProperty("textContent")).startsWith("2 more posts loaded.");
    // Keyboard users continue where the new posts begin.
    assertThat(browser.switchTo().activeElement().getAttribute("href"))
        .isEqualTo(site.url("/blog/" + archive(2)));
  }

  @Test
  void bookingFormShowsTheApisMessageByTheFieldThenThanks() throws Exception {
    browser.get(site.url("/book"));
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
    assertThat(browser.getCurrentUrl()).as("no page load").isEqualTo(site.url("/book"));
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
  void bookingWithTheKeyboardAloneTabSpaceAndEnter() throws Exception {
    Map<String, String> typed =
        Map.of(
            "name", "Kim Keyboard",
            "email", "kim.keys@example.com",
            "preferredTimes", "Mornings",
            "message", "Booked with the keyboard only.");
    browser.get(site.url("/book"));
    List<String> visited = new ArrayList<>();

    for (int presses = 0; presses < 60; presses++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      WebElement focused = browser.switchTo().activeElement();
      String name = focused.getAttribute("name");
      visited.add(name == null ? focused.getTagName() : name);
      if ("website".equals(name)) {
        throw new AssertionError("Tab reached the honeypot: " + visited);
      }
      if (typed.containsKey(name)) {
        new Actions(browser).sendKeys(typed.get(name)).perform();
      } else if ("consent".equals(name)) {
        new Actions(browser).sendKeys(Keys.SPACE).perform();
      } else if ("booking-submit".equals(focused.getAttribute("data-testid"))) {
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        break;
      }
    }

    assertThat(visited).as("the fields Tab reached").contains("name", "email", "consent");
    assertThat(
            waitFor(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(testId("booking-success")))
                .getText())
        .contains("Thank you");
    assertCoachNotified("kim.keys@example.com");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void savingAFileInTheContentFolderPublishesItToTheBlog() throws Exception {
    String slug = "written-while-the-site-is-open";
    Path post = site.content.resolve("posts/" + slug + ".md");
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

    Files.writeString(
        post, "---\ntitle: Written While the Site Is Open\ndate: " + yesterday + "\n---\nNew.\n");
    try {
      site.run.awaitWhileRunning(
          "the new post is first on the blog after a reload",
          Duration.ofSeconds(10),
          () -> {
            // Ctrl+Shift+R: the pages may be kept by a browser for their max-age.
            plain.get(site.url("/blog/"));
            plain.executeCdpCommand("Page.reload", Map.of("ignoreCache", true));
            List<String> slugs = cardSlugs(plain);
            return !slugs.isEmpty() && slugs.get(0).equals(slug);
          });
      assertThat(site.get("/blog/" + slug).statusCode()).isEqualTo(200);
    } finally {
      // The other tests expect content/'s posts and the archive only.
      Files.delete(post);
      site.run.awaitWhileRunning(
          "the deleted post is unpublished",
          Duration.ofSeconds(10),
          () -> !site.publishedSlugs().contains(slug));
    }
  }

  /** The slugs of the listed post cards, from their title links (/blog/<slug>). */
  private static List<String> cardSlugs(WebDriver driver) {
    return cardSlugs(driver, CARDS);
  }

  private static List<String> cardSlugs(WebDriver driver, By cards) {
    return driver.findElements(cards).stream()
        .map(card -> slug(card.findElement(By.cssSelector("h2 a")).getAttribute("href")))
        .toList();
  }

  private static List<WebElement> waitForCards(WebDriver driver, int expected) {
    waitFor(driver).until(ExpectedConditions.numberOfElementsToBe(CARDS, expected));
    return driver.findElements(CARDS);
  }

  private static String slug(String href) {
    return href.substring(href.lastIndexOf('/') + 1);
  }

  private static List<String> hrefs(org.openqa.selenium.SearchContext in, String css) {
    return in.findElements(By.cssSelector(css)).stream().map(a -> a.getAttribute("href")).toList();
  }

  /** As if typed or pasted: a character no keyboard sends. */
  /** An element as the browser serialises it, without the whitespace between tags. */
  private static String markup(WebElement element) {
    return element.getDomProperty("outerHTML").replaceAll(">\\s+<", "><").trim();
  }

  private static void setValue(WebElement input, String value) {
    browser.executeScript(
        "arguments[0].value = arguments[1];"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        input,
        value);
  }

  /**
   * The request is stored (the coach's list, an IAM route that is open locally), and the coach is
   * notified from the table's stream: the run prints a line naming the request, and nothing of what
   * the person wrote.
   */
  private static void assertCoachNotified(String email) throws InterruptedException {
    String id = null;
    for (JsonNode request : site.json("/coach/consultations?status=new").path("consultations")) {
      if (request.path("email").asText().equals(email)) {
        id = request.path("id").asText();
      }
    }
    assertThat(id).as("a stored request from " + email).isNotNull();
    String line = "CoachNotificationTopic  sent a notification for request " + id;
    site.run.awaitWhileRunning(
        "the coach is notified of " + id,
        Duration.ofSeconds(10),
        () -> site.run.output().contains(line));
    assertThat(site.run.output()).doesNotContain(email);
  }

  /** The Markdown's level-2 headings, which the page shows as the article's sections. */
  private static List<String> headings(String slug) throws IOException {
    try (Stream<String> lines =
        Files.lines(RepoPaths.root().resolve("content/posts/" + slug + ".md"))) {
      return lines.filter(line -> line.startsWith("## ")).map(line -> line.substring(3)).toList();
    }
  }
}
