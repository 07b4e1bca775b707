package dev.contentfunctions.local;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small templates of src/test/resources/local-run/. */
final class TestTemplates {
  private TestTemplates() {}

  static CloudFormationTemplate load(String name) {
    try {
      return CloudFormationTemplate.load(
          Path.of(TestTemplates.class.getResource("/local-run/" + name).toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
