package dev.contentfunctions.consultations;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a submitted form field by field and says, in words a visitor can act on, what is wrong with
 * each. Fields arrive as plain JSON values: text, Boolean, Number, List, Map or null (a form's fields
 * are text, or lists when repeated). Unknown
 * fields are ignored; every known one is bounded.
 */
final class RequestValidator {
  /** One field's problem, in words the person filling the form can act on. */
  record FieldError(String field, String message) {}

  /** The request, or what is wrong with it field by field. */
  sealed interface Validated {
    record Valid(ConsultationRequest request) implements Validated {}

    record Invalid(List<FieldError> errors) implements Validated {
      public Invalid {
        errors = List.copyOf(errors);
      }
    }
  }

  static final String HONEYPOT = "website";
  static final int MAX_NAME = 100;
  static final int MAX_EMAIL = 254;
  static final int MAX_PHONE = 30;
  static final int MAX_MESSAGE = 2000;
  static final int MAX_TIMES = 5;
  static final int MAX_TIME_TEXT = 200;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{5," + MAX_PHONE + "}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");

  Validated validate(Map<String, Object> fields) {
    List<FieldError> errors = new ArrayList<>();
    String name = text(fields, "name", MAX_NAME, true, false, errors);
    String email = text(fields, "email", MAX_EMAIL, true, false, errors);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError("email", "Enter an e-mail address like name@example.com."));
    }
    String phone = text(fields, "phone", MAX_PHONE, false, false, errors);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(new FieldError("phone", "Enter a phone number using digits, spaces and + ( ) - . only."));
    }
    String message = text(fields, "message", MAX_MESSAGE, false, true, errors);
    List<String> times = preferredTimes(fields.get("preferredTimes"), errors);
    String timezone = text(fields, "timezone", 64, false, false, errors);
    if (timezone != null && !ZONES.contains(timezone)) {
      errors.add(new FieldError("timezone", "Choose a time zone such as Europe/London or America/New_York."));
    }
    if (!consented(fields.get("consent"))) {
      errors.add(new FieldError("consent", "Please agree to be contacted, so that the coach can reply."));
    }
    Object honeypot = fields.get(HONEYPOT);
    // Any scalar but blank text fills it (a number, true, false); an object or array does not.
    boolean honeypotFilled =
        honeypot instanceof Number
            || honeypot instanceof Boolean
            || (honeypot instanceof String text && !text.isBlank());
    if (!errors.isEmpty()) {
      return new Validated.Invalid(errors);
    }
    return new Validated.Valid(new ConsultationRequest(name, email, phone, message, times, timezone, honeypotFilled));
  }

  /** A trimmed text field, or null when absent or blank (an error if required). */
  private static String text(
      Map<String, Object> fields, String field, int max, boolean required, boolean multiline, List<FieldError> errors) {
    Object node = fields.get(field);
    if (node == null || (node instanceof String text && text.isBlank())) {
      if (required) {
        errors.add(new FieldError(field, "This field is required."));
      }
      return null;
    }
    if (!(node instanceof String text)) {
      errors.add(new FieldError(field, "Enter this as text."));
      return null;
    }
    String value = text.strip();
    if (value.codePointCount(0, value.length()) > max) {
      errors.add(new FieldError(field, "Use at most " + max + " characters."));
      return null;
    }
    if (!printable(value, multiline)) {
      errors.add(new FieldError(field, "Remove the invisible control characters from this field."));
      return null;
    }
    return value;
  }

  private static List<String> preferredTimes(Object node, List<FieldError> errors) {
    if (node == null) {
      return List.of();
    }
    List<?> values = node instanceof List<?> list ? list : List.of(node);
    if (values.size() > MAX_TIMES) {
      errors.add(new FieldError("preferredTimes", "Suggest at most " + MAX_TIMES + " times."));
      return List.of();
    }
    List<String> times = new ArrayList<>();
    for (Object value : values) {
      if (!(value instanceof String text)) {
        errors.add(new FieldError("preferredTimes", "Enter each preferred time as text."));
        return List.of();
      }
      String time = text.strip();
      if (time.codePointCount(0, time.length()) > MAX_TIME_TEXT || !printable(time, false)) {
        errors.add(
            new FieldError("preferredTimes", "Describe each time in at most " + MAX_TIME_TEXT + " plain characters."));
        return List.of();
      }
      if (!time.isEmpty()) {
        times.add(time);
      }
    }
    return times;
  }

  private static boolean consented(Object node) {
    if (node instanceof Boolean agreed) {
      return agreed;
    }
    return node instanceof String text && TRUE.contains(text.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * No control characters (line breaks and tabs allowed in multi-line text), no bidirectional
   * embeddings, overrides or isolates, no lone surrogates. The bidi controls would let a name or
   * message show the coach other text than it holds, in the notification e-mail and the CSV export;
   * the plain marks (U+200E, U+200F) that right-to-left writing needs stay allowed.
   */
  private static boolean printable(String value, boolean multiline) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        return false;
      }
      if (isBidiControl(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** U+202A to U+202E (embeddings, overrides, pop) and U+2066 to U+2069 (isolates). */
  private static boolean isBidiControl(char c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }
}
