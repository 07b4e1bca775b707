package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages over the real stack: the sample posts published by the publisher into a DynamoDB table
 * (moto), read back by the handler as a visitor's browser or a crawler would.
 */
class SitePagesIT {
  private static final String SEED = "how-to-rebuild-emotional-connection-after-a-hard-season";
  private static BlogTestBed blog;

  @BeforeAll
  static void publish() {
    blog = new BlogTestBed();
    blog.publishSamplePosts();
  }

  private static APIGatewayV2HTTPResponse get(String pathAndQuery) {
    return BlogTestBed.invoke(blog.handler, BlogTestBed.event("GET", pathAndQuery, Map.of()));
  }

  @Test
  void theSeedPostIsLaidOutLikeTheOriginal() {
    APIGatewayV2HTTPResponse response = get("/blog/" + SEED);
    assertThat(response.getStatusCode()).isEqualTo(200);
    Document page = Jsoup.parse(response.getBody());
    assertThat(page.select("[data-testid=back-to-blog]").text()).isEqualTo("← Back to Blog");
    assertThat(page.select("[data-testid=post-title]").text()).isEqualTo("How to Rebuild Emotional Connection After a Hard Season");
    assertThat(page.select("[data-testid=post-date]").text()).isEqualTo("November 3, 2025");
    assertThat(page.select("[data-testid=post-author]").text()).contains("The Coach");
    assertThat(page.select("[data-testid=post-toc] a").eachText()).contains("Understand What Created the Distance", "A New Season Is Possible");
    assertThat(page.select("[data-testid=post-body] h2").eachText()).contains("Rebuild Through Small, Soft Moments");
    assertThat(page.select("[data-testid=cta-book]").text()).isEqualTo("Book Free Consultation");
    assertThat(page.select("[data-testid=related-list] [data-testid=post-card]")).isNotEmpty();
    assertThat(page.select("[data-testid=all-posts]").text()).isEqualTo("View all blog posts →");
    assertThat(page.select("meta[property=og:url]").attr("content")).isEqualTo("https://coach.example/blog/" + SEED);
  }

  @Test
  void everyInternalLinkOfThePagesTheFeedAndTheSitemapAnswers200() {
    Set<String> paths = new LinkedHashSet<>();
    for (String start : new String[] {"/", "/blog/", "/blog/" + SEED, "/book", "/privacy", "/thank-you"}) {
      Document page = Jsoup.parse(get(start).getBody(), "https://coach.example" + start);
      page.select("a[href]").eachAttr("abs:href").stream()
          .filter(url -> url.startsWith("https://coach.example/") && !url.contains("#"))
          .forEach(url -> paths.add(url.substring("https://coach.example".length())));
    }
    List<String> documents = new ArrayList<>(List.of("/feed.xml"));
    // The sitemap is an index of sitemaps: each of them too.
    Jsoup.parse(get("/sitemap.xml").getBody(), "", Parser.xmlParser()).select("sitemap > loc").eachText()
        .forEach(url -> documents.add(url.substring("https://coach.example".length())));
    assertThat(documents).contains("/sitemaps/pages.xml");
    for (String document : documents) {
      Document xml = Jsoup.parse(get(document).getBody(), "", Parser.xmlParser());
      xml.select("loc, item > link, channel > link").eachText().forEach(url -> {
        assertThat(url).startsWith("https://coach.example/");
        paths.add(url.substring("https://coach.example".length()));
      });
    }
    assertThat(paths).contains("/blog/mindfulness-for-relationships", "/blog/tag/communication/", "/privacy");
    for (String path : paths) {
      assertThat(get(path).getStatusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void theOldPostAddressMovesToThePrettyOne() {
    APIGatewayV2HTTPResponse response = get("/blog/post.html?slug=" + SEED);
    assertThat(response.getStatusCode()).isEqualTo(301);
    assertThat(response.getHeaders()).containsEntry("Location", "/blog/" + SEED);
  }
}
