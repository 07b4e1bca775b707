package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.localaws.CdnBehaviours.OriginKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdnBehavioursTest {

  @TempDir Path dir;

  private static CdnBehaviours site() {
    try {
      return CloudFormationTemplate.load(
              Path.of(
                  CdnBehavioursTest.class.getResource("/cdn/site-distribution.yaml").toURI()))
          .cdnBehaviours("SiteDistribution");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String patternFor(String path) {
    return site().route(path).pathPattern();
  }

  private static OriginKind originFor(String path) {
    return site().route(path).origin().kind();
  }

  @Test
  void assetsAndTheFaviconComeFromTheBucket() {
    assertThat(originFor("/assets/styles.css")).isEqualTo(OriginKind.S3);
    assertThat(originFor("/assets/js/blog.js")).isEqualTo(OriginKind.S3);
    assertThat(originFor("/favicon.ico")).isEqualTo(OriginKind.S3);
    assertThat(site().route("/favicon.ico").origin().id()).isEqualTo("site-assets");
  }

  @Test
  void eachS3OriginNamesItsBucket() {
    assertThat(site().route("/assets/styles.css").origin().bucket()).isEqualTo("SiteBucket");
    assertThat(site().route("/media/5d41ab/cover-960.jpg").origin())
        .isEqualTo(new CdnBehaviours.Origin("site-media", OriginKind.S3, "MediaBucket"));
    assertThat(site().route("/blog/").origin().bucket()).as("the HTTP API").isNull();
  }

  @Test
  void theTemplatesMediaComesFromTheMediaBucket() {
    CdnBehaviours template = CloudFormationTemplate.load(RepoPaths.template()).cdnBehaviours("SiteDistribution");

    assertThat(template.route("/media/5d41ab/cover-960.jpg").origin().bucket()).isEqualTo("MediaBucket");
    assertThat(template.route("/assets/styles.css").origin().bucket()).isEqualTo("SiteBucket");
  }

  @Test
  void pagesAndTheApiGoToTheHttpApi() {
    for (String path :
        new String[] {
          "/", "/blog/", "/blog/a-post", "/book", "/feed.xml", "/tags", "/coach/consultations"
        }) {
      assertThat(originFor(path)).as(path).isEqualTo(OriginKind.HTTP_API);
      assertThat(patternFor(path)).as(path + " falls to the default behaviour").isNull();
    }
    assertThat(patternFor("/posts")).isEqualTo("/posts*");
    assertThat(patternFor("/posts/a/related")).isEqualTo("/posts*");
    assertThat(patternFor("/consultations")).isEqualTo("/consultations");
  }

  @Test
  void aPatternWithoutAStarMatchesOnlyThatPath() {
    assertThat(patternFor("/favicon.ico/x")).isNull();
    assertThat(patternFor("/favicon.icon")).isNull();
    assertThat(patternFor("/consultations/123")).isNull();
    assertThat(patternFor("/Favicon.ico")).as("case-sensitive").isNull();
  }

  @Test
  void starMatchesAnyRunOfCharactersSlashesIncluded() {
    assertThat(patternFor("/assets/")).isEqualTo("/assets/*");
    assertThat(patternFor("/assets/a/b/c.js")).isEqualTo("/assets/*");
    assertThat(patternFor("/assets")).as("the slash before * is literal").isNull();
    assertThat(patternFor("/postscript")).isEqualTo("/posts*");
  }

  @Test
  void questionMarkMatchesExactlyOneCharacterAndTheLeadingSlashIsOptional() {
    assertThat(patternFor("/img/ab.png")).isEqualTo("img/??.png");
    assertThat(patternFor("/img/a.png")).isNull();
    assertThat(patternFor("/img/abc.png")).isNull();
    assertThat(patternFor("/img/abxpng")).as("the dot is literal").isNull();
  }

  @Test
  void firstMatchingBehaviourWinsInTemplateOrder() throws IOException {
    CdnBehaviours behaviours =
        write(
                """
                Resources:
                  D:
                    Type: AWS::CloudFront::Distribution
                    Properties:
                      DistributionConfig:
                        Origins:
                          - {Id: files, S3OriginConfig: {}}
                          - {Id: api, CustomOriginConfig: {}}
                        DefaultCacheBehavior: {TargetOriginId: files}
                        CacheBehaviors:
                          - {PathPattern: /a/*, TargetOriginId: api}
                          - {PathPattern: /a/b/*, TargetOriginId: files}
                """)
            .cdnBehaviours("D");

    assertThat(behaviours.route("/a/b/c").pathPattern()).isEqualTo("/a/*");
    assertThat(behaviours.route("/x").origin().kind()).isEqualTo(OriginKind.S3);
    assertThat(behaviours.behaviours())
        .extracting(CdnBehaviours.Behaviour::pathPattern)
        .containsExactly("/a/*", "/a/b/*", null);
  }

  @Test
  void aTemplateWithoutTheDistributionIsRefusedSayingWhy() throws IOException {
    CloudFormationTemplate template =
        write(
            """
            Resources:
              SiteBucket:
                Type: AWS::S3::Bucket
            """);

    assertThatThrownBy(() -> template.cdnBehaviours("SiteDistribution"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no AWS::CloudFront::Distribution named SiteDistribution")
        .hasMessageContaining("CacheBehaviors");
  }

  @Test
  void aBehaviourForAnUndeclaredOriginIsRefused() throws IOException {
    CloudFormationTemplate template =
        write(
            """
            Resources:
              D:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Origins:
                      - {Id: api, CustomOriginConfig: {}}
                    DefaultCacheBehavior: {TargetOriginId: elsewhere}
            """);

    assertThatThrownBy(() -> template.cdnBehaviours("D"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not declare: elsewhere");
  }

  private CloudFormationTemplate write(String yaml) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return CloudFormationTemplate.load(file);
  }
}
