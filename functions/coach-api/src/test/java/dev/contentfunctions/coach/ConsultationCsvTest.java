package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
