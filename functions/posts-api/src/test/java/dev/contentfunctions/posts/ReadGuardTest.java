package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.tables.posts.InMemoryPostRepository;
import dev.contentfunctions.tables.posts.ListPosition;
import dev.contentfunctions.tables.posts.Listing;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostRepository;
import dev.contentfunctions.tables.posts.PostSummary;
import dev.contentfunctions.tables.posts.ReadLimitExceededException;
import dev.contentfunctions.tables.posts.Slug;
import dev.contentfunctions.tables.posts.TagCounts;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A read stopped by the repository's guard degrades: a 503 with Retry-After, or a shorter sitemap page; both logged. */
class ReadGuardTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

  /** The in-memory read side, but with counts too many to read and a month cut short. */
  private record Guarded(PostRepository delegate) implements PostRepository {
    @Override public TagCounts counts(Instant now) { throw new ReadLimitExceededException("counts: more than 2000 items"); }
    @Override public DatedPage month(YearMonth month, Instant now, int limit) {
      return new DatedPage(List.of(new Dated("a-post", NOW)), true);
    }
    @Override public Optional<Post> findPost(Slug slug) { return delegate.findPost(slug); }
    @Override public Optional<Listed> findSummary(Slug slug) { return delegate.findSummary(slug); }
    @Override public Map<String, String> findHtml(List<Slug> slugs) { return delegate.findHtml(slugs); }
    @Override public Optional<Slug> findAliasTarget(Slug slug) { return delegate.findAliasTarget(slug); }
    @Override public Page page(Listing listing, Instant now, int limit, Optional<ListPosition> after) { return delegate.page(listing, now, limit, after); }
    @Override public List<PostSummary> all(Listing listing, Instant now) { return delegate.all(listing, now); }
    @Override public Optional<PostSummary> neighbour(Post post, Instant now, boolean older) { return delegate.neighbour(post, now, older); }
  }

  private final LocalContext context = new LocalContext("PostsApiFunction");
  private final PostsApiHandler handler =
      new PostsApiHandler(BlogTestBed.config("posts", BlogTestBed.PREVIEW_TOKEN), new Guarded(new InMemoryPostRepository()),
          Clock.fixed(NOW, ZoneOffset.UTC), context.log());

  private APIGatewayV2HTTPResponse get(String path) {
    return BlogTestBed.invoke(handler, BlogTestBed.event("GET", path, Map.of("host", "coach.example")));
  }

  @Test
  void aReadPastTheGuardIsA503WithRetryAfterAndItsReasonLogged() {
    for (String path : List.of("/tags", "/sitemap.xml", "/sitemaps/pages.xml")) {
      APIGatewayV2HTTPResponse response = get(path);
      assertThat(response.getStatusCode()).as(path).isEqualTo(503);
      assertThat(response.getHeaders()).as(path).containsEntry("Retry-After", "30");
      assertThat(response.getHeaders().get("Content-Type")).as(path).startsWith("application/problem+json");
    }
    assertThat(context.logLines()).filteredOn(line -> line.contains("read.limited")).hasSize(3)
        .allSatisfy(line -> assertThat(line).contains("counts: more than 2000 items"));
  }

  @Test
  void aSitemapMonthCutShortListsWhatWasReadAndIsLogged() {
    APIGatewayV2HTTPResponse response = get("/sitemaps/posts-2025-11.xml");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getBody()).contains("/blog/a-post</loc>");
    assertThat(context.logLines()).anySatisfy(line -> assertThat(line).contains("sitemap.truncated", "2025-11"));
  }
}
