package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateValuesTest {
  private static final CloudFormationTemplate TEMPLATE = TestTemplates.load("values-template.yaml");

  private final TemplateValues values = new TemplateValues(TEMPLATE, "blog", Map.of());

  {
    created(values);
  }

  private static void created(TemplateValues values) {
    values.created(
        "PostsTable",
        "blog-PostsTable",
        Map.of(
            "Arn", "arn:aws:dynamodb:us-east-1:123456789012:table/blog-PostsTable",
            "StreamArn", "arn:aws:dynamodb:us-east-1:123456789012:table/blog-PostsTable/stream/1"));
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
        .containsEntry(
            "STREAM", "arn:aws:dynamodb:us-east-1:123456789012:table/blog-PostsTable/stream/1")
        .containsEntry("SHARED", "same");
  }

  @Test
  void selectsFromAListOrASplitAsTheSiteDistributionsOriginHeaderDoes() throws Exception {
    Map<String, String> environment = values.environment(functions("Writer"));

    assertThat(environment.get("STACK_UUID"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(environment).containsEntry("SECOND", "My Blog");
    assertThatThrownBy(
            () ->
                values.resolve(
                    new ObjectMapper().readTree("{\"Fn::Select\": [\"3\", [\"a\"]]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot resolve");
  }

  @Test
  void theRunsParametersWinOverDefaultsAndGiveParametersWithoutOne() {
    TemplateValues local =
        new TemplateValues(
            TEMPLATE, "blog", Map.of("SiteName", "Local Blog", "Secret", "s3cr3t", "Mode", "b"));
    created(local);

    assertThat(local.environment(functions("Writer"))).containsEntry("SITE_NAME", "Local Blog");
    assertThat(local.environment(functions("Secretive"))).containsEntry("SECRET", "s3cr3t");
  }

  @Test
  void refusesParametersTheTemplateWouldRefuse() {
    assertThatThrownBy(() -> new TemplateValues(TEMPLATE, "blog", Map.of("SiteNmae", "x")))
        .hasMessageContaining("SiteNmae, which template.yaml does not declare")
        .hasMessageContaining("SiteName");
    assertThatThrownBy(() -> new TemplateValues(TEMPLATE, "blog", Map.of("SiteName", "no!")))
        .hasMessageContaining("The value no! of the parameter SiteName does not match");
    assertThatThrownBy(() -> new TemplateValues(TEMPLATE, "blog", Map.of("Mode", "c")))
        .hasMessageContaining("is not one of its AllowedValues");
    assertThatThrownBy(() -> new TemplateValues(TEMPLATE, "blog", Map.of("Salt", "tiny salt")))
        .hasMessage(
            "The value of the parameter Salt does not match its AllowedPattern \"[a-f0-9]{8,}\"");
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
    Map<String, String> environment = values.environment(functions("Salted"));

    assertThat(environment.get("SALT"))
        .matches("[0-9a-f]{64}")
        .isEqualTo(environment.get("SALT_AGAIN"));
    assertThat(
            new TemplateValues(TEMPLATE, "blog", Map.of())
                .environment(functions("Salted"))
                .get("SALT"))
        .isNotEqualTo(environment.get("SALT"));
  }

  @Test
  void unsupportedIntrinsicFunctionIsNamed() {
    assertThatThrownBy(() -> values.environment(functions("Joined")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Fn::Join");
  }
}
