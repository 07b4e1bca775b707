package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateValuesTest {
  private static final CloudFormationTemplate TEMPLATE = TestTemplates.load("values-template.yaml");

  private final TemplateValues values = new TemplateValues(TEMPLATE, "blog");

  {
    values.created(
        "PostsTable",
        "blog-PostsTable",
        "arn:aws:dynamodb:us-east-1:123456789012:table/blog-PostsTable");
  }

  private static List<FunctionDefinition> functions(String... logicalIds) {
    List<String> wanted = List.of(logicalIds);
    return TEMPLATE.functions().stream().filter(f -> wanted.contains(f.logicalId())).toList();
  }

  @Test
  void resolvesRefsGetAttsSubsAndParameterDefaults() {
    assertThat(values.environment(functions("Writer")))
        .containsEntry("POSTS_TABLE", "blog-PostsTable")
        .containsEntry(
            "POSTS_TABLE_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/blog-PostsTable")
        .containsEntry("SITE_NAME", "My Blog")
        .containsEntry("BUCKET", "blog-content-123456789012")
        .containsEntry(
            "INDEX_ARN",
            "arn:aws:dynamodb:us-east-1:123456789012:table/blog-PostsTable/index/ByDate")
        .containsEntry("ESCAPED", "${Literal} in us-east-1")
        .containsEntry("SHARED", "same");
  }

  @Test
  void functionsAgreeingOnAVariableShareOneEnvironment() {
    assertThat(values.environment(functions("Writer", "Reader")))
        .containsEntry("POSTS_TABLE", "blog-PostsTable")
        .containsKey("SITE_NAME");
  }

  @Test
  void functionsDisagreeingOnAVariableCannotShareOneJvm() {
    assertThatThrownBy(() -> values.environment(functions("Writer", "Other")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Writer and Other set POSTS_TABLE to different values")
        .hasMessageContaining("blog-PostsTable, another-table");
  }

  @Test
  void parameterWithoutDefaultCannotBeResolved() {
    assertThatThrownBy(() -> values.environment(functions("Secretive")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("!Ref Secret");
  }

  @Test
  void secretWithoutDefaultGetsOneRandomValuePerRun() {
    java.util.Map<String, String> environment = values.environment(functions("Salted"));

    assertThat(environment.get("SALT"))
        .matches("[0-9a-f]{64}")
        .isEqualTo(environment.get("SALT_AGAIN"));
    assertThat(new TemplateValues(TEMPLATE, "blog").environment(functions("Salted")).get("SALT"))
        .isNotEqualTo(environment.get("SALT"));
  }

  @Test
  void unsupportedIntrinsicFunctionIsNamed() {
    assertThatThrownBy(() -> values.environment(functions("Joined")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Fn::Join");
  }
}
