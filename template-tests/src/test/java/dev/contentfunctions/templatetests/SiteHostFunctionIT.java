package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's viewer-request function, SiteHostFunction's code from template.yaml, run on
 * Node.js with events shaped as CloudFront's (cloudfront-js-2.0 is a subset of the JavaScript Node
 * runs; CloudFront itself cannot run here).
 */
class SiteHostFunctionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CODE =
      CloudFormationTemplate.load(RepoPaths.template()).properties("SiteHostFunction").path("FunctionCode").asText();

  @TempDir Path dir;

  @Test
  void copiesTheViewersHostOverAnyForwardedHostTheViewerSent() throws Exception {
    JsonNode request =
        run(
            """
            {"version": "1.0", "context": {"eventType": "viewer-request"}, "viewer": {"ip": "198.51.100.7"},
             "request": {"method": "GET", "uri": "/blog/", "querystring": {"cursor": {"value": "abc"}},
               "headers": {"host": {"value": "www.example.com"}, "x-forwarded-host": {"value": "evil.example"},
                           "accept": {"value": "text/html"}}, "cookies": {}}}""");

    assertThat(request.path("headers").path("x-forwarded-host").path("value").asText()).isEqualTo("www.example.com");
    assertThat(request.path("headers").path("host").path("value").asText()).isEqualTo("www.example.com");
    assertThat(request.path("headers").path("accept").path("value").asText()).isEqualTo("text/html");
    assertThat(request.path("uri").asText()).isEqualTo("/blog/");
    assertThat(request.path("querystring").path("cursor").path("value").asText()).isEqualTo("abc");
  }

  @Test
  void withoutAHostNoForwardedHostPasses() throws Exception {
    JsonNode request =
        run(
            """
            {"version": "1.0", "context": {"eventType": "viewer-request"}, "viewer": {"ip": "198.51.100.7"},
             "request": {"method": "GET", "uri": "/", "querystring": {},
               "headers": {"x-forwarded-host": {"value": "evil.example"}}, "cookies": {}}}""");

    assertThat(request.path("headers").has("x-forwarded-host")).isFalse();
  }

  private JsonNode run(String event) throws IOException, InterruptedException {
    Path script = dir.resolve("function.js");
    Files.writeString(
        script, CODE + "\nprocess.stdout.write(JSON.stringify(handler(JSON.parse(process.argv[2]))));\n");
    Path output = dir.resolve("output.json");
    Process node;
    try {
      node =
          new ProcessBuilder("node", script.toString(), event)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
    } catch (IOException notOnPath) {
      return fail("Node.js (node) is needed to run the CloudFront function: " + notOnPath.getMessage());
    }
    if (!node.waitFor(1, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      fail("node did not finish within a minute");
    }
    assertThat(node.exitValue()).as(Files.readString(output)).isZero();
    return JSON.readTree(output.toFile());
  }
}
