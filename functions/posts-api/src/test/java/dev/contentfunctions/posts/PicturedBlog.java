package dev.contentfunctions.posts;

import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.InMemoryPostRepository;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.TocEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A blog of four posts, one per kind of picture: an image of the content bucket (variants and
 * crop), another site's image, none, and an item stored before images were processed (the address
 * as text), read back through the table's mapper. Every post shares the tag "calm", so each one's
 * "You may also like" lists the others.
 */
final class PicturedBlog {
  static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  static final String SITE = BlogTestBed.SITE_URL;
  /** Every character that means something in an attribute, a text node or a script. */
  static final String HOSTILE_ALT = "A \"quoted\" <b>bold</b> & 'single' </script><script>alert(1)</script> \u2028 view";

  static final String HASH = "5d41ab";
  static final ImageVariant SMALL = new ImageVariant("/media/" + HASH + "/cover-480.jpg", 480, 320);
  static final ImageVariant MEDIUM = new ImageVariant("/media/" + HASH + "/cover-960.jpg", 960, 640);
  static final ImageVariant LARGE = new ImageVariant("/media/" + HASH + "/cover-1600.jpg", 1600, 1067);
  static final ImageVariant CROP = new ImageVariant("/media/" + HASH + "/cover-og.jpg", 1200, 630);

  static final PostImage CONTENT = new PostImage(MEDIUM.path(), 960, 640, "Two cups of tea on a windowsill",
      List.of(SMALL, MEDIUM, LARGE), CROP);
  static final PostImage EXTERNAL = PostImage.external("https://photos.example.org/sunrise.jpg", "Sunrise over a lake");
  static final String OLD_ADDRESS = "/images/connection.jpg";

  final InMemoryPostRepository posts = new InMemoryPostRepository();
  final PostsApiHandler handler = new PostsApiHandler(BlogTestBed.config("posts", BlogTestBed.PREVIEW_TOKEN), posts,
      Clock.fixed(NOW, ZoneOffset.UTC), new LocalContext("PostsApiFunction").log());

  PicturedBlog() {
    posts.put(post("with-content-image", "2025-11-04", CONTENT))
        .put(post("with-external-image", "2025-11-03", EXTERNAL))
        .put(post("without-image", "2025-11-02", null))
        .put(storedBeforeImages(post("with-old-image", "2025-11-01", null)));
  }

  /** The same blog, its content image's alt text replaced by {@code alt}. */
  PicturedBlog withContentAlt(String alt) {
    posts.put(post("with-content-image", "2025-11-04",
        new PostImage(CONTENT.src(), CONTENT.width(), CONTENT.height(), alt, CONTENT.srcset(), CONTENT.openGraph())));
    return this;
  }

  static Post post(String slug, String date, PostImage image) {
    return new Post(slug, "Title of " + slug, "About " + slug, "Excerpt", Instant.parse(date + "T00:00:00Z"), null,
        List.of("calm"), "Jane Coach", false, image, List.of(), Map.of(), "<p>Body of " + slug + "</p>",
        List.<TocEntry>of(), 100, 1, "hash-" + slug, "posts/" + slug + ".md", List.of());
  }

  /** As an item written before images were processed holds it: {@code image} is the address, as text. */
  static Post storedBeforeImages(Post post) {
    PostMapper.PostItems items = PostMapper.toItems(post);
    Map<String, AttributeValue> item = new java.util.HashMap<>(items.post());
    item.put(PostMapper.IMAGE, AttributeValue.fromS(OLD_ADDRESS));
    return PostMapper.fromItems(item, items.contentChunks());
  }
}
