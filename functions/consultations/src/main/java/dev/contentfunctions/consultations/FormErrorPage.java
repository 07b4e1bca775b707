package dev.contentfunctions.consultations;

import dev.contentfunctions.http.ApiException;
import java.util.List;

/**
 * The answer to a plain HTML form (no JavaScript) that cannot be accepted: a small page saying what
 * to fix, since a browser would show problem+json as raw text. The visitor's Back button returns to
 * the form with what they typed.
 */
final class FormErrorPage {
  private FormErrorPage() {}

  static String render(ApiException problem) {
    StringBuilder html = new StringBuilder(512);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Please check your request</title></head><body><main>")
        .append("<h1>Please check your request</h1><p>")
        .append(escape(problem.getMessage()))
        .append("</p>");
    if (problem.extensions().get("errors") instanceof List<?> errors && !errors.isEmpty()) {
      html.append("<ul>");
      for (Object error : errors) {
        ApiException.FieldError field = (ApiException.FieldError) error;
        html.append("<li><strong>").append(escape(label(field.field()))).append(":</strong> ")
            .append(escape(field.message())).append("</li>");
      }
      html.append("</ul>");
    }
    return html.append("<p>Use your browser's Back button to return to the form; what you typed is still there.</p>")
        .append("</main></body></html>")
        .toString();
  }

  private static String label(String field) {
    return switch (field) {
      case "preferredTimes" -> "Preferred times";
      case "email" -> "E-mail";
      default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
    };
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
