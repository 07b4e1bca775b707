package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionLogTest {

  @Test
  void structuredLineBecomesEventAndFields() {
    assertThat(
            FunctionLog.readable(
                "{\"level\":\"INFO\",\"event\":\"post.published\",\"requestId\":\"r-1\","
                    + "\"key\":\"posts/a.md\",\"slug\":\"a\",\"sequencer\":null}"))
        .isEqualTo("post.published key=posts/a.md slug=a");
  }

  @Test
  void levelAboveInfoIsShownAndTextWithSpacesQuoted() {
    assertThat(
            FunctionLog.readable(
                "{\"level\":\"WARN\",\"event\":\"post.failed\",\"key\":\"posts/b.md\","
                    + "\"reason\":\"No title: add one\"}"))
        .isEqualTo("WARN post.failed key=posts/b.md reason=\"No title: add one\"");
  }

  @Test
  void kitLinesNameTheirEventInMessage() {
    assertThat(
            FunctionLog.readable(
                "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"ERROR\",\"requestId\":\"r-2\","
                    + "\"message\":\"batch.malformed\",\"reason\":\"not JSON\"}"))
        .isEqualTo("ERROR batch.malformed reason=\"not JSON\"");
  }

  @Test
  void otherTextIsLeftAsItIs() {
    assertThat(FunctionLog.readable("Starting up [1/2]")).isEqualTo("Starting up [1/2]");
    assertThat(FunctionLog.readable("42")).isEqualTo("42");
  }
}
