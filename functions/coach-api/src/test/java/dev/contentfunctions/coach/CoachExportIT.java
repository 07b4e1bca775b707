package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.DynamoDbCoachRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The CSV export, read back as a spreadsheet would read it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoachExportIT {
  private static final Instant START = Instant.parse("2026-01-10T10:00:00Z");

  private final CoachTestBed bed = new CoachTestBed();
  private Consultation tricky;
  private Consultation formula;
  private Consultation plain;

  @BeforeAll
  void seed() {
    plain = bed.request(START, "Sam Plain", "sam@example.org", null, null);
    tricky =
        bed.request(
            START.plusSeconds(60),
            "O'Brien, \"Mo\"",
            "mo@example.org",
            "+353 1 555 0100",
            "Line one, with a comma\r\nLine \"two\"\nLine three\rend — 日本語 🙂");
    formula =
        bed.request(
            START.plusSeconds(120), "=HYPERLINK(\"http://evil.example\",\"click\")", "@evil@example.org", "-1+1", "\tcmd|' /C calc'!A0");
    bed.seed(plain, tricky, formula);
    // Enough for several Query pages of the export (DynamoDbCoachRepository.READ_PAGE_SIZE).
    for (int i = 0; i < DynamoDbCoachRepository.READ_PAGE_SIZE + 5; i++) {
      Instant received = START.minus(Duration.ofDays(1)).plusSeconds(i);
      bed.seed(CoachTestBed.handled(bed.request(received, "Past " + i, "past" + i + "@example.org"), received.plusSeconds(3600)));
    }
  }

  @AfterAll
  void nothingPersonalWasLogged() {
    bed.assertNothingPersonalWasLogged();
  }

  @Test
  void exportsNewRequestsByDefaultAsAnAttachment() {
    APIGatewayV2HTTPResponse response = bed.get("/coach/consultations.csv");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders())
        .containsEntry("Content-Type", "text/csv; charset=utf-8")
        .containsEntry("Content-Disposition", "attachment; filename=\"consultations-new.csv\"")
        .containsEntry("Cache-Control", "no-store");
    assertThat(response.getBody()).startsWith("\uFEFF\"id\",\"status\",\"receivedAt\"");
    List<List<String>> rows = CsvTestReader.read(response.getBody().substring(1));
    assertThat(rows.get(0)).containsExactlyElementsOf(ConsultationJson.FIELDS);
    assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(0)).containsExactly(formula.id(), tricky.id(), plain.id());
  }

  @Test
  void quotesCommasAndLineBreaksStayInsideTheirCell() {
    List<String> row = row(tricky.id());

    assertThat(row.get(4)).isEqualTo("O'Brien, \"Mo\"");
    assertThat(row.get(7)).isEqualTo("Line one, with a comma\r\nLine \"two\"\nLine three\rend — 日本語 🙂");
    assertThat(row.get(8)).isEqualTo("Weekday evenings; Saturday morning");
    assertThat(bed.get("/coach/consultations.csv").getBody()).contains("\"O'Brien, \"\"Mo\"\"\"");
  }

  @Test
  void cellsThatASpreadsheetWouldRunAsFormulasGetAnApostrophe() {
    List<String> row = row(formula.id());

    assertThat(row.get(4)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
    assertThat(row.get(5)).isEqualTo("'@evil@example.org");
    assertThat(row.get(6)).isEqualTo("'-1+1");
    assertThat(row.get(7)).isEqualTo("'\tcmd|' /C calc'!A0");
    // A phone number in international form starts with + as well: shown as text, not summed.
    assertThat(row(tricky.id()).get(6)).isEqualTo("'+353 1 555 0100");
  }

  @Test
  void missingValuesAreEmptyCells() {
    List<String> row = row(plain.id());

    assertThat(row.get(3)).isEmpty();
    assertThat(row.get(6)).isEmpty();
    assertThat(row.get(7)).isEmpty();
    assertThat(row).hasSize(ConsultationJson.FIELDS.size());
  }

  @Test
  void handledExportHoldsEveryPageOfTheQueryNewestFirst() {
    APIGatewayV2HTTPResponse response = bed.get("/coach/consultations.csv?status=handled");

    assertThat(response.getHeaders()).containsEntry("Content-Disposition", "attachment; filename=\"consultations-handled.csv\"");
    List<List<String>> rows = CsvTestReader.read(response.getBody().substring(1));
    List<List<String>> data = rows.subList(1, rows.size());
    assertThat(data).hasSize(DynamoDbCoachRepository.READ_PAGE_SIZE + 5);
    assertThat(data).extracting(r -> r.get(1)).containsOnly("handled");
    assertThat(data).extracting(r -> r.get(2)).isSortedAccordingTo((a, b) -> b.compareTo(a)).doesNotHaveDuplicates();
  }

  @Test
  void unknownStatusIs400() {
    APIGatewayV2HTTPResponse response = bed.get("/coach/consultations.csv?status=all");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
  }

  private List<String> row(String id) {
    List<List<String>> rows = CsvTestReader.read(bed.get("/coach/consultations.csv").getBody().substring(1));
    return rows.stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow();
  }
}
