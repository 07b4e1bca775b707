package dev.contentfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole local run serving the site, as the browser tests and the link checker use it: a
 * temporary copy of content/ plus enough older posts for a second page of the blog, and the repo's
 * own web/.
 */
final class SiteRun implements AutoCloseable {
  static final String SEED = "how-to-rebuild-emotional-connection-after-a-hard-season";
  static final String SEED_TITLE = "How to Rebuild Emotional Connection After a Hard Season";

  /** content/'s posts, newest first. */
  static final List<String> SAMPLES =
      List.of(
          SEED,
          "mindfulness-for-relationships",
          "listening-without-fixing",
          "small-rituals-of-connection");

  /** Posts older than the samples, so that the blog has 12 posts: two pages of 10. */
  static final int ARCHIVE_POSTS = 8;

  /** One URL of each page type of the site contract. */
  static final List<String> PAGE_TYPES =
      List.of(
          "/",
          "/blog/",
          "/blog/tag/communication/",
          "/blog/" + SEED,
          "/book",
          "/thank-you",
          "/privacy",
          "/no-such-page");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  final Path content;
  final LocalRunProcess run;

  private SiteRun(Path content, LocalRunProcess run) {
    this.content = content;
    this.run = run;
  }

  static SiteRun start(Path temp) throws Exception {
    Path content = SampleContent.copyInto(temp);
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
    SiteRun site =
        new SiteRun(
            content,
            LocalRunProcess.start(
                content, RepoPaths.root().resolve("web"), temp.resolve("local-run.log")));
    site.run.awaitWhileRunning(
        "every post is published",
        START_TIMEOUT,
        () -> site.publishedSlugs().size() == SAMPLES.size() + ARCHIVE_POSTS);
    return site;
  }

  static String archive(int day) {
    return "from-the-archive-part-" + day;
  }

  String url(String path) {
    return run.url(path);
  }

  /** A GET that follows no redirect. */
  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path))).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode json(String path) {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + response.statusCode());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the read API lists (every page). */
  List<String> publishedSlugs() {
    List<String> slugs = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = json("/posts?limit=50" + (cursor == null ? "" : "&cursor=" + cursor));
      page.path("posts").forEach(p -> slugs.add(p.path("slug").asText()));
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return slugs;
  }

  @Override
  public void close() throws Exception {
    run.interrupt(Duration.ofSeconds(15));
    run.close();
  }
}
