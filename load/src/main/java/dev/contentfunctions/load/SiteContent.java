package dev.contentfunctions.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the load can ask for, learnt from the API as a visitor would: the published posts' slugs,
 * the tags, and the ETags of the resources it revalidates.
 *
 * @param etags by path: each post's ({@code /posts/<slug>}) and the feed's ({@code /feed.xml})
 */
record SiteContent(List<String> slugs, List<String> tags, Map<String, String> etags) {
  private static final ObjectMapper JSON = new ObjectMapper();

  SiteContent {
    slugs = List.copyOf(slugs);
    tags = List.copyOf(tags);
    etags = Map.copyOf(etags);
  }

  static SiteContent discover(HttpClient http, URI api) throws IOException, InterruptedException {
    List<String> slugs = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          json(
              http,
              api,
              "/posts?limit=50"
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      page.path("posts").forEach(post -> slugs.add(post.path("slug").asText()));
      cursor = page.path("nextCursor").textValue();
    } while (cursor != null);
    List<String> tags = new ArrayList<>();
    json(http, api, "/tags").path("tags").forEach(tag -> tags.add(tag.path("tag").asText()));
    if (slugs.isEmpty() || tags.isEmpty()) {
      throw new IllegalStateException(
          "The API lists "
              + slugs.size()
              + " published posts and "
              + tags.size()
              + " tags; the load needs at least one of each");
    }

    Map<String, String> etags = new HashMap<>();
    List<String> revalidated = new ArrayList<>();
    slugs.forEach(slug -> revalidated.add("/posts/" + slug));
    revalidated.add("/feed.xml");
    for (String path : revalidated) {
      HttpResponse<Void> response =
          http.send(
              VisitorMix.visitorGet(api, path).build(), HttpResponse.BodyHandlers.discarding());
      requireOk(response, path);
      etags.put(
          path,
          response
              .headers()
              .firstValue("ETag")
              .orElseThrow(() -> new IllegalStateException("GET " + path + " has no ETag")));
    }
    return new SiteContent(slugs, tags, etags);
  }

  private static JsonNode json(HttpClient http, URI api, String pathAndQuery)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(api.resolve(pathAndQuery))
                .timeout(OpenLoop.REQUEST_TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    requireOk(response, pathAndQuery);
    return JSON.readTree(response.body());
  }

  private static void requireOk(HttpResponse<?> response, String pathAndQuery) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + pathAndQuery + " answered " + response.statusCode() + ", not 200");
    }
  }
}
