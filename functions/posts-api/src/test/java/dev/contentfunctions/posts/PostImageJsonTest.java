package dev.contentfunctions.posts;

import static dev.contentfunctions.posts.PicturedBlog.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API's {@code image} as a client reads it, for each kind of picture: a post's, a listing's, a
 * tag listing's and related posts'.
 */
class PostImageJsonTest {
  private final PicturedBlog blog = new PicturedBlog();

  private JsonNode get(String path) {
    return BlogTestBed.json(BlogTestBed.invoke(blog.handler, BlogTestBed.event("GET", path, Map.of())));
  }

  /** Each listed post's image, by slug. */
  private Map<String, JsonNode> listed(String path) {
    Map<String, JsonNode> images = new HashMap<>();
    get(path).path("posts").forEach(post -> images.put(post.path("slug").asText(), post.path("image")));
    return images;
  }

  @Test
  void aContentImageHasItsVariantsSizeAltAndCropAsAbsoluteUrls() {
    JsonNode image = get("/posts/with-content-image").path("image");

    assertThat(image.path("url").asText()).isEqualTo(SITE + "/media/5d41ab/cover-960.jpg");
    assertThat(image.path("width").asInt()).isEqualTo(960);
    assertThat(image.path("height").asInt()).isEqualTo(640);
    assertThat(image.path("alt").asText()).isEqualTo("Two cups of tea on a windowsill");
    assertThat(image.path("srcset").asText()).isEqualTo(
        SITE + "/media/5d41ab/cover-480.jpg 480w, " + SITE + "/media/5d41ab/cover-960.jpg 960w, "
            + SITE + "/media/5d41ab/cover-1600.jpg 1600w");
    assertThat(image.path("openGraph").asText()).isEqualTo(SITE + "/media/5d41ab/cover-og.jpg");
  }

  @Test
  void anotherSitesImageIsItsAddressWithoutSizeOrVariants() {
    JsonNode image = get("/posts/with-external-image").path("image");

    assertThat(image.path("url").asText()).isEqualTo("https://photos.example.org/sunrise.jpg");
    assertThat(image.path("openGraph").asText()).isEqualTo("https://photos.example.org/sunrise.jpg");
    assertThat(image.path("alt").asText()).isEqualTo("Sunrise over a lake");
    assertThat(image.has("width") && image.get("width").isNull()).isTrue();
    assertThat(image.has("height") && image.get("height").isNull()).isTrue();
    assertThat(image.has("srcset") && image.get("srcset").isNull()).isTrue();
  }

  @Test
  void aPostWithoutImageHasNull() {
    JsonNode post = get("/posts/without-image");

    assertThat(post.has("image")).isTrue();
    assertThat(post.get("image").isNull()).isTrue();
  }

  @Test
  void anItemStoredBeforeImagesShowsItsAddressAsAnotherSitesImage() {
    JsonNode image = get("/posts/with-old-image").path("image");

    assertThat(image.path("url").asText()).isEqualTo(SITE + "/images/connection.jpg");
    assertThat(image.path("openGraph").asText()).isEqualTo(SITE + "/images/connection.jpg");
    assertThat(image.path("alt").asText()).isEmpty();
    assertThat(image.get("width").isNull()).isTrue();
    assertThat(image.get("srcset").isNull()).isTrue();
  }

  @Test
  void listingsTagsAndRelatedPostsCarryTheSameImage() {
    JsonNode post = get("/posts/with-content-image").path("image");
    for (String path : new String[] {"/posts", "/posts?tag=calm", "/posts/without-image/related"}) {
      Map<String, JsonNode> images = listed(path);

      assertThat(images.get("with-content-image")).as(path).isEqualTo(post);
      assertThat(images.get("with-external-image").path("url").asText()).as(path).isEqualTo("https://photos.example.org/sunrise.jpg");
      assertThat(images.get("with-old-image").path("url").asText()).as(path).isEqualTo(SITE + "/images/connection.jpg");
    }
    assertThat(listed("/posts").get("without-image").isNull()).isTrue();
    assertThat(listed("/posts/with-content-image/related").get("without-image").isNull()).isTrue();
  }

  @Test
  void hostileAltTextIsJsonTextAsWritten() {
    blog.withContentAlt(PicturedBlog.HOSTILE_ALT);

    assertThat(get("/posts/with-content-image").path("image").path("alt").asText()).isEqualTo(PicturedBlog.HOSTILE_ALT);
    assertThat(listed("/posts").get("with-content-image").path("alt").asText()).isEqualTo(PicturedBlog.HOSTILE_ALT);
  }
}
