package dev.contentfunctions.templatetests;

import static dev.contentfunctions.templatetests.ExpectedPermissions.describe;
import static dev.contentfunctions.templatetests.ExpectedPermissions.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The site's CloudFront distribution, its bucket and its policies, read from template.yaml: what
 * goes where, what is in each cache key, who may read the bucket. cfn-lint checks the syntax
 * ({@link TemplateLintIT}); SAM's transform the routes ({@link SiteRoutesIT}).
 */
class SiteDistributionTest {

  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.load(RepoPaths.template());
  private static final JsonNode CONFIG =
      TEMPLATE.properties("SiteDistribution").path("DistributionConfig");
  private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
  /** The stack id's UUID: what CloudFront sends as x-origin-verify and the functions compare. */
  private static final JsonNode STACK_UUID = json("{\"Fn::Select\": [2, {\"Fn::Split\": [\"/\", {\"Ref\": \"AWS::StackId\"}]}]}");

  @Test
  void originsAreTheBucketThroughItsAccessControlAndTheHttpApiOverHttps() {
    JsonNode assets = origin("site-assets");
    assertThat(assets.path("DomainName")).isEqualTo(json("{\"Fn::GetAtt\": [\"SiteBucket\", \"RegionalDomainName\"]}"));
    assertThat(assets.path("OriginAccessControlId")).isEqualTo(json("{\"Fn::GetAtt\": [\"SiteOriginAccessControl\", \"Id\"]}"));
    // An origin access identity would be the legacy mechanism; empty means none.
    assertThat(assets.path("S3OriginConfig").path("OriginAccessIdentity").asText("missing")).isEmpty();

    JsonNode control = TEMPLATE.properties("SiteOriginAccessControl").path("OriginAccessControlConfig");
    assertThat(control.path("OriginAccessControlOriginType").asText()).isEqualTo("s3");
    assertThat(control.path("SigningBehavior").asText()).isEqualTo("always");
    assertThat(control.path("SigningProtocol").asText()).isEqualTo("sigv4");

    JsonNode api = origin("http-api");
    assertThat(describe(api.path("DomainName"))).isEqualTo("!Sub ${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}");
    assertThat(api.path("CustomOriginConfig").path("OriginProtocolPolicy").asText()).isEqualTo("https-only");
    assertThat(elements(api.path("OriginCustomHeaders")))
        .singleElement()
        .satisfies(
            header -> {
              assertThat(header.path("HeaderName").asText()).isEqualTo("x-origin-verify");
              assertThat(header.path("HeaderValue")).isEqualTo(STACK_UUID);
            });
    JsonNode media = origin("site-media");
    assertThat(media.path("DomainName")).isEqualTo(json("{\"Fn::GetAtt\": [\"MediaBucket\", \"RegionalDomainName\"]}"));
    assertThat(media.path("OriginAccessControlId")).isEqualTo(json("{\"Fn::GetAtt\": [\"SiteOriginAccessControl\", \"Id\"]}"));
    assertThat(media.path("S3OriginConfig").path("OriginAccessIdentity").asText("missing")).isEmpty();
    assertThat(CONFIG.path("Origins")).hasSize(3);
  }

  @Test
  void onlyTheDistributionReadsTheMediaBucketAndRetiredVariantsExpireAfterCachedPagesHaveGone() {
    JsonNode statements = TEMPLATE.properties("MediaBucketPolicy").path("PolicyDocument").path("Statement");
    List<String> reads = new ArrayList<>();
    for (JsonNode statement : statements) {
      if (statement.path("Effect").asText().equals("Allow")) {
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(describe(statement.path("Condition").path("StringEquals").path("AWS:SourceArn")))
            .contains("distribution/${SiteDistribution}");
        reads.add(statement.path("Action").asText() + " " + describe(statement.path("Resource")));
      }
    }
    assertThat(reads).containsExactlyInAnyOrder("s3:GetObject !Sub ${MediaBucket.Arn}/media/*", "s3:ListBucket !GetAtt MediaBucket.Arn");

    JsonNode rule = TEMPLATE.properties("MediaBucket").path("LifecycleConfiguration").path("Rules").path(0);
    assertThat(rule.path("Status").asText()).isEqualTo("Enabled");
    assertThat(rule.path("TagFilters")).isEqualTo(json("[{\"Key\": \"retired\", \"Value\": \"true\"}]"));
    // Longer than a page naming the variant stays cached: s-maxage 300, stale-if-error a day.
    assertThat(rule.path("ExpirationInDays").asInt()).isGreaterThan(1);
  }

