package dev.contentfunctions.kit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTest {
  private final List<String> lines = new java.util.ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:15:30.123Z"), ZoneOffset.UTC);

  @Test
  void writesOneTopLevelJsonObjectWithLambdasKeysAndOurs() {
    Log.to(lines::add, Log.Level.INFO, clock)
        .forRequest("req-1")
        .info("post.published", "slug", "a-post", "count", 3, "tags", List.of("a", "b"), "draft", false);

    assertThat(lines)
        .containsExactly(
            "{\"timestamp\":\"2026-12-03T10:15:30.123Z\",\"level\":\"INFO\",\"requestId\":\"req-1\","
                + "\"message\":\"post.published\",\"slug\":\"a-post\",\"count\":3,\"tags\":[\"a\",\"b\"],\"draft\":false}");
  }

  @Test
  void dropsLinesUnderTheConfiguredLevel() {
    Log log = Log.to(lines::add, Log.Level.WARN, clock);

    log.info("not.shown");
    log.debug("not.shown");
    log.warn("shown");
    log.error("shown");

    assertThat(lines).hasSize(2).allMatch(line -> line.contains("\"shown\""));
  }

  @Test
  void readsLambdasLevelNamesAndDefaultsToInfo() {
    assertThat(Log.level("debug")).isEqualTo(Log.Level.DEBUG);
    assertThat(Log.level("ERROR")).isEqualTo(Log.Level.ERROR);
    assertThat(Log.level(null)).isEqualTo(Log.Level.INFO);
    assertThat(Log.level("verbose")).isEqualTo(Log.Level.INFO);
  }

  @Test
  void aValueWithQuotesOrNewlinesCannotBreakTheLine() {
    Log.to(lines::add, Log.Level.INFO, clock)
        .warn("x", "key", "posts/a\"b\nc.md");

    assertThat(lines).singleElement().asString().doesNotContain("\n").contains("\"key\":\"posts/a\\\"b\\nc.md\"");
  }
}
