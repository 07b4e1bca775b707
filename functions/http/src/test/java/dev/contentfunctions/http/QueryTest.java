package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.http.ApiException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QueryTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "preview=abc        | preview | abc",
        "%70review=abc      | preview | abc",
        "%70%72%65view=abc  | preview | abc",
        "tag=self+care      | tag     | self care",
        "tag=self%20care    | tag     | self care",
        "tag=caf%C3%A9      | tag     | café",
        "tag=a%2Bb          | tag     | a+b",
        "tag=&limit=2       | tag     | ''",
        "tag                | tag     | ''",
        "a=1&&tag=x&        | tag     | x",
        "tag=x&tag=x        | tag     | x",
        "x=%E2%9C%93        | x       | ✓",
        "%2570=1            | %70     | 1",
        "=v                 | ''      | v"
      })
  void decodesNamesAndValuesOnce(String raw, String name, String value) {
    assertThat(Query.parse(raw).value(name)).isEqualTo(value);
  }

  @Test
  void anAbsentParameterIsNull() {
    assertThat(Query.parse("").value("tag")).isNull();
    assertThat(Query.parse(null).value("tag")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tag=%zz", "tag=%4", "tag=%", "%zzreview=x", "tag=%C3", "tag=%FF%FE", "tag=%ED%A0%80", "tag=%\u0663\u0663",
        "tag=\ud800", "tag=a\udc00b", "a=%2", "%g1=1", "a=%C0%80"
      })
  void refusesWhatIsNotPercentEncodedUtf8(String raw) {
    assertThatThrownBy(() -> Query.parse(raw))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessageContaining("percent-encoded UTF-8");
  }

  @Test
  void aParameterGivenTwiceWithDifferentValuesIsAmbiguous() {
    assertThatThrownBy(() -> Query.parse("limit=1&limit=50").value("limit"))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessageContaining("'limit'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "q=two+words|q=two%20words", "q=two%20words|q=two%20words", "p=%2B|p=%2B", "%75tm=%E2%9C%93|utm=%E2%9C%93",
        "flag|flag=", "a=%26b%3D|a=%26b%3D"
      })
  void reencodingGivesOneCanonicalQueryWithTheSameMeaning(String raw, String encoded) {
    Query query = Query.parse(raw);

    assertThat(query.without(Set.of())).isEqualTo(encoded);
    Query again = Query.parse(encoded);
    assertThat(again.names()).isEqualTo(query.names());
    query.names().forEach(name -> assertThat(again.values(name)).isEqualTo(query.values(name)));
  }

  @Test
  void withoutDropsParametersByTheirDecodedNameAndReencodesTheRest() {
    Query query = Query.parse("%70review=secret&tag=self+care&preview=again&x=a%2Fb");

    assertThat(query.without(Set.of("preview"))).isEqualTo("tag=self%20care&x=a%2Fb");
    assertThat(Query.parse("preview=1").without(Set.of("preview"))).isEmpty();
  }
}
