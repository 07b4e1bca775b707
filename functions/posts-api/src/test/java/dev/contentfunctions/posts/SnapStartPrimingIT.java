package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.tables.posts.DynamoDbPostRepository;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the SnapStart hook does before the snapshot: real read paths, no writes, never a failure. */
class SnapStartPrimingIT {
  @Test
  void primingRunsTheReadPathsAndLeavesTheTableAsItWas() throws IOException {
    BlogTestBed blog = new BlogTestBed();
    blog.publishSamplePosts();
    List<Map<String, AttributeValue>> before = items(blog);

    List<Integer> statuses = SnapStartPriming.register(blog.handler).prime();

    // A post that does not exist (404 after GetItem and the alias lookup), its related posts, the
    // first page of the listing (a Query that finds a post); then the pages: the missing post's 404
    // page, the blog, the home page, and the newest post's page.
    assertThat(statuses).containsExactly(404, 404, 200, 404, 200, 200, 200);
    assertThat(items(blog)).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void primingWithoutTheDatabaseIsAnsweredAndDoesNotFailTheSnapshot() throws IOException {
    PostsApiHandler handler =
        new PostsApiHandler(
            BlogTestBed.config("posts", null),
            new DynamoDbPostRepository(MotoServer.shared().unreachableDynamoDb(), "posts"),
            Clock.systemUTC(),
            new LocalContext("PostsApiFunction").log());

    assertThat(SnapStartPriming.register(handler).prime()).containsOnly(503);
  }

  @Test
  void primingIsNoVisitorsRequestSoItRecordsNoMetricAndLeavesTheColdStartToTheFirstAfterTheRestore()
      throws IOException {
    LocalContext logs = new LocalContext("PostsApiFunction");
    dev.contentfunctions.kit.metrics.Metrics metrics = logs.metrics(PostsApiHandler.FUNCTION);
    PostsApiHandler handler =
        new PostsApiHandler(
            BlogTestBed.config("posts", null),
            new DynamoDbPostRepository(MotoServer.shared().unreachableDynamoDb(), "posts"),
            Clock.systemUTC(),
            logs.log(),
            metrics);

    SnapStartPriming.register(handler, metrics).beforeCheckpoint(null);
    assertThat(logs.metricLines()).isEmpty();

    BlogTestBed.invoke(handler, dev.contentfunctions.localaws.HttpApiRequest.of("GET", "/tags").build());
    assertThat(dev.contentfunctions.testkit.EmfLines.labels(logs.metricLines()))
        .contains("ColdStart=1.0", "Answers{Route=GET /tags,StatusClass=5xx}=1.0");
  }

  private static List<Map<String, AttributeValue>> items(BlogTestBed blog) {
    return blog.moto.dynamoDb().scanPaginator(r -> r.tableName(blog.table)).items().stream().toList();
  }
}
