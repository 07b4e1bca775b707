package dev.contentfunctions.posts;

import static dev.contentfunctions.posts.PicturedBlog.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.PostImage;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The pictures of the website's pages as a browser and a link-preview bot read them: the post's
 * hero image, the cards' thumbnails, og:image and its kin, JSON-LD, for each kind of picture.
 */
class SitePicturesTest {
  private static final String HERO_SIZES = "(max-width: 44rem) calc(100vw - 2.5rem), 41.5rem";
  private static final String THUMBNAIL_SIZES = "(max-width: 30rem) 6rem, 9rem";

  private final PicturedBlog blog = new PicturedBlog();

  private APIGatewayV2HTTPResponse response(String path) {
    return BlogTestBed.invoke(blog.handler, BlogTestBed.event("GET", path, Map.of()));
  }

  private Document page(String path) {
    APIGatewayV2HTTPResponse response = response(path);
    assertThat(response.getStatusCode()).as(path).isEqualTo(200);
    // What an XML parser reads is what HTML reads: no attribute value ended early.
    Document strict = Jsoup.parse(response.getBody().replace("<!doctype html>", ""), "", Parser.xmlParser());
    assertThat(strict.select("img").size()).isEqualTo(Jsoup.parse(response.getBody()).select("img").size());
    return Jsoup.parse(response.getBody(), SITE + "/");
  }

  private static String meta(Document page, String key) {
    Element element = page.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
    return element == null ? null : element.attr("content");
  }

  private static JsonNode posting(Document page) throws Exception {
    return Json.MAPPER.readTree(page.selectFirst("script[type=application/ld+json]").data());
  }

  private static Element hero(Document page) {
    return page.selectFirst("[data-testid=post-article] img[data-testid=post-image]");
  }

  private static Element thumbnail(Document page, String list, String slug) {
    return page.selectFirst("[data-testid=" + list + "] [data-testid=post-card][data-slug=" + slug + "] img.card-image");
  }

  @Test
  void aContentImageIsTheHeroWithItsVariantsSizeAndAltAndLoadsFirst() {
    Document page = page("/blog/with-content-image");
    Element hero = hero(page);

    assertThat(hero.attr("src")).isEqualTo(SITE + "/media/5d41ab/cover-960.jpg");
    assertThat(hero.attr("srcset")).isEqualTo(SITE + "/media/5d41ab/cover-480.jpg 480w, " + SITE
        + "/media/5d41ab/cover-960.jpg 960w, " + SITE + "/media/5d41ab/cover-1600.jpg 1600w");
    assertThat(hero.attr("sizes")).isEqualTo(HERO_SIZES);
    assertThat(hero.attr("width")).isEqualTo("960");
    assertThat(hero.attr("height")).isEqualTo("640");
    assertThat(hero.attr("alt")).isEqualTo("Two cups of tea on a windowsill");
    assertThat(hero.attr("fetchpriority")).isEqualTo("high");
    assertThat(hero.attr("decoding")).isEqualTo("async");
    assertThat(hero.hasAttr("loading")).as("the hero is never lazy").isFalse();
    // Above the article's text, and the page's first picture.
    assertThat(page.selectFirst("img")).isSameAs(hero);
    assertThat(hero.parents()).doesNotContain(page.selectFirst("[data-testid=post-body]"));
  }

  @Test
  void aContentImagesLinkPreviewIsTheCropWithItsSizeAndAlt() throws Exception {
    Document page = page("/blog/with-content-image");

    assertThat(meta(page, "og:image")).isEqualTo(SITE + "/media/5d41ab/cover-og.jpg");
    assertThat(meta(page, "og:image:width")).isEqualTo("1200");
    assertThat(meta(page, "og:image:height")).isEqualTo("630");
    assertThat(meta(page, "og:image:alt")).isEqualTo("Two cups of tea on a windowsill");
    assertThat(meta(page, "twitter:card")).isEqualTo("summary_large_image");
    assertThat(meta(page, "twitter:image")).isEqualTo(SITE + "/media/5d41ab/cover-og.jpg");
    assertThat(meta(page, "twitter:image:alt")).isEqualTo("Two cups of tea on a windowsill");
    JsonNode image = posting(page).path("image");
    assertThat(image.path("@type").asText()).isEqualTo("ImageObject");
    assertThat(image.path("url").asText()).isEqualTo(SITE + "/media/5d41ab/cover-1600.jpg");
    assertThat(image.path("width").asInt()).isEqualTo(1600);
    assertThat(image.path("height").asInt()).isEqualTo(1067);
  }

