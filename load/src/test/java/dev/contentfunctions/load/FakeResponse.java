package dev.contentfunctions.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** An answer with a status and, if not null, an ETag: all the load looks at. */
record FakeResponse(int statusCode, String etag) implements HttpResponse<Void> {
  @Override
  public HttpHeaders headers() {
    return HttpHeaders.of(
        etag == null ? Map.of() : Map.of("ETag", List.of(etag)), (name, value) -> true);
  }

  @Override
  public HttpRequest request() {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
  }

  @Override
  public Optional<HttpResponse<Void>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public Void body() {
    return null;
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return request().uri();
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }
}
