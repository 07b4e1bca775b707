package dev.contentfunctions.local;

import static dev.contentfunctions.local.Browsers.byTestId;
import static dev.contentfunctions.local.Browsers.testId;
import static dev.contentfunctions.local.Browsers.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core, run inside Chromium on each page type of the site (and on the booking form showing its
 * errors): no serious or critical violation. axe-core is the version of local/package-lock.json,
 * installed by {@link NodeModules} when it is missing.
 */
class AccessibilityIT {
  private static final List<String> BLOCKING = List.of("serious", "critical");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static String axe;
  private static SiteRun site;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    axe = Files.readString(NodeModules.require("axe-core/axe.min.js"), StandardCharsets.UTF_8);
    site = SiteRun.start(temp);
    browser = Browsers.chrome(true, Files.createDirectories(temp.resolve("profiles")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (site != null) {
      site.close();
    }
  }

  @Test
  void everyPageTypeHasNoSeriousOrCriticalViolation() throws Exception {
    List<String> found = new ArrayList<>();
    for (String path : SiteRun.PAGE_TYPES) {
      browser.get(site.url(path));
      found.addAll(violations(path));
    }
    assertThat(found).isEmpty();
  }

  @Test
  void bookingFormShowingItsErrorsHasNoSeriousOrCriticalViolation() throws Exception {
    browser.get(site.url("/book"));
    byTestId(browser, "booking-submit").click();
    waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(testId("error-summary")));

    assertThat(violations("/book with errors")).isEmpty();
  }

  private static List<String> violations(String page) throws Exception {
    return violations(browser, axe, page);
  }

  /** axe's serious and critical violations of the page the browser shows, one line each. */
  static List<String> violations(ChromeDriver browser, String axe, String page) throws Exception {
    browser.executeScript(axe);
    Object result =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
    String text = String.valueOf(result);
    assertThat(text).as("axe ran on " + page).doesNotStartWith("error: ");
    List<String> lines = new ArrayList<>();
    for (JsonNode violation : JSON.readTree(text)) {
      if (BLOCKING.contains(violation.path("impact").asText())) {
        List<String> targets = new ArrayList<>();
        violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
        lines.add(
            page
                + ": "
                + violation.path("impact").asText()
                + " "
                + violation.path("id").asText()
                + " ("
                + violation.path("help").asText()
                + ") at "
                + targets);
      }
    }
    return lines;
  }
}
