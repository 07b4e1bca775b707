package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsultationCsvTest {
  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "plain | \"plain\"",
        "`` | \"\"",
        "a,b | \"a,b\"",
        "say \"hi\" | \"say \"\"hi\"\"\"",
        "=1+1 | \"'=1+1\"",
        "+44 20 7946 0958 | \"'+44 20 7946 0958\"",
        "-2 | \"'-2\"",
        "@SUM(A1) | \"'@SUM(A1)\"",
        "a=1 | \"a=1\"",
        "Zoë 日本語 🙂 | \"Zoë 日本語 🙂\""
      })
  void cellsAreQuotedEscapedAndGuarded(String value, String cell) {
    assertThat(ConsultationCsv.cell(value)).isEqualTo(cell);
  }

  @Test
  void tabCarriageReturnAndLineBreaksAreKeptInsideTheCell() {
    assertThat(ConsultationCsv.cell("\tcmd")).isEqualTo("\"'\tcmd\"");
    assertThat(ConsultationCsv.cell("\r=cmd")).isEqualTo("\"'\r=cmd\"");
    assertThat(ConsultationCsv.cell("one\r\ntwo\nthree")).isEqualTo("\"one\r\ntwo\nthree\"");
  }

  /**
   * Other line separators (NEL, U+2028, U+2029, VT, FF) are line breaks to some readers and not to
   * others: one cell read as two rows by one tool, or shown on one line by another. Inside the
   * quoted cell they become the one line break every reader keeps there.
   */
  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0085", "2028", "2029", "000B", "000C"})
  void otherLineSeparatorsBecomeLineFeedsInsideTheCell(String hex) {
    String separator = Character.toString(Integer.parseInt(hex, 16));

    assertThat(ConsultationCsv.cell("one" + separator + "two")).isEqualTo("\"one\ntwo\"");
    assertThat(CsvTestReader.read(ConsultationCsv.cell("a" + separator + "b") + "," + ConsultationCsv.cell("c") + "\r\n"))
        .containsExactly(List.of("a\nb", "c"));
  }

  /** A spreadsheet may skip blanks and line breaks before it looks for a formula: so does the guard. */
  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {" =1+1", "\n=1+1", "\r\n@SUM(A1)", "\u2028=1+1", "\u00A0+1", "\u3000-1", "  \t=cmd"})
  void aFormulaAfterBlanksOrLineBreaksIsGuardedToo(String value) {
    assertThat(ConsultationCsv.cell(value)).startsWith("\"'");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {" plain", "a=1", "\nHello", "x\n=1"})
  void blanksBeforeOrdinaryTextAreLeftAlone(String value) {
    assertThat(ConsultationCsv.cell(value)).doesNotStartWith("\"'");
  }

  /**
   * Characters that change what the coach sees without being seen (bidirectional overrides,
   * embeddings and isolates, zero-width spaces, the byte order mark, control characters) show as a
   * marker, so that "\u202Efdp.exe" cannot pass for "exe.pdf" and no formula hides behind them.
   */
  @Test
  void invisibleCharactersShowAsMarkers() {
    assertThat(ConsultationCsv.cell("\u202Efdp.exe")).isEqualTo("\"[U+202E]fdp.exe\"");
    assertThat(ConsultationCsv.cell("a\u2066b\u2069c\u202Ad\u202Ce")).isEqualTo("\"a[U+2066]b[U+2069]c[U+202A]d[U+202C]e\"");
    assertThat(ConsultationCsv.cell("\u200B=1+1")).isEqualTo("\"[U+200B]=1+1\"");
    assertThat(ConsultationCsv.cell("x\uFEFFy\u0000z\u001B[31m\u009B")).isEqualTo("\"x[U+FEFF]y[U+0000]z[U+001B][31m[U+009B]\"");
    assertThat(ConsultationCsv.cell("lone \uD800 surrogate")).isEqualTo("\"lone [U+D800] surrogate\"");
  }

  /** Joiners (emoji, Persian, Indic scripts) and the direction marks of right-to-left names stay. */
  @Test
  void joinersAndDirectionMarksStay() {
    String kept = "\uD83D\uDC68\u200D\uD83D\uDC69 \u0645\u200C\u06CC \u200Fשלום\u200E \u061C";

    assertThat(ConsultationCsv.cell(kept)).isEqualTo("\"" + kept + "\"");
  }

  @Test
  void fileIsAByteOrderMarkAHeaderAndOneCrlfEndedRecordPerRequest() {
    Consultation c =
        new Consultation(
            "01KF0W6Q2R0000000000000001",
            Consultation.Status.HANDLED,
            Instant.parse("2026-01-15T10:20:30Z"),
            "Ann \"Nan\" Lee",
            "ann@example.org",
            null,
            "Hello,\nworld",
            List.of("Mon 9:00", "=Tue"),
            "Europe/Paris",
            true,
            "iphash",
            "emailhash",
            Instant.parse("2026-01-16T08:00:00Z"),
            Instant.parse("2027-01-15T10:20:30Z"));

    String csv = ConsultationCsv.write(List.of(c));

    assertThat(csv)
        .isEqualTo(
            "\uFEFF\"id\",\"status\",\"receivedAt\",\"handledAt\",\"name\",\"email\",\"phone\",\"message\",\"preferredTimes\",\"timezone\"\r\n"
                + "\"01KF0W6Q2R0000000000000001\",\"handled\",\"2026-01-15T10:20:30Z\",\"2026-01-16T08:00:00Z\","
                + "\"Ann \"\"Nan\"\" Lee\",\"ann@example.org\",\"\",\"Hello,\nworld\",\"Mon 9:00; =Tue\",\"Europe/Paris\"\r\n");
    assertThat(csv).doesNotContain("iphash", "emailhash", "true", "2027");
  }

  @Test
  void noRequestsIsTheHeaderAlone() {
    assertThat(CsvTestReader.read(ConsultationCsv.write(List.of()).substring(1))).containsExactly(ConsultationJson.FIELDS);
  }
}
