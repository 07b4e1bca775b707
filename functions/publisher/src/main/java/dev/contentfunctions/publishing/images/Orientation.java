package dev.contentfunctions.publishing.images;

import java.awt.geom.AffineTransform;

/**
 * The EXIF orientation (1-8) of a JPEG, read from its APP1 segment by hand: the decoders ignore
 * it, and the rest of the EXIF data is never read (it is not carried into any output).
 */
final class Orientation {
  static final int UPRIGHT = 1;

  private Orientation() {}

  /** The orientation the JPEG declares, or {@link #UPRIGHT} if none or unreadable. */
  static int ofJpeg(byte[] b) {
    int i = 2;
    while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) { // start of scan, end of image: no more metadata
        break;
      }
      int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      int data = i + 4;
      if (marker == 0xE1
          && length >= 8
          && ImageFormat.startsWith(b, data, new byte[] {'E', 'x', 'i', 'f', 0, 0})) {
        int value = inTiff(b, data + 6, Math.min(b.length, i + 2 + length));
        if (value >= 1 && value <= 8) {
          return value;
        }
      }
      i += 2 + length;
    }
    return UPRIGHT;
  }

  private static int inTiff(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return UPRIGHT;
    }
    boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
    long ifd = u32(b, tiff + 4, little);
    if (ifd < 8 || tiff + ifd + 2 > end) {
      return UPRIGHT;
    }
    int entries = u16(b, (int) (tiff + ifd), little);
    for (int e = 0; e < entries; e++) {
      int entry = (int) (tiff + ifd + 2 + 12L * e);
      if (entry + 12 > end) {
        break;
      }
      if (u16(b, entry, little) == 0x0112 && u16(b, entry + 2, little) == 3) { // SHORT
        return u16(b, entry + 8, little);
      }
    }
    return UPRIGHT;
  }

  private static int u16(byte[] b, int i, boolean little) {
    int a = b[i] & 0xFF;
    int c = b[i + 1] & 0xFF;
    return little ? (c << 8) | a : (a << 8) | c;
  }

  private static long u32(byte[] b, int i, boolean little) {
    long hi = u16(b, little ? i + 2 : i, little);
    long lo = u16(b, little ? i : i + 2, little);
    return (hi << 16) | lo;
  }

  /** Whether the stored picture is on its side (width and height swap when shown). */
  static boolean swapsAxes(int orientation) {
    return orientation >= 5;
  }

  /** Maps a stored w x h picture's pixels to the upright picture's. */
  static AffineTransform toUpright(int orientation, int w, int h) {
    return switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turned left: turn right to show
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transverse
      case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // turned right: turn left to show
      default -> new AffineTransform();
    };
  }
}