  @Test
  void theFunctionsCompareTheOriginHeaderWithTheSameValue() {
    for (String function : List.of("PostsApiFunction", "ConsultationsFunction")) {
      assertThat(TEMPLATE.properties(function).path("Environment").path("Variables").path("ORIGIN_VERIFY"))
          .as(function + " ORIGIN_VERIFY")
          .isEqualTo(STACK_UUID);
    }
  }

  @Test
  void behavioursSendAssetsToTheBucketAndTheRestToTheApiFirstMatchWinning() {
    List<String> behaviours = new ArrayList<>();
    for (JsonNode behaviour : CONFIG.path("CacheBehaviors")) {
      behaviours.add(behaviour.path("PathPattern").asText() + " -> " + behaviour.path("TargetOriginId").asText());
    }

    assertThat(behaviours)
        .containsExactly(
            "/assets/* -> site-assets",
            "/media/* -> site-media",
            "/favicon.ico -> site-assets",
            "/consultations -> http-api",
            "/posts* -> http-api");
    assertThat(CONFIG.path("DefaultCacheBehavior").path("TargetOriginId").asText()).isEqualTo("http-api");
  }

  @Test
  void everyBehaviourIsHttpsOnlyWithTheSecurityHeaders() {
    for (JsonNode behaviour : allBehaviours()) {
      String name = behaviour.path("PathPattern").asText("default");
      assertThat(behaviour.path("ViewerProtocolPolicy").asText()).as(name).isEqualTo("redirect-to-https");
      assertThat(behaviour.path("ResponseHeadersPolicyId")).as(name).isEqualTo(ref("SiteResponseHeadersPolicy"));
    }
    assertThat(CONFIG.path("HttpVersion").asText()).isEqualTo("http2and3");
    assertThat(CONFIG.path("IPV6Enabled").asBoolean()).isTrue();
    assertThat(CONFIG.path("PriceClass").asText()).isEqualTo("PriceClass_100");
  }

  @Test
  void securityHeadersAreSetButThePagesOwnContentSecurityPolicyPassesThrough() {
    JsonNode headers =
        TEMPLATE.properties("SiteResponseHeadersPolicy").path("ResponseHeadersPolicyConfig").path("SecurityHeadersConfig");

    assertThat(headers.path("StrictTransportSecurity").path("AccessControlMaxAgeSec").asInt()).isGreaterThanOrEqualTo(31536000);
    assertThat(headers.path("ContentTypeOptions").path("Override").asBoolean()).isTrue();
    assertThat(headers.path("FrameOptions").path("FrameOption").asText()).isEqualTo("DENY");
    assertThat(headers.path("ReferrerPolicy").path("ReferrerPolicy").asText()).isEqualTo("strict-origin-when-cross-origin");
    assertThat(headers.has("ContentSecurityPolicy")).isFalse();
    assertThat(TEMPLATE.properties("SiteResponseHeadersPolicy").path("ResponseHeadersPolicyConfig").has("CustomHeadersConfig")).isFalse();
  }

  @Test
  void pagesAreKeyedByCursorTagAndPreviewOnlyAndHonourTheFunctionsCacheControl() {
    JsonNode pages = CONFIG.path("DefaultCacheBehavior");
    assertThat(pages.path("CachePolicyId")).isEqualTo(ref("SitePagesCachePolicy"));
    JsonNode policy = cachePolicy("SitePagesCachePolicy");

    // slug: only for the old /blog/post.html?slug= URL's redirect.
    assertThat(queryStrings(policy)).containsExactlyInAnyOrder("cursor", "tag", "preview", "slug");
    assertThat(headers(policy)).containsExactly("x-preview-token");
    assertHonoursTheOrigin(policy);
  }

