package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalParametersTest {
  private static final String LOCAL_URL = "http://127.0.0.1:3000";

  @TempDir Path temp;

  @Test
  void argumentsWinOverTheFileAndLocalUrlIsTheRunsAddress() throws Exception {
    Path file = temp.resolve("parameters.properties");
    Files.writeString(
        file,
        "# comment\nSiteUrl=${LocalUrl}\nThankYouUrl=${LocalUrl}/thank-you.html\nSiteName=File\n");

    Map<String, String> parameters =
        LocalParameters.resolve(file, Map.of("SiteName", "Argument"), LOCAL_URL);

    assertThat(parameters)
        .containsExactly(
            Map.entry("SiteName", "Argument"),
            Map.entry("SiteUrl", LOCAL_URL),
            Map.entry("ThankYouUrl", LOCAL_URL + "/thank-you.html"));
  }

  @Test
  void withoutTheFileOnlyTheArgumentsCount() throws Exception {
    assertThat(
            LocalParameters.resolve(
                temp.resolve("missing.properties"), Map.of("SiteName", "A"), LOCAL_URL))
        .containsExactly(Map.entry("SiteName", "A"));
  }

  @Test
  void theCheckedInFileSendsTheWebsiteToTheLocalRunAndTemplateYamlAcceptsIt() throws Exception {
    Map<String, String> parameters =
        LocalParameters.resolve(LocalParameters.file(RepoPaths.root()), Map.of(), LOCAL_URL);

    assertThat(parameters)
        .containsEntry("SiteUrl", LOCAL_URL)
        .containsEntry("SiteOrigin", LOCAL_URL)
        .containsEntry("ThankYouUrl", LOCAL_URL + "/thank-you")
        .containsKey("PreviewToken");
    // Declared parameters, each value within its AllowedPattern, or this throws.
    new TemplateValues(CloudFormationTemplate.load(RepoPaths.template()), "local", parameters);
  }
}
