package dev.contentfunctions.bench.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The floor of a typed Java function using the SDK: the runtime maps the event to a {@code Map}
 * (with its own Jackson databind), the client is built at init, one GetItem per invocation.
 */
public final class GetItemHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final SeedPost seedPost = new SeedPost();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of("statusCode", seedPost.status());
  }
}