  @Test
  void aSmallImagesCropHasItsOwnSmallerSize() {
    ImageVariant only = new ImageVariant("/media/77aa01/small-700.png", 700, 466);
    blog.posts.put(PicturedBlog.post("with-small-image", "2025-10-01",
        new PostImage(only.path(), 700, 466, "", List.of(only),
            new ImageVariant("/media/77aa01/small-og.png", 700, 367))));
    Document page = page("/blog/with-small-image");

    assertThat(meta(page, "og:image")).isEqualTo(SITE + "/media/77aa01/small-og.png");
    assertThat(meta(page, "og:image:width")).isEqualTo("700");
    assertThat(meta(page, "og:image:height")).isEqualTo("367");
    assertThat(meta(page, "og:image:alt")).as("no alt text given").isNull();
    assertThat(hero(page).attr("alt")).isEmpty();
    assertThat(hero(page).hasAttr("alt")).as("decorative, still alt=\"\"").isTrue();
    assertThat(hero(page).attr("width")).isEqualTo("700");
  }

  @Test
  void anotherSitesImageIsShownAsWrittenWithoutSizeOrVariants() throws Exception {
    Document page = page("/blog/with-external-image");
    Element hero = hero(page);

    assertThat(hero.attr("src")).isEqualTo("https://photos.example.org/sunrise.jpg");
    assertThat(hero.attr("alt")).isEqualTo("Sunrise over a lake");
    for (String absent : List.of("srcset", "sizes", "width", "height", "loading")) {
      assertThat(hero.hasAttr(absent)).as(absent).isFalse();
    }
    assertThat(meta(page, "og:image")).isEqualTo("https://photos.example.org/sunrise.jpg");
    assertThat(meta(page, "og:image:width")).isNull();
    assertThat(meta(page, "og:image:alt")).isEqualTo("Sunrise over a lake");
    assertThat(posting(page).path("image").asText()).isEqualTo("https://photos.example.org/sunrise.jpg");
  }

  @Test
  void anOldItemsAddressIsShownAsAnotherSitesImageOfThisSite() throws Exception {
    Document page = page("/blog/with-old-image");

    assertThat(hero(page).attr("src")).isEqualTo(SITE + "/images/connection.jpg");
    assertThat(hero(page).hasAttr("srcset")).isFalse();
    assertThat(meta(page, "og:image")).isEqualTo(SITE + "/images/connection.jpg");
    assertThat(meta(page, "og:image:alt")).isNull();
    assertThat(posting(page).path("image").asText()).isEqualTo(SITE + "/images/connection.jpg");
  }

  @Test
  void aPostWithoutImageHasNoHeroNoPreviewImageAndASmallCard() throws Exception {
    Document page = page("/blog/without-image");

    assertThat(hero(page)).isNull();
    assertThat(page.select("[data-testid=post-article] img")).isEmpty();
    assertThat(meta(page, "og:image")).isNull();
    assertThat(meta(page, "twitter:image")).isNull();
    assertThat(meta(page, "twitter:card")).isEqualTo("summary");
    assertThat(posting(page).has("image")).isFalse();
  }

