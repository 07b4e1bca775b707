package dev.contentfunctions.publishing.images;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.resizers.DefaultResizerFactory;

/**
 * Turns an uploaded image into upright, metadata-free responsive variants and an Open Graph crop,
 * or refuses it with a sentence for the author. Pure Java (ImageIO, TwelveMonkeys, Thumbnailator).
 *
 * <p>Thread-safe; construct once per container.
 */
public final class ImageProcessor {
  /** Files larger are refused before they are read (the S3 layer checks Content-Length against it). */
  public static final long MAX_FILE_BYTES = 25L * 1024 * 1024;

  /** Images declaring more pixels are refused before they are decoded (decompression bombs). */
  public static final long MAX_PIXELS = 50_000_000L;

  /**
   * JPEGs with more scans are refused before they are decoded: each scan is a pass over the whole
   * picture (a 97 KB 12-MP file of 1,010 scans took 62 s). Encoders write 1 (baseline) to about 10
   * (libjpeg's progressive script); 64 bounds a 50-MP picture's decoding to seconds.
   */
  public static final int MAX_JPEG_SCANS = 64;

  /** Widths of the responsive variants; never upscaled (a 700 px wide image gets one variant, 700). */
  public static final List<Integer> WIDTHS = List.of(480, 960, 1600);

  static final int OG_WIDTH = 1200;
  static final int OG_HEIGHT = 630;
  private static final float JPEG_QUALITY = 0.82f;

  /** An opaque PNG, GIF or WebP with more distinct colours in its sample is a photo: JPEG. */
  private static final int PHOTO_COLOURS = 1024;

  public ImageProcessor() {
    // Lambda has no disk worth caching streams on, and the bytes are in memory already.
    ImageIO.setUseCache(false);
    // The registry is filled once per class loader; the function's jars may not be on the one
    // ImageIO saw first.
    ImageIO.scanForPlugins();
  }

  /** The refusal of a file over {@link #MAX_FILE_BYTES}, also when its size is known unread. */
  public static ImageResult.Refused tooLarge(long bytes) {
    return new ImageResult.Refused(
        String.format(
            Locale.ROOT,
            "The file is %.1f MB, over the limit of %d MB: export it smaller (a web page needs"
                + " no more than about 3200 px wide) and upload it again.",
            bytes / (1024.0 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)));
  }

