package dev.contentfunctions.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver. Both executables are named
 * explicitly: otherwise Selenium Manager tries to download a driver, and CI has no network.
 */
final class Browsers {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Dimension DESKTOP = new Dimension(1280, 900);
  static final Duration WAIT = Duration.ofSeconds(10);

  private Browsers() {}

  /**
   * A browser with a fresh profile in {@code profiles} (a test's temporary folder); without
   * JavaScript if asked.
   */
  static ChromeDriver chrome(boolean javascript, Path profiles) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "The browser tests need Debian's chromium and chromium-driver ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "): apt-get install -y chromium chromium-driver (.ci/run installs them)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // root in CI's container
        "--disable-dev-shm-usage", // a small /dev/shm crashes tabs
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // The site scrolls smoothly unless the visitor prefers reduced motion, and ChromeDriver
        // takes a click's point before a smooth scroll to the element ends.
        "--force-prefers-reduced-motion",
        "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium-"));
    // The console's messages, for tests that look for what the page's CSP blocked.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    if (!javascript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(DESKTOP);
    return driver;
  }

  static WebDriverWait waitFor(WebDriver driver) {
    return new WebDriverWait(driver, WAIT);
  }

  static By testId(String id) {
    return By.cssSelector("[data-testid=\"" + id + "\"]");
  }

  static WebElement byTestId(WebDriver driver, String id) {
    return driver.findElement(testId(id));
  }

  /**
   * Saves the whole page, not only what fits in the window, as {@code <dir>/<name>.png}: at the
   * desktop size, or as a phone of 390 x 844 CSS pixels (device pixel ratio 2, the page's viewport
   * meta applied) when {@code phone}.
   */
  static Path screenshot(ChromeDriver driver, Path dir, String name, boolean phone)
      throws IOException {
    if (phone) {
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }
    try {
      Map<String, Object> content = contentSize(driver);
      Map<String, Object> clip =
          Map.of(
              "x", 0,
              "y", 0,
              "width", ((Number) content.get("width")).doubleValue(),
              "height", ((Number) content.get("height")).doubleValue(),
              "scale", 1);
      String png =
          (String)
              driver
                  .executeCdpCommand(
                      "Page.captureScreenshot",
                      Map.of("format", "png", "captureBeyondViewport", true, "clip", clip))
                  .get("data");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, Base64.getDecoder().decode(png));
      return file;
    } finally {
      if (phone) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      }
    }
  }

  /**
   * The page's laid-out size. Right after a device-metrics change, Chromium can report 0 x 0 until
   * its next layout (seen on a loaded machine: "Cannot take screenshot with 0 width"), so an empty
   * size is read again for up to 2 s.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> contentSize(ChromeDriver driver) {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (true) {
      Map<String, Object> size =
          (Map<String, Object>)
              driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
      if (((Number) size.get("width")).doubleValue() > 0 || System.nanoTime() > deadline) {
        return size;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return size;
      }
    }
  }
}
