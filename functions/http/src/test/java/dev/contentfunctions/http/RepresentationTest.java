package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepresentationTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"abc\"|true",
        "W/\"abc\"|true",
        "\"x\", \"abc\"|true",
        "*|true",
        "\"abcd\"|false",
        "abc|false",
        "\"|false",
        "''|false"
      })
  void ifNoneMatchComparesWeaklyAgainstEachListedTag(String header, boolean matches) {
    assertThat(Representation.matches(header, "\"abc\"")).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gzip|true", "br, gzip;q=0.5|true", "GZIP|true", "gzip;q=0|false", "gzip; q=0.0|false",
        "br|false", "identity|false", ";|false", "br, ;, gzip|true"
      })
  void gzipOnlyWhenAccepted(String acceptEncoding, boolean gzip) {
    assertThat(Representation.acceptsGzip(acceptEncoding)).isEqualTo(gzip);
  }
}