  public ImageResult process(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return new ImageResult.Refused("The file is empty: upload the image again.");
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return tooLarge(bytes.length);
    }
    Optional<ImageFormat> sniffed = ImageFormat.sniff(bytes);
    if (sniffed.isEmpty()) {
      return new ImageResult.Refused(whyNotAnImage(bytes));
    }
    ImageFormat format = sniffed.get();
    try {
      return process(bytes, format);
    } catch (IOException | RuntimeException e) {
      // Decoders report damaged data with any exception type: all are the author's file.
      return damaged(format);
    }
  }

  private ImageResult process(byte[] bytes, ImageFormat format) throws IOException {
    if (format == ImageFormat.JPEG && JpegScans.count(bytes, MAX_JPEG_SCANS) > MAX_JPEG_SCANS) {
      return new ImageResult.Refused(
          "The JPEG is made of more than "
              + MAX_JPEG_SCANS
              + " scans (a camera's or an editor's have at most a dozen), which would take minutes"
              + " to decode: export it again as an ordinary JPEG and upload it.");
    }
    int orientation = format == ImageFormat.JPEG ? Orientation.ofJpeg(bytes) : Orientation.UPRIGHT;
    boolean swap = Orientation.swapsAxes(orientation);
    Decoded decoded = decode(bytes, format, swap);
    if (decoded instanceof Decoded.Failed failed) {
      return failed.refused();
    }
    Decoded.Image image = (Decoded.Image) decoded;
    int width = swap ? image.height() : image.width();
    int height = swap ? image.width() : image.height();

    BufferedImage raster = toSrgb(image.raster());
    boolean transparent = hasTransparency(raster);
    boolean jpeg = !transparent && (format == ImageFormat.JPEG || looksLikeAPhoto(raster));

    List<Variant> variants = new ArrayList<>();
    for (int w : variantWidths(width)) {
      int h = Math.max(1, (int) Math.round((double) height * w / width));
      BufferedImage scaled = resize(raster, swap ? h : w, swap ? w : h, transparent && !jpeg);
      variants.add(encode(upright(scaled, orientation), jpeg));
    }
    Variant openGraph = openGraph(raster, orientation, width, height);

    List<String> warnings = new ArrayList<>();
    if (image.animated()) {
      warnings.add(
          "The GIF is animated: readers see its first frame only, as a still picture"
              + " (for motion, link to a video instead).");
    }
    return new ImageResult.Processed(width, height, format, variants, openGraph, warnings);
  }

  /** What decoding gave: the (possibly subsampled) picture as stored, or a refusal. */
  private sealed interface Decoded {
    record Image(int width, int height, BufferedImage raster, boolean animated)
        implements Decoded {}

    record Failed(ImageResult.Refused refused) implements Decoded {}
  }

  private Decoded decode(byte[] bytes, ImageFormat format, boolean swap) throws IOException {
    if (format == ImageFormat.GIF && bytes.length >= 10) {
      // The logical screen is a GIF's canvas, declared apart from its frames: both must be small.
      int screenW = (bytes[6] & 0xFF) | (bytes[7] & 0xFF) << 8;
      int screenH = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
      if ((long) screenW * screenH > MAX_PIXELS) {
        return new Decoded.Failed(tooManyPixels(screenW, screenH));
      }
    }
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
      // A PNG's text chunks (zTXt, iTXt) are inflated whole by the JDK's reader when metadata is
      // read: a 500 KB file can hold 512 MB of text. Nothing of them is used; the one chunk that
      // is (iCCP) is read here, with a bound.
      reader.setInput(in, false, format == ImageFormat.PNG);
      // The header alone: nothing of the pixels is allocated before the limit is checked.
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if (w <= 0 || h <= 0) {
        return new Decoded.Failed(damaged(format));
      }
      long pixels = (long) w * h;
      if (pixels > MAX_PIXELS) {
        return new Decoded.Failed(tooManyPixels(w, h));
      }
      int step = swap ? subsampling(h, w) : subsampling(w, h);
      var param = reader.getDefaultReadParam();
      param.setSourceSubsampling(step, step, 0, 0);
      List<String> readWarnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> readWarnings.add(warning));
      BufferedImage raster = reader.read(0, param);
      boolean truncated =
          readWarnings.stream()
              .map(m -> m.toLowerCase(Locale.ROOT))
              .anyMatch(m -> m.contains("premature end") || m.contains("truncat"));
      // A raster unlike its header is a file that lies about itself. (A reader that ignores
      // subsampling returns the full size, which the pixel limit already bounds.)
      boolean asDeclared =
          (raster.getWidth() == ceilDiv(w, step) && raster.getHeight() == ceilDiv(h, step))
              || (raster.getWidth() == w && raster.getHeight() == h);
      if (truncated || !asDeclared) {
        return new Decoded.Failed(damaged(format));
      }
      boolean animated = format == ImageFormat.GIF && hasSecondFrame(reader);
      if (format == ImageFormat.PNG) {
        raster = withPngProfile(bytes, raster);
      }
      return new Decoded.Image(w, h, raster, animated);
    } finally {
      reader.dispose();
    }
  }

  /** ICC profiles larger are ignored (real ones are a few KB, a CMYK one about a MB). */
  private static final int MAX_ICC_BYTES = 4 * 1024 * 1024;

  /**
   * The PNG's pixels in the colour space its iCCP chunk declares (Display P3 for a Mac's
   * screenshots, Adobe RGB from photo tools): the JDK's reader ignores the chunk, so the colours
   * would be read as sRGB and come out dull or shifted once the profile is stripped. A profile
   * that cannot be read, or does not fit the pixels, is ignored (sRGB assumed), as browsers do.
   */
  private static BufferedImage withPngProfile(byte[] png, BufferedImage image) {
    if (!(image.getColorModel() instanceof ComponentColorModel model)) {
      return image; // palettes: rare with a profile, and the palette is sRGB to every browser
    }
    try {
      byte[] data = pngIccProfile(png);
      if (data == null) {
        return image;
      }
      ICC_ColorSpace space = new ICC_ColorSpace(ICC_Profile.getInstance(data));
      if (space.isCS_sRGB()
          || space.getNumComponents() != model.getColorSpace().getNumComponents()
          || space.getType() != model.getColorSpace().getType()) {
        return image;
      }
      ComponentColorModel declared =
          new ComponentColorModel(
              space,
              model.getComponentSize(),
              model.hasAlpha(),
              model.isAlphaPremultiplied(),
              model.getTransparency(),
              model.getTransferType());
      return new BufferedImage(declared, image.getRaster(), image.isAlphaPremultiplied(), null);
    } catch (RuntimeException e) {
      return image; // an unreadable profile: the pixels as sRGB
    }
  }

  /** The inflated profile of the PNG's iCCP chunk (before the first IDAT), or null. */
  static byte[] pngIccProfile(byte[] png) {
    int i = 8;
    while (i + 8 <= png.length) {
      long length =
          (png[i] & 0xFFL) << 24 | (png[i + 1] & 0xFF) << 16 | (png[i + 2] & 0xFF) << 8 | (png[i + 3] & 0xFF);
      String type = new String(png, i + 4, 4, StandardCharsets.ISO_8859_1);
      int data = i + 8;
      if (length > png.length - data || type.equals("IDAT")) {
        return null;
      }
      if (type.equals("iCCP")) {
        int end = data + (int) length;
        int nul = data;
        while (nul < end && nul < data + 80 && png[nul] != 0) {
          nul++;
        }
        if (nul + 2 > end || png[nul] != 0 || png[nul + 1] != 0) { // name, NUL, method 0 (deflate)
          return null;
        }
        return inflate(Arrays.copyOfRange(png, nul + 2, end));
      }
      i = data + (int) length + 4; // and the CRC
    }
    return null;
  }

  private static byte[] inflate(byte[] compressed) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_ICC_BYTES) {
          return null;
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  private static boolean hasSecondFrame(ImageReader reader) {
    try {
      reader.getWidth(1);
      return true;
    } catch (IOException | IndexOutOfBoundsException e) {
      return false;
    }
  }

  /** TwelveMonkeys' readers where there are (CMYK/YCCK JPEG, ICC profiles, WebP). */
  private static ImageReader readerFor(ImageFormat format) throws IOException {
    Iterator<ImageReader> readers =
        ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
    ImageReader chosen = null;
    while (readers.hasNext()) {
      ImageReader r = readers.next();
      if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys.")) {
        if (chosen != null) {
          chosen.dispose();
        }
        chosen = r;
      } else {
        r.dispose();
      }
    }
    if (chosen == null) {
      throw new IOException("no ImageIO reader for " + format);
    }
    return chosen;
  }

  /**
   * Decodes every n-th pixel while the raster stays at least twice the largest output on each axis
   * of the upright picture (the 1600 px wide variant, the 630 px high crop), so a 50 MP image needs
   * a quarter of its full raster. {@code width} and {@code height} are of the upright picture.
   */
  static int subsampling(int width, int height) {
    int byWidth = width / (2 * WIDTHS.get(WIDTHS.size() - 1));
    int byHeight = height / (2 * OG_HEIGHT);
    return Math.max(1, Math.min(byWidth, byHeight));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** Widths of WIDTHS below the original's, then the original's own if below the largest. */
  static List<Integer> variantWidths(int width) {
    List<Integer> widths = new ArrayList<>();
    for (int w : WIDTHS) {
      if (w < width) {
        widths.add(w);
      }
    }
    if (width <= WIDTHS.get(WIDTHS.size() - 1)) {
      widths.add(width);
    }
    return widths;
  }

  /**
   * The picture as 8-bit sRGB (or grey) of a type the resizer and the alpha check understand:
   * profiles other than sRGB are converted (they are not carried into the output), palettes and
   * 16-bit samples are expanded.
   */
  private static BufferedImage toSrgb(BufferedImage image) {
    ColorSpace space = image.getColorModel().getColorSpace();
    boolean alpha = image.getColorModel().hasAlpha();
    int type = image.getType();
    boolean plain =
        type == BufferedImage.TYPE_3BYTE_BGR
            || type == BufferedImage.TYPE_INT_RGB
            || type == BufferedImage.TYPE_INT_ARGB
            || type == BufferedImage.TYPE_4BYTE_ABGR
            || type == BufferedImage.TYPE_BYTE_GRAY;
    // Grey is kept as is: converting from the JDK's linear grey would wash it out.
    if (plain && (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY)) {
      return image;
    }
    BufferedImage srgb =
        new BufferedImage(
            image.getWidth(),
            image.getHeight(),
            alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    if (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY) {
      Graphics2D g = srgb.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
    } else {
      new ColorConvertOp(null).filter(image, srgb);
    }
    return srgb;
  }

  private static boolean hasTransparency(BufferedImage image) {
    if (!image.getColorModel().hasAlpha()) {
      return false;
    }
    var alpha = image.getAlphaRaster();
    if (alpha == null) {
      return false;
    }
    int w = image.getWidth();
    int[] row = new int[w];
    int max = 255; // toSrgb left 8-bit alpha only
    for (int y = 0; y < image.getHeight(); y++) {
      alpha.getSamples(0, y, w, 1, 0, row);
      for (int a : row) {
        if (a < max) {
          return true;
        }
      }
    }
    return false;
  }

  /** Photos have colours by the thousand; screenshots, logos and drawings a few hundred. */
  private static boolean looksLikeAPhoto(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    int grid = 64;
    for (int j = 0; j < grid; j++) {
      for (int i = 0; i < grid; i++) {
        int x = (int) ((long) i * image.getWidth() / grid);
        int y = (int) ((long) j * image.getHeight() / grid);
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return colours.size() > PHOTO_COLOURS;
  }

  private static BufferedImage resize(BufferedImage source, int w, int h, boolean alpha) {
    BufferedImage target =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    if (!alpha && source.getColorModel().hasAlpha()) {
      // Transparent pixels go onto white, not black.
      Graphics2D g = target.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.dispose();
      BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
      DefaultResizerFactory.getInstance()
          .getResizer(new Dimension(source.getWidth(), source.getHeight()), new Dimension(w, h))
          .resize(source, scaled);
      g = target.createGraphics();
      g.drawImage(scaled, 0, 0, null);
      g.dispose();
      return target;
    }
    DefaultResizerFactory.getInstance()
        .getResizer(new Dimension(source.getWidth(), source.getHeight()), new Dimension(w, h))
        .resize(source, target);
    return target;
  }

  private static BufferedImage upright(BufferedImage stored, int orientation) {
    if (orientation == Orientation.UPRIGHT) {
      return stored;
    }
    boolean swap = Orientation.swapsAxes(orientation);
    int w = swap ? stored.getHeight() : stored.getWidth();
    int h = swap ? stored.getWidth() : stored.getHeight();
    BufferedImage upright = new BufferedImage(w, h, stored.getType());
    Graphics2D g = upright.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(stored, Orientation.toUpright(orientation, stored.getWidth(), stored.getHeight()), null);
    g.dispose();
    return upright;
  }

  /** The centre crop at 1200:630, from the stored raster, upright and flattened onto white. */
  private static Variant openGraph(BufferedImage raster, int orientation, int width, int height) {
    boolean swap = Orientation.swapsAxes(orientation);
    int rw = swap ? raster.getHeight() : raster.getWidth(); // the raster, upright
    int rh = swap ? raster.getWidth() : raster.getHeight();
    Rectangle crop = centreCrop(rw, rh);
    Rectangle stored;
    try {
      stored =
          Orientation.toUpright(orientation, raster.getWidth(), raster.getHeight())
              .createInverse()
              .createTransformedShape(crop)
              .getBounds();
    } catch (NoninvertibleTransformException e) {
      throw new IllegalStateException(e); // every orientation is a rotation or a mirror
    }
    stored = stored.intersection(new Rectangle(raster.getWidth(), raster.getHeight()));
    int outW = Math.min(OG_WIDTH, centreCrop(width, height).width);
    int outH = Math.max(1, (int) Math.round((double) outW * OG_HEIGHT / OG_WIDTH));
    BufferedImage part = raster.getSubimage(stored.x, stored.y, stored.width, stored.height);
    BufferedImage scaled = resize(part, swap ? outH : outW, swap ? outW : outH, false);
    return encode(upright(scaled, orientation), true);
  }

  private static Rectangle centreCrop(int w, int h) {
    int cw;
    int ch;
    if ((long) w * OG_HEIGHT > (long) h * OG_WIDTH) {
      ch = h;
      cw = Math.max(1, Math.min(w, (int) Math.round((double) h * OG_WIDTH / OG_HEIGHT)));
    } else {
      cw = w;
      ch = Math.max(1, Math.min(h, (int) Math.round((double) w * OG_HEIGHT / OG_WIDTH)));
    }
    return new Rectangle((w - cw) / 2, (h - ch) / 2, cw, ch);
  }

  /** Re-encodes with no metadata at all: no EXIF, no ICC profile, no text chunks. */
  private static Variant encode(BufferedImage image, boolean jpeg) {
    ImageWriter writer =
        ImageIO.getImageWritersByFormatName(jpeg ? "jpeg" : "png").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (jpeg) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory
    } finally {
      writer.dispose();
    }
    return jpeg
        ? new Variant(image.getWidth(), image.getHeight(), "image/jpeg", "jpg", out.toByteArray())
        : new Variant(image.getWidth(), image.getHeight(), "image/png", "png", out.toByteArray());
  }

  private static ImageResult.Refused tooManyPixels(int w, int h) {
    return new ImageResult.Refused(
        String.format(
            Locale.ROOT,
            "The image is %d x %d px (%.0f megapixels), over the limit of %d megapixels:"
                + " export it smaller (3200 px wide is plenty) and upload it again.",
            w,
            h,
            (double) w * h / 1e6,
            MAX_PIXELS / 1_000_000));
  }

  private static ImageResult.Refused damaged(ImageFormat format) {
    String name = format == ImageFormat.WEBP ? "WebP" : format.name();
    return new ImageResult.Refused(
        "The file looks like a "
            + name
            + " but is damaged or incomplete and cannot be read: export it again as JPEG or PNG"
            + " and upload it.");
  }

  private static String whyNotAnImage(byte[] bytes) {
    if (ImageFormat.startsWith(bytes, 4, ImageFormat.ascii("ftyp")) && bytes.length >= 12) {
      String brand = new String(bytes, 8, 4, StandardCharsets.US_ASCII);
      if (brand.startsWith("avi")) {
        return "AVIF images are not accepted: export it as JPEG (or PNG) and upload it again.";
      }
      if (Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1").contains(brand)) {
        return "HEIC photos (an iPhone's default) are not accepted: export it as JPEG (on an"
            + " iPhone: Settings, Camera, Formats, Most Compatible) and upload it again.";
      }
    }
    String head =
        new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT);
    String start = head.replaceFirst("^(\u00ef\u00bb\u00bf)?\\s*", "");
    if ((start.startsWith("<?xml") || start.startsWith("<svg") || start.startsWith("<!doctype svg"))
        && head.contains("<svg")) {
      return "SVG drawings can carry scripts and are not accepted: export it as PNG and upload it"
          + " again.";
    }
    return "The file is not an image (its content is not JPEG, PNG, GIF or WebP, whatever its name"
        + " says): export it as JPEG or PNG and upload it again.";
  }

}
