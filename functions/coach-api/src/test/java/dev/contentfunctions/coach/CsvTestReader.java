package dev.contentfunctions.coach;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for the tests: every field must be quoted, records end with CRLF. Reads
 * what a spreadsheet would, so the tests check what the coach sees, not how the writer was built.
 */
final class CsvTestReader {
  private CsvTestReader() {}

  static List<List<String>> read(String csv) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    int i = 0;
    while (i < csv.length()) {
      if (csv.charAt(i) != '"') {
        throw new AssertionError("Unquoted field at " + i);
      }
      StringBuilder field = new StringBuilder();
      i++;
      while (true) {
        char c = csv.charAt(i);
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
        } else if (c == '"') {
          i++;
          break;
        } else {
          field.append(c);
          i++;
        }
      }
      record.add(field.toString());
      if (csv.startsWith(",", i)) {
        i++;
      } else if (csv.startsWith("\r\n", i)) {
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        throw new AssertionError("Expected , or CRLF after a field at " + i);
      }
    }
    if (!record.isEmpty()) {
      throw new AssertionError("The last record does not end with CRLF");
    }
    return records;
  }
}
