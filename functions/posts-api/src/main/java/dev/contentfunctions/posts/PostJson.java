package dev.contentfunctions.posts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.posts.PostsService.PostPage;
import dev.contentfunctions.posts.PostsService.PostView;
import dev.contentfunctions.posts.PostsService.TagCount;
import dev.contentfunctions.shared.json.Json;
import dev.contentfunctions.shared.posts.Post;
import dev.contentfunctions.shared.posts.PostSummary;
import dev.contentfunctions.shared.posts.TocEntry;
import java.time.Instant;
import java.util.List;

/**
 * The API's JSON documents, field by field (camelCase, ISO-8601 dates): the stable, documented shape
 * of docs/openapi.yaml, written out explicitly so that it never changes by accident.
 */
final class PostJson {
  private final PostsApiConfig config;

  PostJson(PostsApiConfig config) {
    this.config = config;
  }

  String page(PostPage page) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.set("posts", summaries(page.posts()));
    json.put("nextCursor", page.nextCursor());
    return json.toString();
  }

  String related(List<PostSummary> posts) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.set("posts", summaries(posts));
    return json.toString();
  }

  String tags(List<TagCount> tags) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    ArrayNode array = json.putArray("tags");
    for (TagCount tag : tags) {
      array.addObject().put("tag", tag.tag()).put("count", tag.count());
    }
    return json.toString();
  }

  String post(PostView view) {
    Post post = view.post();
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("slug", post.slug());
    json.put("title", post.title());
    json.put("description", post.description());
    json.put("excerpt", post.excerpt());
    json.put("date", iso(post.publishedAt()));
    json.put("updated", iso(post.updatedAt()));
    json.set("tags", strings(post.tags()));
    json.put("author", post.author());
    json.put("readingMinutes", post.readingMinutes());
    json.put("wordCount", post.wordCount());
    json.put("image", config.absolute(post.image()));
    json.put("canonicalUrl", config.postUrl(post.slug()));
    json.put("html", post.html());
    ArrayNode toc = json.putArray("toc");
    for (TocEntry entry : post.toc()) {
      toc.addObject().put("level", entry.level()).put("text", entry.text()).put("id", entry.id());
    }
    json.set("previous", view.previous() == null ? null : link(view.previous()));
    json.set("next", view.next() == null ? null : link(view.next()));
    json.put("draft", post.draft());
    json.put("preview", view.preview());
    return json.toString();
  }

  private ArrayNode summaries(List<PostSummary> posts) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (PostSummary post : posts) {
      ObjectNode json = array.addObject();
      json.put("slug", post.slug());
      json.put("title", post.title());
      json.put("description", post.description());
      json.put("date", iso(post.publishedAt()));
      json.put("updated", iso(post.updatedAt()));
      json.set("tags", strings(post.tags()));
      json.put("readingMinutes", post.readingMinutes());
      json.put("image", config.absolute(post.image()));
      json.put("url", config.postUrl(post.slug()));
    }
    return array;
  }

  private ObjectNode link(PostSummary post) {
    return Json.MAPPER.createObjectNode()
        .put("slug", post.slug())
        .put("title", post.title())
        .put("date", iso(post.publishedAt()));
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
