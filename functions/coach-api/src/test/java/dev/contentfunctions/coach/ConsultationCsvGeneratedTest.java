package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.testkit.SeededDraws;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Generated visitor text through the CSV cell writer, read back by the strict test reader. The
 * oracles are written here from the threat, not from the writer's rules: what a spreadsheet would
 * run as a formula, what a line-splitting tool would break a row at, what hides or reorders text.
 * A new seed each run (replay with -Dcsv.seed=...), printed with the smallest failing value found.
 */
class ConsultationCsvGeneratedTest {
  private static final int RUNS = 3000;

  /** What a tool splitting text into lines may split at, besides CR and LF. */
  private static final Set<Integer> OTHER_LINE_BREAKS = Set.of(0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029);

  /** Bidirectional embeddings, overrides and isolates; zero-width space; BOM; a few controls. */
  private static final Set<Integer> INVISIBLE =
      Set.of(0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0xFEFF, 0x00, 0x07, 0x1B, 0x7F, 0x9B);

  /** Blanks a spreadsheet may skip before looking for a formula. */
  private static final String BLANKS = " \t\r\n\u00A0\u3000\u2028\u0085";

  private static final List<String> PIECES =
      List.of("=", "+", "-", "@", "a", "Zoë", "1", ",", "\"", "'", " ", "\t", "\r", "\n", "\r\n", "\u00A0", "\u3000",
          "\u2028", "\u2029", "\u0085", "\u000B", "\u000C", "\u001E", "\u202E", "\u2066", "\u2069", "\u200B", "\uFEFF",
          "\u0000", "\u001B", "\u009B", "\u200D", "\u200F", "🙂", "日本", "SUM(A1)", "cmd|' /C calc'!A0");

  enum Outcome { GUARDED, MARKED, LINE_BREAK_MADE_LF, UNCHANGED }

  @Test
  void noGeneratedValueCanRunAsAFormulaSplitARowOrHideWhatItSays() {
    long seed = Long.getLong("csv.seed", System.nanoTime());
    SeededDraws draws = new SeededDraws(seed);
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (int run = 0; run < RUNS; run++) {
      StringBuilder value = new StringBuilder();
      int pieces = draws.between(0, 6);
      for (int i = 0; i < pieces; i++) {
        value.append(draws.oneOf(PIECES));
      }
      String problem = problem(value.toString());
      if (problem != null) {
        String smallest = shrink(value.toString());
        throw new AssertionError(
            "seed " + seed + " (-Dcsv.seed=" + seed + "): " + problem(smallest) + " for " + escaped(smallest)
                + " (generated: " + escaped(value.toString()) + ")");
      }
      outcomes.merge(outcome(value.toString()), 1, Integer::sum);
    }
    assertThat(outcomes).as("seed %d: every outcome class is reached", seed).containsOnlyKeys(Outcome.values());
  }

  /** What is wrong with {@code value}'s cell, or null. */
  private static String problem(String value) {
    String cell = ConsultationCsv.cell(value);
    List<List<String>> rows;
    try {
      rows = CsvTestReader.read(cell + "," + ConsultationCsv.cell("next") + "\r\n");
    } catch (AssertionError unreadable) {
      return "not one quoted field";
    }
    if (rows.size() != 1 || rows.get(0).size() != 2 || !rows.get(0).get(1).equals("next")) {
      return "the cell spills into another field or row";
    }
    String read = rows.get(0).get(0);
    if (read.codePoints().anyMatch(OTHER_LINE_BREAKS::contains)) {
      return "a line separator other than CR or LF is left";
    }
    if (read.codePoints().anyMatch(INVISIBLE::contains)) {
      return "an invisible character is left";
    }
    if (runsAsFormula(read)) {
      return "a spreadsheet would run it as a formula";
    }
    if (isPlain(value) && !read.equals(value)) {
      return "plain text was changed";
    }
    return null;
  }

  /** Starts, after any blanks, with = + - @ (an apostrophe first makes it text). */
  private static boolean runsAsFormula(String read) {
    int i = 0;
    while (i < read.length() && BLANKS.indexOf(read.charAt(i)) >= 0) {
      i++;
    }
    return i < read.length() && "=+-@".indexOf(read.charAt(i)) >= 0;
  }

  private static boolean isPlain(String value) {
    Predicate<Integer> ordinary = c -> Character.isLetterOrDigit(c) || " ,\"'|/!()".indexOf(c) >= 0 || c == 0x1F642;
    return value.codePoints().boxed().allMatch(ordinary) && !value.startsWith(" ");
  }

  private static Outcome outcome(String value) {
    String read = CsvTestReader.read(ConsultationCsv.cell(value) + "\r\n").get(0).get(0);
    if (read.startsWith("'") && !value.startsWith("'")) {
      return Outcome.GUARDED;
    }
    if (read.contains("[U+")) {
      return Outcome.MARKED;
    }
    if (value.codePoints().anyMatch(OTHER_LINE_BREAKS::contains)) {
      return Outcome.LINE_BREAK_MADE_LF;
    }
    return Outcome.UNCHANGED;
  }

  /** The shortest value found by dropping characters one at a time that still fails. */
  private static String shrink(String failing) {
    String smallest = failing;
    boolean smaller = true;
    while (smaller) {
      smaller = false;
      for (int i = 0; i < smallest.length(); i++) {
        String candidate = smallest.substring(0, i) + smallest.substring(i + 1);
        if (problem(candidate) != null) {
          smallest = candidate;
          smaller = true;
          break;
        }
      }
    }
    return smallest;
  }

  private static String escaped(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c) : String.format("\\u{%X}", c)));
    return out.append('"').toString();
  }
}
