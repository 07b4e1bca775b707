package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.http.QueryParameters.Parameter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
  @Test
  void namesAndValuesAreDecodedOnceAsBrowsersEncodeForms() {
    assertThat(QueryParameters.parse("%70review=a%2Bb&q=two+words&x=%E2%9C%93&flag&&=v&%2570=1"))
        .containsExactly(
            new Parameter("preview", "a+b"),
            new Parameter("q", "two words"),
            new Parameter("x", "\u2713"),
            new Parameter("flag", ""),
            new Parameter("", "v"),
            new Parameter("%70", "1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%", "a=%2", "a=%zz", "%g1=1", "a=%FF", "a=%C0%80", "a=%ED%A0%80"})
  void malformedEscapesOrBytesThatAreNotUtf8AreABadRequest(String raw) {
    assertThatThrownBy(() -> QueryParameters.parse(raw))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessageContaining("percent");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"q=two+words|q=two+words", "q=two%20words|q=two+words", "p=%2B|p=%2B", "%75tm=%E2%9C%93|utm=%E2%9C%93", "flag|flag=", "a=%26b%3D|a=%26b%3D"})
  void encodingTheDecodedPairsGivesOneCanonicalQuery(String raw, String encoded) {
    List<Parameter> parameters = QueryParameters.parse(raw);

    assertThat(QueryParameters.encode(parameters)).isEqualTo(encoded);
    assertThat(QueryParameters.parse(encoded)).isEqualTo(parameters);
  }
}
