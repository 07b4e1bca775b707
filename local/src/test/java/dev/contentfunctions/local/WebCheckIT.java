package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.RepoPaths;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * web/check.mjs in the test run: web/ holds only the site's assets, its scripts parse as modules and
 * fetch only through api.js, its colours meet WCAG AA, and a page's CSS + JS stays within the weight
 * budget. The script prints what failed.
 */
class WebCheckIT {
  @Test
  void theStaticAssetsPassTheirChecks() throws Exception {
    Process node =
        new ProcessBuilder("node", RepoPaths.root().resolve("web/check.mjs").toString()).redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(node.waitFor()).as(output).isZero();
    assertThat(output).contains("all checks passed");
  }
}
