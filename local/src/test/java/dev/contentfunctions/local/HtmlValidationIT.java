package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page type, as the local run serves it, is valid HTML for the Nu Html Checker (vnu.jar, the
 * W3C's validator, from local/package-lock.json): not one error, and no warning either.
 */
class HtmlValidationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT_PAGE = Pattern.compile("href=\"(/blog/\\?cursor=[^\"]+)\"");

  @TempDir static Path temp;
  private static SiteRun site;

  @BeforeAll
  static void start() throws Exception {
    site = SiteRun.start(temp);
  }

  @AfterAll
  static void stop() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void everyPageTypeIsValidHtml() throws Exception {
    List<String> pages = new ArrayList<>(SiteRun.PAGE_TYPES);
    // The second page of the blog: its links carry a cursor.
    Matcher next = NEXT_PAGE.matcher(site.get("/blog/").body());
    assertThat(next.find()).as("the blog's link to its second page").isTrue();
    pages.add(next.group(1).replace("&amp;", "&"));

    assertValid(site, pages, Files.createDirectories(temp.resolve("pages")));
  }

  /** The pages, as the run serves them, have not one error or warning of the Nu Html Checker. */
  static void assertValid(SiteRun site, List<String> pages, Path pagesDir) throws Exception {
    Path vnu = NodeModules.require("vnu-jar/build/dist/vnu.jar");
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", vnu.toString(), "--format", "json", "--stdout"));
    for (int i = 0; i < pages.size(); i++) {
      HttpResponse<String> page = site.get(pages.get(i));
      assertThat(page.headers().firstValue("content-type")).as(pages.get(i)).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/html"));
      Path file = pagesDir.resolve(i + ".html");
      Files.writeString(file, page.body(), StandardCharsets.UTF_8);
      command.add(file.toString());
    }

    Process checker = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(checker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    checker.waitFor();

    List<String> problems = new ArrayList<>();
    for (JsonNode message : JSON.readTree(output).path("messages")) {
      if (message.path("type").asText().equals("info") && !message.path("subType").asText().equals("warning")) {
        continue; // advice, not a fault (e.g. "trailing slash on void elements has no effect")
      }
      String file = message.path("url").asText().replaceAll(".*/(\\d+)\\.html$", "$1");
      String page = file.matches("\\d+") ? pages.get(Integer.parseInt(file)) : file;
      problems.add(page + " line " + message.path("lastLine").asInt() + ": " + message.path("type").asText() + " "
          + message.path("subType").asText("") + " " + message.path("message").asText());
    }
    assertThat(problems).as(output).isEmpty();
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