  @Test
  void theJsonApiIsKeyedAlsoByLimitAndOnlyIt() {
    JsonNode posts = behaviour("/posts*");
    assertThat(posts.path("CachePolicyId")).isEqualTo(ref("SitePostsCachePolicy"));
    JsonNode policy = cachePolicy("SitePostsCachePolicy");

    assertThat(queryStrings(policy)).containsExactlyInAnyOrder("cursor", "tag", "preview", "limit");
    assertThat(headers(policy)).containsExactly("x-preview-token");
    assertHonoursTheOrigin(policy);
    assertThat(queryStrings(cachePolicy("SitePagesCachePolicy"))).doesNotContain("limit");
  }

  @Test
  void theApiGzipsItselfAndTheBucketsAssetsAreCompressedByCloudFront() {
    for (JsonNode behaviour : allBehaviours()) {
      // The API gzips itself; images are compressed formats already.
      boolean assets = behaviour.path("TargetOriginId").asText().equals("site-assets");
      assertThat(behaviour.path("Compress").asBoolean())
          .as(behaviour.path("PathPattern").asText("default") + " Compress")
          .isEqualTo(assets);
    }
    assertThat(behaviour("/media/*").path("CachePolicyId").asText()).isEqualTo(CACHING_OPTIMIZED);
    assertThat(behaviour("/assets/*").path("CachePolicyId").asText()).isEqualTo(CACHING_OPTIMIZED);
    assertThat(behaviour("/favicon.ico").path("CachePolicyId").asText()).isEqualTo(CACHING_OPTIMIZED);
  }

