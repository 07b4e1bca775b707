package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.localaws.StreamInvocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The handler of script-template.yaml: a blog page in the site contract's markup (one card and the
 * "Older posts" link) and the JSON pages its cursors name, so BlogScriptIT can run web/'s blog.js
 * against the contract without the real posts-api function.
 */
public final class ContractPagesHandler implements RequestStreamHandler {
  /** The query of the last JSON page asked for. */
  static final AtomicReference<String> LAST_POSTS_QUERY = new AtomicReference<>();

  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none';"
          + " manifest-src 'self'";

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    APIGatewayV2HTTPEvent event =
        StreamInvocation.fromJson(in.readAllBytes(), APIGatewayV2HTTPEvent.class);
    out.write(StreamInvocation.toJson(respond(event)));
  }

  private static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event) {
    String path = event.getRawPath();
    String query = event.getRawQueryString() == null ? "" : event.getRawQueryString();
    if (path.equals("/posts")) {
      LAST_POSTS_QUERY.set(query);
      String tag = query.contains("tag=t") ? "t" : "x";
      if (query.contains("cursor=c2")) {
        return json(200, "{\"posts\":[" + post("two", tag) + "],\"nextCursor\":\"c3\"}");
      }
      if (query.contains("cursor=c3")) {
        return json(200, "{\"posts\":[" + post("three", tag) + "],\"nextCursor\":null}");
      }
      return json(503, "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}");
    }
    String prefix = path.startsWith("/blog/tag/t/") ? "/blog/tag/t/" : "/blog/";
    String cursor = query.startsWith("cursor=") ? query.substring(7) : "c2";
    String first = query.isEmpty() ? "one" : "server-page-" + cursor;
    String next = query.equals("start=broken") ? "broken" : cursor.equals("c2") ? "c2" : null;
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(
            Map.of("content-type", "text/html; charset=utf-8", "content-security-policy", CSP))
        .withBody(
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Blog</title>
            <link rel="stylesheet" href="/assets/styles.css">
            <script type="module" src="/assets/js/blog.js"></script></head>
            <body><main id="main"><h1>Blog</h1>
            <ul class="card-list" data-testid="post-list">
            <li class="card" data-testid="post-card"><h2><a href="/blog/%s">%s</a></h2></li>
            </ul>
            %s
            </main></body></html>
            """
                .formatted(
                    first,
                    first,
                    next == null
                        ? ""
                        : "<a rel=\"next\" href=\""
                            + prefix
                            + "?cursor="
                            + next
                            + "\" data-testid=\"load-more\">Older posts</a>"))
        .build();
  }

  private static String post(String slug, String tag) {
    return "{\"slug\":\""
        + slug
        + "\",\"title\":\"Post <b>"
        + slug
        + "</b>\",\"date\":\"2025-11-03T00:00:00Z\",\"readingMinutes\":4,"
        + "\"description\":\"About "
        + slug
        + "\",\"tags\":[\""
        + tag
        + "\"]}";
  }

  private static APIGatewayV2HTTPResponse json(int status, String body) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(body)
        .build();
  }
}
