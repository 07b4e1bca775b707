package dev.contentfunctions.publishing.images;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Builds the test corpus in memory: pictures, their encodings, and byte-level surgery on JPEG
 * segments, PNG chunks, EXIF (TIFF) blocks and WebP (VP8L) bitstreams. Written from the format
 * specifications, independently of the code under test.
 */
final class TestImages {
  private TestImages() {}

  // ---------------------------------------------------------------- pictures

  /** Red top-left, green top-right, blue bottom-left, white bottom-right quadrants. */
  static BufferedImage quadrants(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, quadrantColour(x < w / 2, y < h / 2));
      }
    }
    return image;
  }

  static int quadrantColour(boolean left, boolean top) {
    if (top) {
      return left ? 0xFF0000 : 0x00FF00;
    }
    return left ? 0x0000FF : 0xFFFFFF;
  }

  /** Gradients plus noise: compresses like a photo and has colours by the thousand. */
  static BufferedImage photo(int w, int h, long seed) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(0xE8B4A0), w, h, new Color(0x4A6D8C)));
    g.fillRect(0, 0, w, h);
    g.dispose();
    Random random = new Random(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        int n = (int) (random.nextGaussian() * 12);
        int r = clamp(((rgb >> 16) & 0xFF) + n);
        int gg = clamp(((rgb >> 8) & 0xFF) + n);
        int b = clamp((rgb & 0xFF) + n);
        image.setRGB(x, y, r << 16 | gg << 8 | b);
      }
    }
    return image;
  }

  static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  // ---------------------------------------------------------------- encodings

  static byte[] jpeg(BufferedImage image, boolean progressive) {
    return write(image, null, "jpeg", progressive);
  }

  /** A JPEG of a raster only (no colour model): 4 bands are written as an Adobe CMYK JPEG. */
  static byte[] jpegOfRaster(Raster raster) {
    return write(null, raster, "jpeg", false);
  }

  static byte[] png(BufferedImage image) {
    return write(image, null, "png", false);
  }

  static byte[] gif(BufferedImage image) {
    return write(image, null, "gif", false);
  }

  private static byte[] write(BufferedImage image, Raster raster, String format, boolean progressive) {
    ImageWriter writer = jdkWriter(format);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format.equals("jpeg")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        if (progressive) {
          param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
      }
      IIOImage iio = image != null ? new IIOImage(image, null, null) : new IIOImage(raster, null, null);
      writer.write(null, iio, param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** Two or more frames, each shown 0.5 s, looping. */
  static byte[] animatedGif(BufferedImage... frames) {
    ImageWriter writer = jdkWriter("gif");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static ImageWriter jdkWriter(String format) {
    var writers = ImageIO.getImageWritersByFormatName(format);
    ImageWriter chosen = null;
    while (writers.hasNext()) {
      ImageWriter w = writers.next();
      if (chosen == null || !w.getClass().getName().startsWith("com.twelvemonkeys.")) {
        chosen = w;
      }
    }
    return chosen;
  }

  static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new AssertionError("no reader decodes the output");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- JPEG segments

  /** One marker segment: FF, marker, big-endian length (including itself), data. */
  static byte[] segment(int marker, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + data.length);
    b.put((byte) 0xFF).put((byte) marker).putShort((short) (data.length + 2)).put(data);
    return b.array();
  }

  /** The JPEG with the segments inserted right after its SOI (where Exif's APP1 belongs). */
  static byte[] afterSoi(byte[] jpeg, byte[]... segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    for (byte[] s : segments) {
      out.writeBytes(s);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  record Segment(int marker, int offset, byte[] data) {}

  /** The marker segments before the first scan (SOS included, without its entropy-coded data). */
  static List<Segment> segments(byte[] jpeg) {
    List<Segment> found = new ArrayList<>();
    if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
      throw new AssertionError("not a JPEG: no SOI");
    }
    int i = 2;
    while (i + 4 <= jpeg.length) {
      if ((jpeg[i] & 0xFF) != 0xFF) {
        throw new AssertionError("not a marker at " + i);
      }
      int marker = jpeg[i + 1] & 0xFF;
      if (marker == 0xFF) {
        i++;
        continue;
      }
      int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
      byte[] data = java.util.Arrays.copyOfRange(jpeg, i + 4, i + 2 + length);
      found.add(new Segment(marker, i, data));
      if (marker == 0xDA) {
        break;
      }
      i += 2 + length;
    }
    return found;
  }

  /**
   * The progressive JPEG with its smallest scan (SOS header and entropy-coded data) repeated
   * before EOI until it has {@code scans} scans. Decoders accept the repeats with a warning.
   */
  static byte[] withScans(byte[] progressive, int scans) {
    // 0xFF 0xDA cannot occur in entropy-coded data, where 0xFF is always followed by 0x00 or a
    // restart marker (the JDK's writer puts no thumbnail or other JPEG in a segment).
    List<Integer> starts = new ArrayList<>();
    for (int i = 2; i + 1 < progressive.length; i++) {
      if ((progressive[i] & 0xFF) == 0xFF && (progressive[i + 1] & 0xFF) == 0xDA) {
        starts.add(i);
      }
    }
    int eoi = progressive.length - 2;
    int best = -1;
    int bestLength = Integer.MAX_VALUE;
    for (int k = 0; k < starts.size(); k++) {
      int end = k + 1 < starts.size() ? nextMarkerAfterScan(progressive, starts.get(k)) : eoi;
      if (end - starts.get(k) < bestLength) {
        best = starts.get(k);
        bestLength = end - best;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(progressive, 0, eoi);
    for (int k = starts.size(); k < scans; k++) {
      out.write(progressive, best, bestLength);
    }
    out.write(progressive, eoi, 2);
    return out.toByteArray();
  }

  private static int nextMarkerAfterScan(byte[] b, int sos) {
    int i = sos + 2 + (((b[sos + 2] & 0xFF) << 8) | (b[sos + 3] & 0xFF));
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) != 0 && ((b[i + 1] & 0xFF) < 0xD0 || (b[i + 1] & 0xFF) > 0xD7)) {
        return i;
      }
      i++;
    }
    return i;
  }

  /** Rewrites the frame size in the JPEG's SOF0/SOF2 header. */
  static byte[] withDeclaredSize(byte[] jpeg, int width, int height) {
    byte[] copy = jpeg.clone();
    for (Segment s : segments(jpeg)) {
      if (s.marker() == 0xC0 || s.marker() == 0xC2) {
        int at = s.offset() + 4 + 1; // precision byte, then height, width
        copy[at] = (byte) (height >> 8);
        copy[at + 1] = (byte) height;
        copy[at + 2] = (byte) (width >> 8);
        copy[at + 3] = (byte) width;
        return copy;
      }
    }
    throw new AssertionError("no SOF");
  }

  static int count(byte[] haystack, byte[] needle) {
    int n = 0;
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      n++;
    }
    return n;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ---------------------------------------------------------------- EXIF (TIFF)

  /** A TIFF directory: entries whose values are inline bytes, a blob, or another directory. */
  static final class Ifd {
    private record Entry(int tag, int type, int count, byte[] value, Ifd child) {}

    private final List<Entry> entries = new ArrayList<>();
    private Ifd next;

    Ifd shortValue(int tag, int value) {
      return add(tag, 3, 1, le(2, value));
    }

    Ifd longValue(int tag, long value) {
      return add(tag, 4, 1, le(4, value));
    }

    Ifd ascii(int tag, String value) {
      byte[] text = (value + "\0").getBytes(StandardCharsets.US_ASCII);
      return add(tag, 2, text.length, text);
    }

    /** Degrees, minutes, seconds as three RATIONALs. */
    Ifd rationals(int tag, long... numeratorsOverOne) {
      ByteBuffer b = ByteBuffer.allocate(8 * numeratorsOverOne.length).order(ByteOrder.LITTLE_ENDIAN);
      for (long n : numeratorsOverOne) {
        b.putInt((int) n).putInt(1);
      }
      return add(tag, 5, numeratorsOverOne.length, b.array());
    }

    Ifd pointer(int tag, Ifd child) {
      entries.add(new Entry(tag, 4, 1, null, child));
      return this;
    }

    Ifd next(Ifd next) {
      this.next = next;
      return this;
    }

    private Ifd add(int tag, int type, int count, byte[] value) {
      entries.add(new Entry(tag, type, count, value, null));
      return this;
    }

    private static byte[] le(int size, long v) {
      byte[] b = new byte[4];
      for (int i = 0; i < size; i++) {
        b[i] = (byte) (v >> (8 * i));
      }
      return size == 4 ? b : java.util.Arrays.copyOf(b, size);
    }
  }

  /**
   * The APP1 "Exif" segment: a little-endian TIFF of the directory tree; if a thumbnail is given
   * it is the JPEG of IFD1 (JPEGInterchangeFormat).
   */
  static byte[] exifApp1(Ifd ifd0, byte[] thumbnail) {
    // Lay out directories depth-first, each followed by its out-of-line values.
    List<Ifd> order = new ArrayList<>();
    collect(ifd0, order);
    java.util.Map<Ifd, Integer> offsets = new java.util.IdentityHashMap<>();
    int at = 8;
    for (Ifd d : order) {
      offsets.put(d, at);
      at += 2 + 12 * d.entries.size() + 4;
      for (Ifd.Entry e : d.entries) {
        if (e.value() != null && e.value().length > 4) {
          at += e.value().length + (e.value().length & 1);
        }
      }
    }
    int thumbAt = at;
    Ifd ifd1 = ifd0.next;
    if (thumbnail != null && ifd1 != null) {
      // Patch the IFD1 offset entry (0x0201) to where the thumbnail lands.
      for (int k = 0; k < ifd1.entries.size(); k++) {
        Ifd.Entry e = ifd1.entries.get(k);
        if (e.tag() == 0x0201) {
          ifd1.entries.set(k, new Ifd.Entry(0x0201, 4, 1, Ifd.le(4, thumbAt), null));
        }
      }
    }
    ByteBuffer b =
        ByteBuffer.allocate(at + (thumbnail == null ? 0 : thumbnail.length)).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    for (Ifd d : order) {
      int start = offsets.get(d);
      b.position(start);
      int data = start + 2 + 12 * d.entries.size() + 4;
      b.putShort((short) d.entries.size());
      List<Ifd.Entry> sorted = new ArrayList<>(d.entries);
      sorted.sort(java.util.Comparator.comparingInt(Ifd.Entry::tag));
      List<byte[]> outOfLine = new ArrayList<>();
      for (Ifd.Entry e : sorted) {
        b.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
        if (e.child() != null) {
          b.putInt(offsets.get(e.child()));
        } else if (e.value().length <= 4) {
          b.put(java.util.Arrays.copyOf(e.value(), 4));
        } else {
          b.putInt(data);
          outOfLine.add(e.value());
          data += e.value().length + (e.value().length & 1);
        }
      }
      b.putInt(d.next == null ? 0 : offsets.get(d.next));
      for (byte[] v : outOfLine) {
        b.put(v);
        if ((v.length & 1) == 1) {
          b.put((byte) 0);
        }
      }
    }
    if (thumbnail != null) {
      b.position(thumbAt);
      b.put(thumbnail);
    }
    ByteArrayOutputStream app1 = new ByteArrayOutputStream();
    app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    app1.writeBytes(b.array());
    return segment(0xE1, app1.toByteArray());
  }

  private static void collect(Ifd d, List<Ifd> order) {
    order.add(d);
    for (Ifd.Entry e : d.entries) {
      if (e.child() != null) {
        collect(e.child(), order);
      }
    }
    if (d.next != null) {
      collect(d.next, order);
    }
  }

  static byte[] exifOrientation(int orientation) {
    return exifApp1(new Ifd().shortValue(0x0112, orientation), null);
  }

  // ---------------------------------------------------------------- PNG chunks

  static byte[] pngChunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    byte[] t = ascii(type);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
    return b.array();
  }

  /**
   * A decompression bomb: a valid header declaring {@code width x height} 8-bit RGB pixels and
   * an IDAT holding the first few rows of zeros (a complete file is ~1 KB; the full raster would be
   * gigabytes).
   */
  static byte[] pngBomb(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    out.writeBytes(pngChunk("IHDR", ihdr.array()));
    byte[] rows = new byte[(1 + 3 * width) * 3]; // filter byte + RGB, three rows
    Deflater deflater = new Deflater(9);
    deflater.setInput(rows);
    deflater.finish();
    byte[] buf = new byte[64 * 1024];
    int n = deflater.deflate(buf);
    deflater.end();
    out.writeBytes(pngChunk("IDAT", java.util.Arrays.copyOf(buf, n)));
    out.writeBytes(pngChunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- WebP (VP8L)

  /** LSB-first bit writer, as VP8L reads its bitstream. */
  private static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long acc;
    private int used;

    Bits put(long value, int n) {
      for (int i = 0; i < n; i++) {
        acc |= ((value >> i) & 1L) << used;
        if (++used == 8) {
          out.write((int) acc);
          acc = 0;
          used = 0;
        }
      }
      return this;
    }

    byte[] bytes() {
      if (used > 0) {
        out.write((int) acc);
      }
      return out.toByteArray();
    }
  }

  /**
   * A lossless WebP (VP8L, no transforms, no colour cache), opaque: the left half red, the right
   * half blue. Every prefix code is a "simple" one (1 or 2 symbols), so a pixel costs two bits: red
   * 0 or 255, blue 0 or 255.
   */
  static byte[] webpLeftRedRightBlue(int w, int h) {
    Bits bits = new Bits();
    bits.put(0x2F, 8).put(w - 1, 14).put(h - 1, 14).put(0, 1).put(0, 3);
    bits.put(0, 1); // no transform
    bits.put(0, 1); // no colour cache
    bits.put(0, 1); // no meta prefix codes
    // green: one symbol, 0 (1-bit symbol)
    bits.put(1, 1).put(0, 1).put(0, 1).put(0, 1);
    // red: two symbols, 0 and 255
    bits.put(1, 1).put(1, 1).put(0, 1).put(0, 1).put(255, 8);
    // blue: two symbols, 0 and 255
    bits.put(1, 1).put(1, 1).put(0, 1).put(0, 1).put(255, 8);
    // alpha: one symbol, 255 (8-bit symbol)
    bits.put(1, 1).put(0, 1).put(1, 1).put(255, 8);
    // distance: one symbol, 0
    bits.put(1, 1).put(0, 1).put(0, 1).put(0, 1);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean left = x < w / 2;
        bits.put(left ? 1 : 0, 1); // red: 255 or 0
        bits.put(left ? 0 : 1, 1); // blue: 0 or 255
      }
    }
    byte[] vp8l = bits.bytes();
    int padded = vp8l.length + (vp8l.length & 1);
    ByteBuffer b = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(12 + padded).put(ascii("WEBP")).put(ascii("VP8L")).putInt(vp8l.length);
    b.put(vp8l);
    return b.array();
  }
}
