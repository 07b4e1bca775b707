package dev.contentfunctions.http;

/**
 * Reading a count parameter the same way on every route: absent means the default, wrong is a 400.
 * The query itself is decoded by {@link Query}.
 */
public final class QueryParameters {
  private QueryParameters() {}

  /** {@code value} as a whole number from 1 to {@code max}; {@code defaultValue} when absent. */
  public static int count(String name, String value, int defaultValue, int max) {
    if (value == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed < 1 || parsed > max) {
      throw new ApiException.BadRequest("'" + name + "' must be a whole number from 1 to " + max + ".");
    }
    return parsed;
  }
}
