package dev.contentfunctions.publishing.markdown;

import dev.contentfunctions.publishing.InvalidPostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns the bytes of an uploaded post into the text the parsers read. */
public final class SourceText {
  private static final char BOM = '\uFEFF';

  private SourceText() {}

  /**
   * Decodes {@code bytes} as strict UTF-8, drops a leading byte order mark and turns CRLF and lone
   * CR line endings into {@code \n}.
   *
   * <p>A NUL character is rejected rather than stripped: in a Markdown file it almost always means
   * the file was saved as UTF-16 or is not a text file at all, and silently dropping it would
   * publish garbage.
   *
   * @throws InvalidPostException if the file is empty, is not valid UTF-8 (the message gives the
   *     line and byte offset of the first bad byte) or contains a NUL character
   */
  public static String decode(byte[] bytes) {
    String text = strictUtf8(bytes);
    if (!text.isEmpty() && text.charAt(0) == BOM) {
      text = text.substring(1);
    }
    if (text.isEmpty()) {
      throw new InvalidPostException("The file is empty.");
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new InvalidPostException(
          "The file contains a NUL character on line "
              + lineOf(text, nul)
              + ". Save it as plain text in UTF-8 (not UTF-16).");
    }
    return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static String strictUtf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never yields more chars than bytes, so the output buffer cannot overflow.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      // The decoder stops right before the offending bytes, so the position is the bad byte's
      // offset.
      int offset = in.position();
      throw new InvalidPostException(
          "The file is not valid UTF-8: the first invalid byte is on line "
              + (countNewlines(bytes, offset) + 1)
              + " (byte "
              + offset
              + "). Save the file with UTF-8 encoding.");
    }
    return out.flip().toString();
  }

  private static int countNewlines(byte[] bytes, int end) {
    int lines = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
      line++;
    }
    return line;
  }
}
