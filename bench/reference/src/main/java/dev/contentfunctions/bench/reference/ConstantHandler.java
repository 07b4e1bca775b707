package dev.contentfunctions.bench.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The runtime's own floor: a handler that returns a constant. */
public final class ConstantHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Map<String, Object> OK = Map.of("statusCode", 200, "body", "ok");

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return OK;
  }
}
