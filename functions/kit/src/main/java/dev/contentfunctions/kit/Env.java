package dev.contentfunctions.kit;

/** Configuration comes from environment variables (set in template.yaml), read once at init. */
public final class Env {
  private Env() {}

  /** The variable's value; a missing one fails the function's init with a message saying which. */
  public static String require(String name) {
    String value = optional(name);
    if (value == null) {
      throw new IllegalStateException(
          "Environment variable " + name + " is not set; template.yaml sets it for every function.");
    }
    return value;
  }

  /** The variable's value, or null when it is unset or blank. */
  public static String optional(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? null : value;
  }
}
