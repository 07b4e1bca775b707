package dev.contentfunctions.coach;

import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.VisitorCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Booking requests as RFC 4180 CSV for a spreadsheet: a header row, CRLF line ends, every field quoted
 * with inner quotes doubled, so commas, quotes and line breaks in a message stay inside their cell.
 *
 * <p>The visitor writes most cells, and the coach opens the file in a spreadsheet, which would run a
 * cell starting with {@code = + - @} (or tab or CR, which some strip before looking, or blanks and
 * line breaks before such a character) as a formula: such a cell gets a leading apostrophe, OWASP's
 * advice against CSV injection, and is shown as text.
 *
 * <p>Line separators other than CR and LF (NEL, U+2028, ...) become LF, the line break every reader
 * keeps inside a quoted cell, and characters that change what is shown without being seen
 * (bidirectional overrides, zero-width spaces, controls) show as a marker such as {@code [U+202E]}:
 * {@link VisitorCharacters}, the rule of the coach's e-mail too.
 *
 * <p>The file starts with a UTF-8 byte order mark: without it Excel reads CSV in the system's legacy
 * code page and garbles every name that is not plain ASCII.
 */
final class ConsultationCsv {
  static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  private static final String BYTE_ORDER_MARK = "\uFEFF";
  private static final String FORMULA_TRIGGERS = "=+-@\t\r";
  private static final String FORMULA_STARTS = "=+-@";
  /** Several preferred times share one cell. */
  private static final String LIST_SEPARATOR = "; ";

  private ConsultationCsv() {}

  static String write(List<Consultation> consultations) {
    StringBuilder csv = new StringBuilder(BYTE_ORDER_MARK);
    row(csv, ConsultationJson.FIELDS);
    for (Consultation consultation : consultations) {
      List<String> cells = new ArrayList<>();
      for (Object value : ConsultationJson.values(consultation)) {
        cells.add(text(value));
      }
      row(csv, cells);
    }
    return csv.toString();
  }

  /** One field, made visible, guarded and quoted. */
  static String cell(String value) {
    String text = visible(value);
    if (isFormula(text)) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  private static String visible(String value) {
    StringBuilder shown = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      if (c == '\r' || c == '\n' || c == '\t') {
        shown.appendCodePoint(c);
      } else if (VisitorCharacters.isLineBreak(c)) {
        shown.append('\n');
      } else if (VisitorCharacters.isHidden(c)) {
        shown.append(String.format(Locale.ROOT, "[U+%04X]", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    return shown.toString();
  }

  private static boolean isFormula(String text) {
    if (text.isEmpty()) {
      return false;
    }
    if (FORMULA_TRIGGERS.indexOf(text.charAt(0)) >= 0) {
      return true;
    }
    int first = 0;
    while (first < text.length() && (Character.isWhitespace(text.charAt(first)) || Character.isSpaceChar(text.charAt(first)))) {
      first++;
    }
    return first < text.length() && FORMULA_STARTS.indexOf(text.charAt(first)) >= 0;
  }

  private static void row(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(cell(cells.get(i)));
    }
    csv.append("\r\n");
  }

  private static String text(Object value) {
    if (value instanceof List<?> items) {
      return String.join(LIST_SEPARATOR, items.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : value.toString();
  }
}
