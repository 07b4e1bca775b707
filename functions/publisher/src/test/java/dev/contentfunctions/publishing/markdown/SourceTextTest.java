package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.publishing.InvalidPostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceTextTest {

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keepsMultiByteCharacters() {
    assertThat(SourceText.decode(utf8("Café – each other’s 😀\n")))
        .isEqualTo("Café – each other’s 😀\n");
  }

  @Test
  void stripsALeadingByteOrderMark() {
    assertThat(SourceText.decode(utf8("\uFEFF---\ntitle: x\n"))).isEqualTo("---\ntitle: x\n");
  }

  @Test
  void keepsAByteOrderMarkThatIsNotAtTheStart() {
    assertThat(SourceText.decode(utf8("a\uFEFFb"))).isEqualTo("a\uFEFFb");
  }

  @Test
  void normalisesCrlfAndLoneCrToLf() {
    assertThat(SourceText.decode(utf8("one\r\ntwo\rthree\n\r\nfour")))
        .isEqualTo("one\ntwo\nthree\n\nfour");
  }

  @Test
  void invalidUtf8IsRejectedWithLineAndByteOffset() {
    byte[] latin1 = "ab\ncaf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> SourceText.decode(latin1))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("not valid UTF-8")
        .hasMessageContaining("line 2")
        .hasMessageContaining("byte 6");
  }

  @Test
  void overlongEncodingIsRejected() {
    // 0xC0 0xAF is an overlong '/', a classic way to smuggle characters past filters.
    assertThatThrownBy(() -> SourceText.decode(bytes('a', 0xC0, 0xAF)))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("byte 1");
  }

  @Test
  void truncatedSequenceAtTheEndIsRejected() {
    assertThatThrownBy(() -> SourceText.decode(bytes('a', 'b', 0xE2, 0x80)))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("byte 2");
  }

  @Test
  void utf16WithByteOrderMarkIsRejectedAsNotUtf8() {
    assertThatThrownBy(() -> SourceText.decode(bytes(0xFF, 0xFE, '-', 0, '-', 0)))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("not valid UTF-8")
        .hasMessageContaining("byte 0");
  }

  @Test
  void utf16WithoutByteOrderMarkIsCaughtByItsNulCharacters() {
    // Without a byte order mark, UTF-16 text is valid UTF-8: ASCII bytes interleaved with NULs.
    assertThatThrownBy(() -> SourceText.decode("---\n".getBytes(StandardCharsets.UTF_16LE)))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("NUL character on line 1")
        .hasMessageContaining("UTF-16");
  }

  @Test
  void nulCharacterIsRejectedWithItsLine() {
    assertThatThrownBy(() -> SourceText.decode(utf8("---\ntitle: x\u0000\n")))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("NUL")
        .hasMessageContaining("line 2")
        .hasMessageContaining("UTF-16");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> SourceText.decode(new byte[0]))
        .isInstanceOf(InvalidPostException.class)
        .hasMessage("The file is empty.");
  }

  @Test
  void fileWithOnlyAByteOrderMarkIsEmpty() {
    assertThatThrownBy(() -> SourceText.decode(bytes(0xEF, 0xBB, 0xBF)))
        .isInstanceOf(InvalidPostException.class)
        .hasMessage("The file is empty.");
  }
}
