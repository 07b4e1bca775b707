package dev.contentfunctions.posts;

import dev.contentfunctions.posts.PostsService.PostView;
import dev.contentfunctions.posts.PostsService.TagCount;
import dev.contentfunctions.kit.json.JsonWriter;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PostSummary;
import dev.contentfunctions.tables.posts.TocEntry;
import java.time.Instant;
import java.util.List;

/**
 * The API's JSON documents, field by field (camelCase, ISO-8601 dates): the stable, documented shape
 * of docs/openapi.yaml, written out explicitly so that it never changes by accident.
 */
final class PostJson {
  private final SiteUrl site;

  PostJson(SiteUrl site) {
    this.site = site;
  }

  /** A listing's page as the client reads it; {@code nextCursor} null on the last page. */
  record Page(List<PostSummary> posts, String nextCursor) {}

  String page(Page page) {
    JsonWriter json = JsonWriter.object();
    summaries(json, page.posts());
    return json.field("nextCursor", page.nextCursor()).finish();
  }

  String related(List<PostSummary> posts) {
    JsonWriter json = JsonWriter.object();
    summaries(json, posts);
    return json.finish();
  }

  String tags(List<TagCount> tags) {
    JsonWriter json = JsonWriter.object().startArray("tags");
    for (TagCount tag : tags) {
      json.startObject().field("tag", tag.tag()).field("count", tag.count()).end();
    }
    return json.finish();
  }

  String post(PostView view) {
    Post post = view.post();
    JsonWriter json =
        JsonWriter.object()
            .field("slug", post.slug())
            .field("title", post.title())
            .field("description", post.description())
            .field("excerpt", post.excerpt())
            .field("date", iso(post.publishedAt()))
            .field("updated", iso(post.updatedAt()))
            .field("tags", post.tags())
            .field("author", post.author())
            .field("readingMinutes", post.readingMinutes())
            .field("wordCount", post.wordCount());
    image(json, post.image());
    json.field("canonicalUrl", site.postUrl(post.slug())).field("html", post.html()).startArray("toc");
    for (TocEntry entry : post.toc()) {
      json.startObject().field("level", entry.level()).field("text", entry.text()).field("id", entry.id()).end();
    }
    json.end();
    link(json, "previous", view.previous());
    link(json, "next", view.next());
    return json.field("draft", post.draft()).field("preview", view.preview()).finish();
  }

  private void summaries(JsonWriter json, List<PostSummary> posts) {
    json.startArray("posts");
    for (PostSummary post : posts) {
      json.startObject()
          .field("slug", post.slug())
          .field("title", post.title())
          .field("description", post.description())
          .field("date", iso(post.publishedAt()))
          .field("updated", iso(post.updatedAt()))
          .field("tags", post.tags())
          .field("readingMinutes", post.readingMinutes());
      image(json, post.image());
      json.field("url", site.postUrl(post.slug())).end();
    }
    json.end();
  }

  /**
   * {@code {url, width, height, alt, srcset, openGraph}} with absolute URLs, or null for no picture;
   * width and height null when unknown (another site's image), srcset null when there are no variants.
   */
  private void image(JsonWriter json, PostImage image) {
    if (image == null) {
      json.field("image", (Object) null);
      return;
    }
    json.startObject("image")
        .field("url", site.absolute(image.src()))
        .field("width", (Object) image.width())
        .field("height", (Object) image.height())
        .field("alt", image.alt())
        .field("srcset", Pictures.srcset(site, image.srcset()))
        .field("openGraph", site.absolute(image.openGraph() == null ? image.src() : image.openGraph().path()))
        .end();
  }

  private static void link(JsonWriter json, String name, PostSummary post) {
    if (post == null) {
      json.field(name, (Object) null);
    } else {
      json.startObject(name)
          .field("slug", post.slug())
          .field("title", post.title())
          .field("date", iso(post.publishedAt()))
          .end();
    }
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