  @Test
  void readBehavioursForwardTheVisitorsHostAsXForwardedHostButNotHost() {
    for (JsonNode behaviour : List.of(CONFIG.path("DefaultCacheBehavior"), behaviour("/posts*"))) {
      assertThat(behaviour.path("OriginRequestPolicyId")).isEqualTo(ref("SitePagesOriginRequestPolicy"));
      assertThat(elements(behaviour.path("FunctionAssociations")))
          .singleElement()
          .satisfies(
              association -> {
                assertThat(association.path("EventType").asText()).isEqualTo("viewer-request");
                assertThat(association.path("FunctionARN")).isEqualTo(json("{\"Fn::GetAtt\": [\"SiteHostFunction\", \"FunctionARN\"]}"));
              });
      assertThat(texts(behaviour.path("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
    }
    JsonNode policy = TEMPLATE.properties("SitePagesOriginRequestPolicy").path("OriginRequestPolicyConfig");
    assertThat(policy.path("HeadersConfig").path("HeaderBehavior").asText()).isEqualTo("whitelist");
    assertThat(lowerCase(policy.path("HeadersConfig").path("Headers"))).containsExactly("x-forwarded-host");
    assertThat(policy.path("QueryStringsConfig").path("QueryStringBehavior").asText()).isEqualTo("none");
    assertThat(policy.path("CookiesConfig").path("CookieBehavior").asText()).isEqualTo("none");

    JsonNode function = TEMPLATE.properties("SiteHostFunction");
    assertThat(function.path("FunctionConfig").path("Runtime").asText()).isEqualTo("cloudfront-js-2.0");
    assertThat(function.path("AutoPublish").asBoolean()).isTrue();
  }

  @Test
  void bookingsAreNeverCachedAndCarryTheViewersAddress() {
    JsonNode bookings = behaviour("/consultations");
    assertThat(bookings.path("CachePolicyId").asText()).isEqualTo(CACHING_DISABLED);
    assertThat(texts(bookings.path("AllowedMethods"))).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");
    assertThat(bookings.path("OriginRequestPolicyId")).isEqualTo(ref("SiteBookingsOriginRequestPolicy"));

    JsonNode policy = TEMPLATE.properties("SiteBookingsOriginRequestPolicy").path("OriginRequestPolicyConfig");
    assertThat(lowerCase(policy.path("HeadersConfig").path("Headers")))
        .containsExactlyInAnyOrder("content-type", "accept", "idempotency-key", "origin", "cloudfront-viewer-address")
        .doesNotContain("host");
    assertThat(policy.path("CookiesConfig").path("CookieBehavior").asText()).isEqualTo("none");
  }

  @Test
  void theBucketIsPrivateAndReadOnlyByThisDistribution() {
    JsonNode bucket = TEMPLATE.properties("SiteBucket");
    assertThat(bucket.path("OwnershipControls").path("Rules").path(0).path("ObjectOwnership").asText()).isEqualTo("BucketOwnerEnforced");
    assertThat(bucket.path("BucketEncryption").toString()).contains("\"AES256\"");
    assertThat(bucket.has("WebsiteConfiguration")).as("a website endpoint is public").isFalse();
    for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
      assertThat(bucket.path("PublicAccessBlockConfiguration").path(setting).asBoolean()).as(setting).isTrue();
    }

    JsonNode policy = TEMPLATE.properties("SiteBucketPolicy");
    assertThat(policy.path("Bucket")).isEqualTo(ref("SiteBucket"));
    Set<String> granted = new TreeSet<>();
    List<JsonNode> allows =
        elements(policy.path("PolicyDocument").path("Statement")).stream()
            .filter(statement -> statement.path("Effect").asText().equals("Allow"))
            .toList();
    assertThat(allows)
        .isNotEmpty()
        .allSatisfy(
            statement -> {
              assertThat(statement.path("Principal")).isEqualTo(json("{\"Service\": \"cloudfront.amazonaws.com\"}"));
              assertThat(statement.path("Condition").properties()).hasSize(1);
              assertThat(describe(statement.path("Condition").path("StringEquals").path("AWS:SourceArn")))
                  .isEqualTo("!Sub arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}");
              elements(statement.path("Action")).forEach(action -> granted.add(action.asText() + " " + describe(statement.path("Resource"))));
            });
    assertThat(granted)
        .containsExactlyInAnyOrder("s3:GetObject !Sub ${SiteBucket.Arn}/*", "s3:ListBucket !GetAtt SiteBucket.Arn");
  }

  @Test
  void aCustomDomainNeedsBothItsNameAndItsCertificate() {
    JsonNode condition = TEMPLATE.root().path("Conditions").path("HasCustomDomain");
    assertThat(condition.toString()).contains("SiteDomainName").contains("SiteCertificateArn").startsWith("{\"Fn::And\"");
    assertThat(CONFIG.path("Aliases")).isEqualTo(json("{\"Fn::If\": [\"HasCustomDomain\", [{\"Ref\": \"SiteDomainName\"}], {\"Ref\": \"AWS::NoValue\"}]}"));
    JsonNode certificate = CONFIG.path("ViewerCertificate").path("Fn::If");
    assertThat(certificate.path(0).asText()).isEqualTo("HasCustomDomain");
    assertThat(certificate.path(1).path("AcmCertificateArn")).isEqualTo(ref("SiteCertificateArn"));
    assertThat(certificate.path(1).path("SslSupportMethod").asText()).isEqualTo("sni-only");
    assertThat(certificate.path(1).path("MinimumProtocolVersion").asText()).isEqualTo("TLSv1.2_2021");
    assertThat(certificate.path(2)).isEqualTo(json("{\"CloudFrontDefaultCertificate\": true}"));
    JsonNode parameters = TEMPLATE.root().path("Parameters");
    for (String optional : List.of("SiteDomainName", "SiteCertificateArn", "SiteUrl", "ThankYouUrl")) {
      assertThat(parameters.path(optional).path("Default").asText("missing")).as(optional + " Default").isEmpty();
      assertThat("").as(optional + " AllowedPattern admits empty").matches(parameters.path(optional).path("AllowedPattern").asText());
    }
    assertThat("arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")
        .matches(parameters.path("SiteCertificateArn").path("AllowedPattern").asText());
    assertThat("arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")
        .as("CloudFront reads certificates only from us-east-1")
        .doesNotMatch(parameters.path("SiteCertificateArn").path("AllowedPattern").asText());
  }

  @Test
  void outputsPrintTheSitesAddressAndHowToUploadItsAssets() {
    JsonNode outputs = TEMPLATE.root().path("Outputs");
    assertThat(outputs.path("SiteBucketName").path("Value")).isEqualTo(ref("SiteBucket"));
    assertThat(outputs.path("SiteDistributionId").path("Value")).isEqualTo(ref("SiteDistribution"));
    assertThat(outputs.path("SiteUrl").path("Value").toString())
        .contains("https://${SiteDistribution.DomainName}")
        .contains("https://${SiteDomainName}")
        .contains("{\"Ref\":\"SiteUrl\"}");
    assertThat(outputs.path("DeployAssetsCommand").path("Value").path("Fn::Sub").asText())
        .startsWith("aws s3 sync web/ s3://${SiteBucket}/ --delete --exclude \"*.md\" --exclude \"*.mjs\" --cache-control ")
        .contains("--distribution-id ${SiteDistribution}");
    assertThat(TEMPLATE.root().path("Parameters").has("EnableCdn")).isFalse();
    assertThat(outputs.has("CdnUrl")).isFalse();
  }

  private static void assertHonoursTheOrigin(JsonNode policy) {
    assertThat(policy.path("MinTTL").asInt(-1)).isZero();
    assertThat(policy.path("DefaultTTL").asInt(-1)).isZero();
    assertThat(policy.path("MaxTTL").asInt()).isGreaterThanOrEqualTo(300);
    JsonNode key = policy.path("ParametersInCacheKeyAndForwardedToOrigin");
    assertThat(key.path("EnableAcceptEncodingGzip").asBoolean()).isTrue();
    assertThat(key.path("CookiesConfig").path("CookieBehavior").asText()).isEqualTo("none");
  }

  private static JsonNode origin(String id) {
    for (JsonNode origin : CONFIG.path("Origins")) {
      if (origin.path("Id").asText().equals(id)) {
        return origin;
      }
    }
    throw new AssertionError("no origin " + id);
  }

  private static JsonNode behaviour(String pathPattern) {
    for (JsonNode behaviour : CONFIG.path("CacheBehaviors")) {
      if (behaviour.path("PathPattern").asText().equals(pathPattern)) {
        return behaviour;
      }
    }
    throw new AssertionError("no behaviour " + pathPattern);
  }

  private static List<JsonNode> allBehaviours() {
    List<JsonNode> all = new ArrayList<>(elements(CONFIG.path("CacheBehaviors")));
    all.add(CONFIG.path("DefaultCacheBehavior"));
    return all;
  }

  private static JsonNode cachePolicy(String logicalId) {
    assertThat(TEMPLATE.type(logicalId)).isEqualTo("AWS::CloudFront::CachePolicy");
    return TEMPLATE.properties(logicalId).path("CachePolicyConfig");
  }

  private static List<String> queryStrings(JsonNode policy) {
    JsonNode config = policy.path("ParametersInCacheKeyAndForwardedToOrigin").path("QueryStringsConfig");
    assertThat(config.path("QueryStringBehavior").asText()).isEqualTo("whitelist");
    return texts(config.path("QueryStrings"));
  }

  private static List<String> headers(JsonNode policy) {
    JsonNode config = policy.path("ParametersInCacheKeyAndForwardedToOrigin").path("HeadersConfig");
    assertThat(config.path("HeaderBehavior").asText()).isEqualTo("whitelist");
    return lowerCase(config.path("Headers"));
  }

  private static List<String> texts(JsonNode list) {
    return elements(list).stream().map(JsonNode::asText).toList();
  }

  /** Header names are case-insensitive; CloudFront compares them so. */
  private static List<String> lowerCase(JsonNode list) {
    return texts(list).stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
  }

  private static JsonNode ref(String name) {
    return json("{\"Ref\": \"" + name + "\"}");
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
