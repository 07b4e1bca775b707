package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateResourcesTest {

  // S3's bucket rules, the strictest of the three services: 3-63 characters of lower-case letters,
  // digits and hyphens (dots left out), starting and ending with a letter or digit.
  private static final String VALID_BUCKET_NAME = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "posts",
        "PublisherIT",
        "--Weird__Prefix--",
        "",
        "a-very-long-prefix-that-on-its-own-would-exceed-the-sixty-three-characters-s3-allows"
      })
  void uniqueNameIsAValidBucketNameAndNeverRepeats(String prefix) {
    String first = TemplateResources.uniqueName(prefix);
    String second = TemplateResources.uniqueName(prefix);

    assertThat(first).matches(VALID_BUCKET_NAME).isNotEqualTo(second);
    assertThat(second).matches(VALID_BUCKET_NAME);
  }
}
