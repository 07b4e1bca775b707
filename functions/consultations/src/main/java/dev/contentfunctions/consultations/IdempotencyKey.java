package dev.contentfunctions.consultations;

/** A client's Idempotency-Key header: 1 to {@link #MAX_LENGTH} visible ASCII characters. */
record IdempotencyKey(String value) {
  static final int MAX_LENGTH = 200;

  IdempotencyKey {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not an idempotency key");
    }
  }

  static boolean isValid(String value) {
    return value != null
        && !value.isEmpty()
        && value.length() <= MAX_LENGTH
        && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
