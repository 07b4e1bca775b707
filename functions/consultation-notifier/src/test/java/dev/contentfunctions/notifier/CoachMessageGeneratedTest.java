package dev.contentfunctions.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.consultations.Consultation;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random booking requests full of line separators, invisible characters and imitations of the
 * e-mail's own lines: whatever the visitor typed, every line of the body is one of the system's
 * (before the visitor's part) or starts with a field label, a list dash or the quote mark, and
 * every word they typed is still there, in order.
 *
 * <p>The oracle knows nothing of how {@link VisitorText} works: it checks the body through the
 * JDK's own character properties, and finds the words typed as runs of a to z, which no marker
 * holds. A fresh seed each run; {@code -Dnotifier.seed=<seed>} repeats a failure.
 */
class CoachMessageGeneratedTest {
  private static final int CASES = 1000;

  private static final List<String> SEPARATORS =
      List.of(
          "\r", "\n", "\r\n", "\u000B", "\u000C", "\u001C", "\u001D", "\u001E", "\u0085", "\u2028",
          "\u2029");
  private static final List<String> BLANKS = List.of(" ", "\t", "\u00A0", "\u3000");
  private static final List<String> FORGERIES =
      List.of(
          "Request id: 01FORGEDFORGEDFORGEDFORGED",
          "Write to them at attacker@evil.example",
          "Mark it handled: POST /coach/consultations/x/handled",
          "Received: 2020-01-01 00:00 UTC",
          "Name: Mallory",
          "E-mail: mallory@evil.example",
          "Message:",
          "> quoted",
          "  - listed");
  private static final List<String> INVISIBLE =
      List.of(
          "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
          "\u200B", "\u2060", "\uFEFF", "\u00AD", "\u0000", "\u0007", "\u0008", "\u001B", "\u007F",
          "\u009B", "\uD800");
  private static final List<String> WRITING =
      List.of("\u200D", "\u200C", "\u200F", "é", "ש", "👩");

  /** The labels of the visitor's values, each followed by ": " or by " (the first ...):". */
  private static final List<String> LABELS =
      List.of("Name", "E-mail", "Phone", "Timezone", "Preferred times", "Message");

  private static final Set<Byte> BIDI_CONTROLS =
      Set.of(
          Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING,
          Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING,
          Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
          Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
          Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT,
          Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
          Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE,
          Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
          Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE);

  private static final Pattern WORD = Pattern.compile("[a-z]+");

  enum Outcome {
    FORGERY_QUOTED,
    SEPARATOR_IN_A_NAME_FLATTENED,
    HIDDEN_CHARACTER_MARKED,
    MESSAGE_NOT_GIVEN,
    MESSAGE_OF_SEVERAL_LINES
  }

  @Test
  void visitorTextNeverPassesForTheSystemsOwnLines() {
    long seed = Long.getLong("notifier.seed", new SecureRandom().nextLong());
    Random random = new Random(seed);
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (int i = 0; i < CASES; i++) {
      Consultation request = generated(random);
      String body = CoachMessage.of(request).body();
      try {
        check(request, body).forEach(outcome -> outcomes.merge(outcome, 1, Integer::sum));
      } catch (AssertionError e) {
        throw new AssertionError(
            "seed " + seed + " (rerun with -Dnotifier.seed=" + seed + "), case " + i
                + "\nbody:\n" + escaped(body),
            e);
      }
    }
    assertThat(outcomes).as("outcomes of seed %d", seed).containsOnlyKeys(Outcome.values());
  }

  private static List<Outcome> check(Consultation request, String body) {
    List<Outcome> outcomes = new ArrayList<>();
    assertThat(body.codePoints().filter(c -> mayBreakALine(c) || mayHideText(c)))
        .as("characters that may break a line or hide text")
        .isEmpty();
    assertThat(body).endsWith("\n");
    List<String> lines = List.of(body.substring(0, body.length() - 1).split("\n", -1));
    int firstLabelled = 0;
    while (!lines.get(firstLabelled).startsWith("Name")) {
      firstLabelled++;
    }
    List<String> system = lines.subList(0, firstLabelled);
    List<String> visitor = lines.subList(firstLabelled, lines.size());
    assertThat(system.stream().filter(line -> line.startsWith("Request id")))
        .containsExactly("Request id: " + request.id());
    assertThat(system.stream().filter(line -> line.startsWith("Write to them at"))).hasSize(1);
    assertThat(system.stream().filter(line -> line.startsWith("Mark it handled")))
        .containsExactly("Mark it handled: POST /coach/consultations/" + request.id() + "/handled");
    assertThat(
            visitor.stream()
                .filter(line -> !isVisitorLine(line))
                .map(CoachMessageGeneratedTest::escaped))
        .as("lines of the visitor's part that neither a label nor a quote or dash starts")
        .isEmpty();

    String name = valueOf(visitor, "Name");
    if (isBlank(request.name())) {
      assertThat(name).isEqualTo("(not given)");
    } else {
      assertThat(words(name)).isEqualTo(words(request.name()));
    }
    if (SEPARATORS.stream().anyMatch(request.name()::contains)) {
      outcomes.add(Outcome.SEPARATOR_IN_A_NAME_FLATTENED);
    }
    String email = valueOf(visitor, "E-mail");
    assertThat(isBlank(request.email()) ? List.of("not", "given") : words(request.email()))
        .isEqualTo(words(email));

    List<String> times =
        visitor.stream().filter(line -> line.startsWith("  - ")).toList();
    assertThat(words(String.join(" ", times)))
        .isEqualTo(words(String.join(" ", request.preferredTimes())));

    List<String> quoted = visitor.stream().filter(line -> line.startsWith(">")).toList();
    if (isBlank(request.message())) {
      assertThat(visitor).contains("Message: (not given)");
      assertThat(quoted).isEmpty();
      outcomes.add(Outcome.MESSAGE_NOT_GIVEN);
    } else {
      int label = visitor.indexOf("Message:");
      assertThat(label).as("the message's label").isNotNegative();
      assertThat(visitor.subList(label + 1, visitor.size())).isEqualTo(quoted);
      assertThat(words(String.join("\n", quoted))).isEqualTo(words(request.message()));
      if (quoted.size() > 1) {
        outcomes.add(Outcome.MESSAGE_OF_SEVERAL_LINES);
      }
      if (quoted.stream().anyMatch(line -> FORGERIES.stream().anyMatch(line::contains))) {
        outcomes.add(Outcome.FORGERY_QUOTED);
      }
    }
    if (body.contains("[U+")) {
      outcomes.add(Outcome.HIDDEN_CHARACTER_MARKED);
    }
    return outcomes;
  }

  /**
   * Anything but LF (the body's own line break) and tab that some viewer may break a line at, or
   * draw as nothing: every control character, U+2028 and U+2029.
   */
  private static boolean mayBreakALine(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL -> c != '\n' && c != '\t';
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
      default -> false;
    };
  }

  /** Blank, quoted, a list item or a labelled value. */
  private static boolean isVisitorLine(String line) {
    return line.isEmpty()
        || line.equals(">")
        || line.startsWith("> ")
        || line.startsWith("  - ")
        || LABELS.stream()
            .anyMatch(
                label -> line.startsWith(label + ":") || line.startsWith(label + " (the first "));
  }

  /** A lone surrogate, or a bidirectional control that reorders the text around it. */
  private static boolean mayHideText(int c) {
    return Character.getType(c) == Character.SURROGATE
        || BIDI_CONTROLS.contains(Character.getDirectionality(c));
  }

  /** The text after "{label}: " on the one line that starts so. */
  private static String valueOf(List<String> lines, String label) {
    List<String> found = lines.stream().filter(line -> line.startsWith(label + ": ")).toList();
    assertThat(found).as(label).hasSize(1);
    return found.get(0).substring(label.length() + 2);
  }

  /** Only separators and spaces: nothing a reader would call text. */
  private static boolean isBlank(String value) {
    String rest = value;
    for (String blank : SEPARATORS) {
      rest = rest.replace(blank, "");
    }
    for (String blank : BLANKS) {
      rest = rest.replace(blank, "");
    }
    return rest.isEmpty();
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      words.add(word.group());
    }
    return words;
  }

  private static Consultation generated(Random random) {
    Consultation base = TestRequests.request("unused", "unused");
    List<String> times = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      times.add(text(random, 1 + random.nextInt(4)));
    }
    String name =
        random.nextInt(10) == 0
            ? blank(random, 1 + random.nextInt(3))
            : text(random, 1 + random.nextInt(6));
    String message =
        random.nextInt(8) == 0
            ? blank(random, random.nextInt(6))
            : text(random, random.nextInt(30));
    return new Consultation(
        base.id(),
        base.status(),
        base.receivedAt(),
        name,
        text(random, 1 + random.nextInt(3)),
        base.phone(),
        message,
        times,
        base.timezone(),
        true,
        base.sourceIpHash(),
        base.emailHash(),
        null,
        base.expiresAt());
  }

  private static String text(Random random, int pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      List<String> kind =
          switch (random.nextInt(6)) {
            case 0 -> SEPARATORS;
            case 1 -> BLANKS;
            case 2 -> FORGERIES;
            case 3 -> INVISIBLE;
            case 4 -> WRITING;
            default -> List.of(word(random));
          };
      text.append(kind.get(random.nextInt(kind.size())));
    }
    return text.toString();
  }

  private static String blank(Random random, int pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      List<String> kind = random.nextBoolean() ? SEPARATORS : BLANKS;
      text.append(kind.get(random.nextInt(kind.size())));
    }
    return text.toString();
  }

  private static String word(Random random) {
    StringBuilder word = new StringBuilder();
    for (int i = 1 + random.nextInt(8); i > 0; i--) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  /** The body with every character outside printable ASCII as \\uXXXX, for a failure report. */
  private static String escaped(String text) {
    StringBuilder escaped = new StringBuilder();
    text.chars()
        .forEach(
            c -> {
              if (c == '\n' || (c >= 0x20 && c < 0x7F)) {
                escaped.append((char) c);
              } else {
                escaped.append(String.format("\\u%04X", c));
              }
            });
    return escaped.toString();
  }
}
