package dev.contentfunctions.load;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One request of the load and the answer it expects.
 *
 * @param route what the report counts it under, such as {@code GET /posts/{slug}}
 * @param etag the {@code If-None-Match} the request sends; null for an unconditional request
 */
record LoadRequest(String route, HttpRequest http, int expectedStatus, String etag) {

  /** Whether the answer is the one this request expects. */
  boolean expects(HttpResponse<?> response) {
    int status = response.statusCode();
    if (status == expectedStatus) {
      return true;
    }
    // A conditional request's 200 is right too if the resource changed since its ETag was taken
    // (a scheduled post coming due during the run changes the lists): it brings the new ETag.
    return etag != null
        && status == 200
        && !response.headers().firstValue("ETag").orElse(etag).equals(etag);
  }
}
