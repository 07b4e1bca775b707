package dev.contentfunctions.publishing.images;

/**
 * Counts the scans (SOS segments) of a JPEG's own image by walking its marker segments and the
 * entropy-coded data after each SOS, so that a JPEG embedded in a segment (an EXIF thumbnail) is
 * not counted. Each scan is a pass over every block of the picture: a small progressive file
 * that repeats a scan a thousand times keeps a decoder busy for minutes.
 */
final class JpegScans {
  private JpegScans() {}

  /** The number of SOS segments before EOI or the end of the bytes; stops early past {@code max}. */
  static int count(byte[] b, int max) {
    int scans = 0;
    int i = 2; // after SOI
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return scans; // not a marker: damaged, the decoder will say so
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0xD9) { // EOI
        return scans;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
        i += 2;
        continue;
      }
      if (i + 3 >= b.length) {
        return scans;
      }
      int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      if (length < 2) {
        return scans;
      }
      i += 2 + length;
      if (marker == 0xDA) {
        if (++scans > max) {
          return scans;
        }
        // Entropy-coded data: an 0xFF is followed by 0x00 (a stuffed byte) or a restart marker.
        while (i + 1 < b.length) {
          if ((b[i] & 0xFF) == 0xFF) {
            int next = b[i + 1] & 0xFF;
            if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
              break;
            }
            i += next == 0xFF ? 1 : 2;
          } else {
            i++;
          }
        }
      }
    }
    return scans;
  }
}
