package dev.contentfunctions.local;

import static dev.contentfunctions.local.Browsers.byTestId;
import static dev.contentfunctions.local.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PostMapper;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A post's picture in a real browser (headless Chromium) against the whole local run: the post
 * item and its variants are written as the publisher writes them (the table's mapper, the media
 * bucket's keys and headers), so this checks the read side on its own: the hero image shows, at
 * its width and height, from the local /media/*, and so does the card's thumbnail.
 */
class PostImagesIT {
  private static final String SLUG = "a-post-with-a-photo";
  private static final String HASH = "9e107d";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path temp;
  private static SiteRun site;
  private static ChromeDriver browser;
  private static final List<ImageVariant> VARIANTS = new ArrayList<>();
  private static final ImageVariant CROP = new ImageVariant("/media/" + HASH + "/lake-og.jpg", 1200, 630);

  @BeforeAll
  static void startTheRunWithAPictureAndABrowser() throws Exception {
    site = SiteRun.start(temp);
    String stack = LocalRun.stackName(RepoPaths.root());
    String bucket = LocalStack.generatedName(stack, "MediaBucket").toLowerCase(Locale.ROOT);
    try (S3Client s3 = site.run.s3()) {
      for (int width : new int[] {480, 960, 1600}) {
        ImageVariant variant = new ImageVariant("/media/" + HASH + "/lake-" + width + ".jpg", width, width * 2 / 3);
        VARIANTS.add(variant);
        put(s3, bucket, variant);
      }
      put(s3, bucket, CROP);
    }
    PostImage image = new PostImage(VARIANTS.get(1).path(), 960, 640, "A calm lake at dawn", VARIANTS, CROP);
    Post post = new Post(SLUG, "A Post With a Photo", "A post whose picture the browser shows.", "Excerpt",
        Instant.parse("2023-06-01T00:00:00Z"), null, List.of("archive"), null, false, image, List.of(), Map.of(),
        "<p>The body.</p>", List.of(), 3, 1, "hash-of-" + SLUG, "posts/" + SLUG + ".md", List.of());
    String table = LocalStack.generatedName(stack, "PostsTable");
    try (DynamoDbClient dynamoDb = site.run.dynamoDb()) {
      PostMapper.PostItems items = PostMapper.toItems(post);
      dynamoDb.putItem(r -> r.tableName(table).item(items.post()));
      for (var tag : items.tags()) {
        dynamoDb.putItem(r -> r.tableName(table).item(tag));
      }
    }
    browser = Browsers.chrome(true, Files.createDirectories(temp.resolve("profiles")));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (site != null) {
      site.close();
    }
  }

  /** A JPEG of the variant's size, stored as the publisher stores variants. */
  private static void put(S3Client s3, String bucket, ImageVariant variant) throws IOException {
    BufferedImage picture = new BufferedImage(variant.width(), variant.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0x2f5d57), variant.width(), variant.height(), new Color(0xf1eee7)));
    g.fillRect(0, 0, variant.width(), variant.height());
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(picture, "jpg", jpeg);
    s3.putObject(
        r -> r.bucket(bucket).key(variant.path().substring(1)).contentType("image/jpeg").cacheControl(IMMUTABLE),
        RequestBody.fromBytes(jpeg.toByteArray()));
  }

  private static boolean loaded(WebElement image) {
    Object done = browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image);
    return Boolean.TRUE.equals(done);
  }

  @Test
  void theHeroImageShowsAtItsWidthAndHeightFromTheLocalMedia() {
    browser.get(site.url("/blog/" + SLUG));
    WebElement hero = byTestId(browser, "post-image");
    waitFor(browser).until(driver -> loaded(hero));

    // The attributes as written (getAttribute would read the properties: the width laid out).
    assertThat(hero.getDomAttribute("width")).isEqualTo("960");
    assertThat(hero.getDomAttribute("height")).isEqualTo("640");
    assertThat(hero.getDomAttribute("alt")).isEqualTo("A calm lake at dawn");
    assertThat(hero.getDomAttribute("loading")).isNull();
    assertThat(((Number) browser.executeScript("return arguments[0].naturalWidth;", hero)).intValue()).isPositive();
    assertThat((String) browser.executeScript("return arguments[0].currentSrc;", hero))
        .isIn(VARIANTS.stream().map(v -> site.url(v.path())).toList());
    // Laid out in the article's column at the picture's aspect ratio.
    Dimension size = hero.getSize();
    int column = byTestId(browser, "post-article").getSize().getWidth();
    assertThat(size.getWidth()).isPositive().isLessThanOrEqualTo(column);
    assertThat(Math.abs(size.getHeight() - size.getWidth() * 640.0 / 960)).isLessThanOrEqualTo(1.0);
  }

  @Test
  void theCardsThumbnailShowsOnceScrolledTo() {
    browser.get(site.url("/blog/tag/archive/"));
    WebElement thumbnail = browser.findElement(By.cssSelector("[data-slug=\"" + SLUG + "\"] img.card-image"));
    browser.executeScript("arguments[0].scrollIntoView();", thumbnail);
    waitFor(browser).until(driver -> loaded(thumbnail));

    assertThat(thumbnail.getDomAttribute("loading")).isEqualTo("lazy");
    assertThat(thumbnail.getDomAttribute("alt")).isEmpty();
    assertThat(thumbnail.getSize().getWidth()).isBetween(90, 150);
    assertThat((String) browser.executeScript("return arguments[0].currentSrc;", thumbnail))
        .isEqualTo(site.url(VARIANTS.get(0).path()));
  }

  @Test
  void loadMoreBuildsTheServersThumbnailFromTheJson() {
    // The post is the blog's oldest: on its second page, which load more fetches as JSON.
    browser.get(site.url("/blog/"));
    WebElement more = byTestId(browser, "load-more");
    String secondPage = more.getAttribute("href");
    By card = By.cssSelector("[data-testid=\"post-list\"] [data-slug=\"" + SLUG + "\"]");
    more.click();
    waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(card));
    String built = markup(browser.findElement(card));

    browser.get(secondPage);

    assertThat(built).contains("class=\"card-image\"").isEqualTo(markup(browser.findElement(card)));
  }

  /** An element as the browser serialises it, without the whitespace between tags. */
  private static String markup(WebElement element) {
    return element.getDomProperty("outerHTML").replaceAll(">\\s+<", "><").trim();
  }

  @Test
  void pagesWithPicturesAreValidHtml() throws Exception {
    HtmlValidationIT.assertValid(site, List.of("/blog/" + SLUG, "/blog/tag/archive/", "/"),
        Files.createDirectories(temp.resolve("pages")));
  }

  @Test
  void pagesWithPicturesHaveNoSeriousOrCriticalAccessibilityViolation() throws Exception {
    String axe = Files.readString(NodeModules.require("axe-core/axe.min.js"), java.nio.charset.StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    for (String path : List.of("/blog/" + SLUG, "/blog/tag/archive/")) {
      browser.get(site.url(path));
      found.addAll(AccessibilityIT.violations(browser, axe, path));
    }
    assertThat(found).isEmpty();
  }

  @Test
  void everyVariantAnswersWithItsTypeAndImmutableCaching() throws Exception {
    for (ImageVariant variant : VARIANTS) {
      HttpResponse<byte[]> response =
          HTTP.send(HttpRequest.newBuilder(URI.create(site.url(variant.path()))).build(), HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).as(variant.path()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(response.headers().firstValue("Cache-Control")).hasValue(IMMUTABLE);
      assertThat(ImageIO.read(new java.io.ByteArrayInputStream(response.body())).getWidth()).isEqualTo(variant.width());
    }
    HttpResponse<byte[]> preview = HTTP.send(
        HttpRequest.newBuilder(URI.create(site.url("/media/" + HASH + "/lake-og.jpg"))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(preview.statusCode()).isEqualTo(200);
  }
}