  @Test
  void cardsShowTheSmallestSharpVariantLazilyWithoutRepeatingTheTitle() {
    for (String[] listing : new String[][] {{"/blog/", "post-list"}, {"/blog/tag/calm/", "post-list"}, {"/", "latest-list"},
        {"/blog/without-image", "related-list"}}) {
      Document page = page(listing[0]);
      Element thumbnail = thumbnail(page, listing[1], "with-content-image");

      assertThat(thumbnail).as(listing[0]).isNotNull();
      assertThat(thumbnail.attr("src")).isEqualTo(SITE + "/media/5d41ab/cover-480.jpg");
      assertThat(thumbnail.attr("srcset")).isEqualTo(SITE + "/media/5d41ab/cover-480.jpg 480w");
      assertThat(thumbnail.attr("sizes")).isEqualTo(THUMBNAIL_SIZES);
      assertThat(thumbnail.attr("width")).isEqualTo("960");
      assertThat(thumbnail.attr("height")).isEqualTo("640");
      assertThat(thumbnail.hasAttr("alt")).isTrue();
      assertThat(thumbnail.attr("alt")).isEmpty();
      assertThat(thumbnail.attr("loading")).isEqualTo("lazy");
      assertThat(thumbnail.attr("decoding")).isEqualTo("async");
      Element external = thumbnail(page, listing[1], "with-external-image");
      assertThat(external.attr("src")).isEqualTo("https://photos.example.org/sunrise.jpg");
      assertThat(external.hasAttr("srcset") || external.hasAttr("width")).isFalse();
      assertThat(external.attr("loading")).isEqualTo("lazy");
    }
    assertThat(thumbnail(page("/blog/"), "post-list", "with-old-image").attr("src")).isEqualTo(SITE + "/images/connection.jpg");
    assertThat(page("/blog/").select("[data-slug=without-image] img")).isEmpty();
  }

  @Test
  void aThumbnailOfOnlySmallVariantsOffersThemAll() {
    ImageVariant tiny = new ImageVariant("/media/88bb02/icon-200.png", 200, 200);
    ImageVariant small = new ImageVariant("/media/88bb02/icon-300.png", 300, 300);
    blog.posts.put(PicturedBlog.post("with-tiny-image", "2025-12-01",
        new PostImage(small.path(), 300, 300, "", List.of(tiny, small),
            new ImageVariant("/media/88bb02/icon-og.png", 300, 157))));

    Element thumbnail = thumbnail(page("/blog/"), "post-list", "with-tiny-image");

    assertThat(thumbnail.attr("src")).isEqualTo(SITE + "/media/88bb02/icon-300.png");
    assertThat(thumbnail.attr("srcset")).isEqualTo(SITE + "/media/88bb02/icon-200.png 200w, " + SITE + "/media/88bb02/icon-300.png 300w");
  }

  @Test
  void hostileAltTextIsOneAttributeValueEverywhere() throws Exception {
    blog.withContentAlt(PicturedBlog.HOSTILE_ALT);
    APIGatewayV2HTTPResponse response = response("/blog/with-content-image");
    Document page = page("/blog/with-content-image");

    assertThat(hero(page).attr("alt")).isEqualTo(PicturedBlog.HOSTILE_ALT);
    assertThat(meta(page, "og:image:alt")).isEqualTo(PicturedBlog.HOSTILE_ALT);
    assertThat(meta(page, "twitter:image:alt")).isEqualTo(PicturedBlog.HOSTILE_ALT);
    assertThat(page.select("b")).as("no element from the alt text").isEmpty();
    assertThat(page.select("script").stream().filter(s -> s.attr("type").isEmpty())).isEmpty();
    String tag = response.getBody().substring(response.getBody().indexOf("<img id=\"post-image\""));
    tag = tag.substring(0, tag.indexOf("decoding=\"async\">") + 1);
    assertThat(tag).contains("alt=\"A &#34;quoted&#34; &lt;b>").doesNotContain("<b", "\"quoted", "</script");
    assertThat(posting(page).path("image").path("caption").asText()).isEqualTo(PicturedBlog.HOSTILE_ALT);
    String ld = response.getBody().substring(response.getBody().indexOf("application/ld+json"));
    assertThat(ld.substring(0, ld.indexOf("</script>"))).doesNotContain("<s", "&", "\u2028");
    // A card's thumbnail never carries the alt text at all.
    assertThat(thumbnail(page("/blog/"), "post-list", "with-content-image").attr("alt")).isEmpty();
  }
}
