package dev.contentfunctions.publishing.images;

import static dev.contentfunctions.publishing.images.TestImages.afterSoi;
import static dev.contentfunctions.publishing.images.TestImages.ascii;
import static dev.contentfunctions.publishing.images.TestImages.count;
import static dev.contentfunctions.publishing.images.TestImages.decode;
import static dev.contentfunctions.publishing.images.TestImages.jpeg;
import static dev.contentfunctions.publishing.images.TestImages.photo;
import static dev.contentfunctions.publishing.images.TestImages.png;
import static dev.contentfunctions.publishing.images.TestImages.quadrants;
import static dev.contentfunctions.publishing.images.TestImages.segment;
import static dev.contentfunctions.publishing.images.TestImages.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.contentfunctions.publishing.images.TestImages.Ifd;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an author sees for hostile and odd uploads: refused with which reason, or which variants
 * (widths, heights, types, pixels). The corpus is generated here from the format specifications
 * ({@link TestImages}); no fixture files.
 */
class ImageProcessorTest {
  private static final ImageProcessor PROCESSOR = new ImageProcessor();

  private static ImageResult.Processed processed(byte[] bytes) {
    ImageResult result = PROCESSOR.process(bytes);
    assertThat(result).isInstanceOf(ImageResult.Processed.class);
    return (ImageResult.Processed) result;
  }

  private static String refused(byte[] bytes) {
    ImageResult result = PROCESSOR.process(bytes);
    assertThat(result).isInstanceOf(ImageResult.Refused.class);
    return ((ImageResult.Refused) result).reason();
  }

  private static List<Integer> widths(ImageResult.Processed p) {
    return p.variants().stream().map(Variant::width).toList();
  }

  private static List<Integer> heights(ImageResult.Processed p) {
    return p.variants().stream().map(Variant::height).toList();
  }

  private static List<String> types(ImageResult.Processed p) {
    return p.variants().stream().map(Variant::contentType).distinct().toList();
  }

  /** Each channel within {@code tolerance} of the expected colour. */
  private static void assertColour(BufferedImage image, int x, int y, int rgb, int tolerance) {
    int actual = image.getRGB(x, y);
    for (int shift : new int[] {16, 8, 0}) {
      int a = (actual >> shift) & 0xFF;
      int e = (rgb >> shift) & 0xFF;
      assertThat(Math.abs(a - e))
          .as("channel %d at (%d,%d): %06x, expected %06x", shift, x, y, actual & 0xFFFFFF, rgb)
          .isLessThanOrEqualTo(tolerance);
    }
  }

  private static void assertQuadrants(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    assertColour(image, w / 4, h / 4, 0xFF0000, 40);
    assertColour(image, 3 * w / 4, h / 4, 0x00FF00, 40);
    assertColour(image, w / 4, 3 * h / 4, 0x0000FF, 40);
    assertColour(image, 3 * w / 4, 3 * h / 4, 0xFFFFFF, 40);
  }

  /** Bytes this thread allocated while processing (HotSpot's per-thread counter). */
  private static long allocatedBy(Runnable work) {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    work.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }

  // ---------------------------------------------------------------- ordinary photos

  @Test
  void aLargePhotoGetsThreeWidthsNeverUpscaledAndTheOpenGraphCrop() {
    ImageResult.Processed p = processed(jpeg(photo(2400, 1600, 1), false));

    assertThat(p.width()).isEqualTo(2400);
    assertThat(p.height()).isEqualTo(1600);
    assertThat(p.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(widths(p)).containsExactly(480, 960, 1600);
    assertThat(heights(p)).containsExactly(320, 640, 1067);
    assertThat(types(p)).containsExactly("image/jpeg");
    assertThat(p.openGraph().width()).isEqualTo(1200);
    assertThat(p.openGraph().height()).isEqualTo(630);
    assertThat(p.openGraph().contentType()).isEqualTo("image/jpeg");
    assertThat(p.warnings()).isEmpty();
    for (Variant v : p.variants()) {
      BufferedImage out = decode(v.bytes());
      assertThat(out.getWidth()).isEqualTo(v.width());
      assertThat(out.getHeight()).isEqualTo(v.height());
    }
  }

  @Test
  void aTinyImageGetsOneVariantAtItsOwnSizeAndASmallerCrop() {
    ImageResult.Processed p = processed(png(quadrants(300, 200)));

    assertThat(widths(p)).containsExactly(300);
    assertThat(heights(p)).containsExactly(200);
    // A few colours, opaque: a drawing, kept lossless.
    assertThat(types(p)).containsExactly("image/png");
    assertQuadrants(decode(p.variants().get(0).bytes()));
    assertThat(p.openGraph().width()).isEqualTo(300);
    assertThat(p.openGraph().height()).isEqualTo(158);
    assertThat(p.openGraph().contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void aPhotoStoredAsPngIsServedAsJpeg() {
    ImageResult.Processed p = processed(png(photo(1000, 700, 2)));

    assertThat(p.format()).isEqualTo(ImageFormat.PNG);
    assertThat(widths(p)).containsExactly(480, 960, 1000);
    assertThat(types(p)).containsExactly("image/jpeg");
  }

  @Test
  void aProgressiveJpegIsProcessed() {
    byte[] progressive = jpeg(quadrants(1200, 800), true);
    assertThat(segments(progressive)).anyMatch(s -> s.marker() == 0xC2);

    ImageResult.Processed p = processed(progressive);

    assertThat(widths(p)).containsExactly(480, 960, 1200);
    assertQuadrants(decode(p.variants().get(1).bytes()));
  }

  // ---------------------------------------------------------------- damaged files

  @Test
  void aTruncatedJpegIsRefusedAsDamaged() {
    byte[] whole = jpeg(photo(800, 600, 3), false);

    assertThat(refused(Arrays.copyOf(whole, whole.length / 2))).contains("damaged or incomplete");
    assertThat(refused(Arrays.copyOf(whole, 200))).contains("damaged or incomplete");
    assertThat(refused(Arrays.copyOf(whole, 3))).contains("damaged or incomplete");
  }

  @Test
  void aTruncatedPngIsRefusedAsDamaged() {
    byte[] whole = png(photo(800, 600, 4));

    assertThat(refused(Arrays.copyOf(whole, whole.length / 2))).contains("PNG", "damaged");
    assertThat(refused(Arrays.copyOf(whole, 40))).contains("PNG", "damaged");
    assertThat(refused(Arrays.copyOf(whole, 8))).contains("PNG", "damaged");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThat(refused(new byte[0])).contains("empty");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() {
    byte[] big = new byte[(int) ImageProcessor.MAX_FILE_BYTES + 1];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;

    assertThat(refused(big)).contains("25.0 MB", "limit of 25 MB");
  }

  // ---------------------------------------------------------------- decompression bombs

  @Test
  void aPngBombIsRefusedByItsHeaderBeforeDecoding() {
    byte[] bomb = TestImages.pngBomb(50_000, 50_000);
    assertThat(bomb.length).isLessThan(2048);

    // 7.5 GB of pixels: any attempt to decode would take far longer, or run out of heap.
    String reason =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(bomb));

    assertThat(reason).contains("50000 x 50000 px", "2500 megapixels", "limit of 50 megapixels");
    // Not a row of pixels is allocated (one row alone would be 150 KB, the raster 7.5 GB).
    assertThat(allocatedBy(() -> PROCESSOR.process(bomb))).isLessThan(1_000_000);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"zTXt", "iTXt"})
  void aPngWithACompressedTextBombIsProcessedWithoutInflatingIt(String chunk) {
    // 256 MB of text in a ~260 KB chunk, before the pixels of a 300 x 200 picture.
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    byte[] buf = new byte[1 << 16];
    for (int k = 0; k < 256; k++) {
      deflater.setInput(zeros);
      while (!deflater.needsInput()) {
        compressed.write(buf, 0, deflater.deflate(buf));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      compressed.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(ascii("Comment\0"));
    data.writeBytes(chunk.equals("zTXt") ? new byte[] {0} : new byte[] {1, 0, 0, 0});
    data.writeBytes(compressed.toByteArray());
    byte[] plain = png(quadrants(300, 200));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(plain, 0, 33); // signature and IHDR
    file.writeBytes(TestImages.pngChunk(chunk, data.toByteArray()));
    file.write(plain, 33, plain.length - 33);
    byte[] bomb = file.toByteArray();
    assertThat(bomb.length).isLessThan(400_000);

    ImageResult[] result = new ImageResult[1];
    long allocated = allocatedBy(() -> result[0] = PROCESSOR.process(bomb));

    assertThat(result[0]).isInstanceOf(ImageResult.Processed.class);
    assertQuadrants(decode(((ImageResult.Processed) result[0]).variants().get(0).bytes()));
    assertThat(allocated).as("bytes allocated").isLessThan(32L << 20);
  }

  @Test
  void aJpegDeclaringTooManyPixelsIsRefusedByItsHeader() {
    byte[] liar = TestImages.withDeclaredSize(jpeg(quadrants(64, 64), false), 60_000, 60_000);

    String reason = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(liar));

    assertThat(reason).contains("60000 x 60000 px", "limit of 50 megapixels");
  }

  @Test
  void aProgressiveJpegOfThousandsOfScansIsRefusedBeforeDecoding() {
    // 12 MP in a ~100 KB file: 1,010 scans took 62 s to decode.
    byte[] bomb = TestImages.withScans(jpeg(new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB), true), 2000);
    assertThat(bomb.length).isLessThan(150_000);

    String reason = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> refused(bomb));

    assertThat(reason).contains("more than 64 scans", "export it again");
  }

  @Test
  void aJpegOfSixtyFourScansIsProcessedAndOneMoreIsRefused() {
    byte[] progressive = jpeg(quadrants(400, 300), true);
    assertThat(JpegScans.count(progressive, 1000)).isEqualTo(10);

    ImageResult.Processed p = processed(TestImages.withScans(progressive, 64));

    assertThat(widths(p)).containsExactly(400);
    assertQuadrants(decode(p.variants().get(0).bytes()));
    assertThat(refused(TestImages.withScans(progressive, 65))).contains("more than 64 scans");
  }

  @Test
  void anExifThumbnailsScanIsNotCountedAsTheImagesOwn() {
    byte[] thumbnail = jpeg(quadrants(160, 120), true); // 10 scans of its own
    Ifd ifd1 =
        new Ifd().shortValue(0x0103, 6).longValue(0x0201, 0).longValue(0x0202, thumbnail.length);
    byte[] withThumb =
        afterSoi(
            TestImages.withScans(jpeg(quadrants(400, 300), true), 60),
            TestImages.exifApp1(new Ifd().shortValue(0x0112, 1).next(ifd1), thumbnail));

    assertThat(JpegScans.count(withThumb, 1000)).isEqualTo(60);
    assertThat(PROCESSOR.process(withThumb)).isInstanceOf(ImageResult.Processed.class);
  }

  @Test
  void aGifWhoseLogicalScreenIsHugeIsRefused() {
    byte[] gif = TestImages.gif(quadrants(16, 16));
    gif[6] = (byte) 0xFF; // logical screen 65535 x 65535, the frame stays 16 x 16
    gif[7] = (byte) 0xFF;
    gif[8] = (byte) 0xFF;
    gif[9] = (byte) 0xFF;

    assertThat(refused(gif)).contains("65535 x 65535 px", "limit of 50 megapixels");
  }

  @Test
  void anImageJustUnderThePixelLimitIsNotRefusedForIt() {
    // 10,000 x 5,000 = 50 MP exactly, a flat PNG (small file): decoded with subsampling.
    BufferedImage flat = new BufferedImage(10_000, 5_000, BufferedImage.TYPE_BYTE_GRAY);
    ImageResult.Processed p = processed(png(flat));

    assertThat(widths(p)).containsExactly(480, 960, 1600);
    assertThat(p.openGraph().width()).isEqualTo(1200);
  }

  // ---------------------------------------------------------------- colour and sample models

  @Test
  void aJpegWithAHugeJunkIccProfileInManySegmentsIsProcessedAsSrgb() {
    byte[] base = jpeg(quadrants(600, 400), false);
    // 255 APP2 chunks of 64,000 bytes: a 16 MB "profile" that is not one.
    byte[][] chunks = new byte[255][];
    for (int k = 0; k < 255; k++) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      data.writeBytes(ascii("ICC_PROFILE\0"));
      data.write(k + 1);
      data.write(255);
      byte[] junk = new byte[64_000];
      Arrays.fill(junk, (byte) (k * 7));
      data.writeBytes(junk);
      chunks[k] = segment(0xE2, data.toByteArray());
    }
    byte[] hostile = afterSoi(base, chunks);
    assertThat(hostile.length).isGreaterThan(16_000_000);

    // TwelveMonkeys ignores a profile it cannot read: the pixels are taken as sRGB.
    ImageResult.Processed p =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> processed(hostile));

    assertThat(widths(p)).containsExactly(480, 600);
    assertQuadrants(decode(p.variants().get(1).bytes()));
    assertThat(count(p.variants().get(1).bytes(), ascii("ICC_PROFILE"))).isZero();
  }

  @Test
  void aJpegWithARealIccProfileSplitOverManySegmentsIsProcessed() {
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    int parts = 64;
    int size = (profile.length + parts - 1) / parts;
    byte[][] chunks = new byte[parts][];
    for (int k = 0; k < parts; k++) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      data.writeBytes(ascii("ICC_PROFILE\0"));
      data.write(k + 1);
      data.write(parts);
      int from = Math.min(profile.length, k * size);
      data.write(profile, from, Math.min(profile.length, from + size) - from);
      chunks[k] = segment(0xE2, data.toByteArray());
    }

    ImageResult.Processed p = processed(afterSoi(jpeg(quadrants(600, 400), false), chunks));

    assertThat(widths(p)).containsExactly(480, 600);
    assertQuadrants(decode(p.variants().get(1).bytes()));
    assertThat(count(p.variants().get(1).bytes(), ascii("ICC_PROFILE"))).isZero();
  }

  @Test
  void aCmykJpegIsDecodedWithPlausibleColours() {
    // Adobe CMYK JPEGs (what Photoshop writes) store the inks inverted: 255 is no ink.
    int w = 400;
    int h = 200;
    WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // left: magenta + yellow = red; right: cyan + magenta = blue
        int[] ink = x < w / 2 ? new int[] {0, 255, 255, 0} : new int[] {255, 255, 0, 0};
        for (int c = 0; c < 4; c++) {
          cmyk.setSample(x, y, c, 255 - ink[c]);
        }
      }
    }
    byte[] bytes = TestImages.jpegOfRaster(cmyk);
    assertThat(segments(bytes)).anyMatch(s -> s.marker() == 0xC0 && s.data()[5] == 4);
    assertThat(segments(bytes)).noneMatch(s -> s.marker() == 0xEE);
    // The JDK stores the four samples as given, with no colour-space marker: add Photoshop's
    // Adobe APP14 (version 100, transform 0: CMYK, not YCCK).
    bytes =
        afterSoi(
            bytes, segment(0xEE, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}));

    ImageResult.Processed p = processed(bytes);

    assertThat(widths(p)).containsExactly(400);
    assertThat(types(p)).containsExactly("image/jpeg");
    BufferedImage out = decode(p.variants().get(0).bytes());
    int left = out.getRGB(w / 4, h / 2);
    int right = out.getRGB(3 * w / 4, h / 2);
    // Printed inks in sRGB are duller than the screen's primaries: dominant channel only.
    assertThat((left >> 16) & 0xFF).as("red of %06x", left & 0xFFFFFF).isGreaterThan(180);
    assertThat(left & 0xFF).as("blue of %06x", left & 0xFFFFFF).isLessThan(110);
    assertThat(right & 0xFF).as("blue of %06x", right & 0xFFFFFF).isGreaterThan(100);
    assertThat((right >> 16) & 0xFF).as("red of %06x", right & 0xFFFFFF).isLessThan(110);
  }

  @Test
  void aSixteenBitPngIsProcessed() {
    int w = 500;
    int h = 300;
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            new int[] {16, 16, 16},
            false,
            false,
            java.awt.Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = TestImages.quadrantColour(x < w / 2, y < h / 2);
        raster.setSample(x, y, 0, ((rgb >> 16) & 0xFF) * 257);
        raster.setSample(x, y, 1, ((rgb >> 8) & 0xFF) * 257);
        raster.setSample(x, y, 2, (rgb & 0xFF) * 257);
      }
    }
    byte[] bytes = png(new BufferedImage(model, raster, false, null));
    assertThat(bytes[24]).as("IHDR bit depth").isEqualTo((byte) 16);

    ImageResult.Processed p = processed(bytes);

    assertThat(widths(p)).containsExactly(480, 500);
    assertQuadrants(decode(p.variants().get(1).bytes()));
  }

  @Test
  void aPalettePngWithTransparencyKeepsItsTransparency() {
    byte[] r = {(byte) 255, 0, 0};
    byte[] g = {0, 0, 0};
    byte[] b = {0, (byte) 255, 0};
    byte[] a = {(byte) 255, (byte) 255, 0}; // index 2 is transparent
    IndexColorModel palette = new IndexColorModel(8, 3, r, g, b, a);
    BufferedImage image = new BufferedImage(600, 300, BufferedImage.TYPE_BYTE_INDEXED, palette);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 600; x++) {
        raster.setSample(x, y, 0, x < 200 ? 0 : x < 400 ? 1 : 2);
      }
    }
    byte[] bytes = png(image);
    assertThat(count(bytes, ascii("tRNS"))).isEqualTo(1);

    ImageResult.Processed p = processed(bytes);

    assertThat(widths(p)).containsExactly(480, 600);
    assertThat(types(p)).containsExactly("image/png");
    BufferedImage out = decode(p.variants().get(1).bytes());
    assertThat(out.getColorModel().hasAlpha()).isTrue();
    assertThat(out.getRGB(100, 150)).isEqualTo(0xFFFF0000);
    assertThat(out.getRGB(300, 150)).isEqualTo(0xFF0000FF);
    assertThat(out.getRGB(500, 150) >>> 24).as("alpha").isZero();
    // The crop is JPEG: transparency goes onto white, not black.
    BufferedImage og = decode(p.openGraph().bytes());
    assertColour(og, og.getWidth() - 5, og.getHeight() / 2, 0xFFFFFF, 8);
  }

  @Test
  void aGreyJpegKeepsItsTones() {
    BufferedImage grey = new BufferedImage(800, 400, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = grey.getRaster();
    for (int y = 0; y < 400; y++) {
      for (int x = 0; x < 800; x++) {
        raster.setSample(x, y, 0, x < 400 ? 60 : 200);
      }
    }

    ImageResult.Processed p = processed(jpeg(grey, false));

    assertThat(widths(p)).containsExactly(480, 800);
    BufferedImage out = decode(p.variants().get(1).bytes());
    // Not washed out by a linear-grey conversion.
    assertColour(out, 200, 200, 0x3C3C3C, 6);
    assertColour(out, 600, 200, 0xC8C8C8, 6);
  }

  @Test
  void aPngWithAnIccProfileIsConvertedToSrgb() {
    BufferedImage grey = new BufferedImage(600, 300, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = grey.createGraphics();
    g.setColor(new Color(128, 128, 128));
    g.fillRect(0, 0, 600, 300);
    g.dispose();
    byte[] plain = png(grey);
    // iCCP right after IHDR (8 + 25 bytes): the samples are linear-light RGB.
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setInput(profile);
    deflater.finish();
    byte[] buf = new byte[profile.length + 1024];
    int n = deflater.deflate(buf);
    deflater.end();
    ByteArrayOutputStream iccp = new ByteArrayOutputStream();
    iccp.writeBytes(ascii("linear\0"));
    iccp.write(0);
    iccp.write(buf, 0, n);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(plain, 0, 33);
    file.writeBytes(TestImages.pngChunk("iCCP", iccp.toByteArray()));
    file.write(plain, 33, plain.length - 33);

    ImageResult.Processed p = processed(file.toByteArray());

    BufferedImage out = decode(p.variants().get(1).bytes());
    // linear 0.5 is sRGB 188
    assertColour(out, 300, 150, 0xBCBCBC, 10);
  }

  @Test
  void aJpegWithAnIccProfileIsConvertedToSrgb() {
    BufferedImage grey = new BufferedImage(600, 300, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = grey.createGraphics();
    g.setColor(new Color(128, 128, 128));
    g.fillRect(0, 0, 600, 300);
    g.dispose();
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    ByteArrayOutputStream app2 = new ByteArrayOutputStream();
    app2.writeBytes(ascii("ICC_PROFILE\0"));
    app2.write(1);
    app2.write(1);
    app2.writeBytes(profile);

    ImageResult.Processed p = processed(afterSoi(jpeg(grey, false), segment(0xE2, app2.toByteArray())));

    // linear 0.5 is sRGB 188
    assertColour(decode(p.variants().get(1).bytes()), 300, 150, 0xBCBCBC, 10);
  }

  @Test
  void aLosslessWebpIsDecoded() {
    byte[] webp = TestImages.webpLeftRedRightBlue(640, 320);
    assertThat(webp.length).isLessThan(60_000);

    ImageResult.Processed p = processed(webp);

    assertThat(p.format()).isEqualTo(ImageFormat.WEBP);
    assertThat(p.width()).isEqualTo(640);
    assertThat(p.height()).isEqualTo(320);
    assertThat(widths(p)).containsExactly(480, 640);
    BufferedImage out = decode(p.variants().get(1).bytes());
    assertColour(out, 160, 160, 0xFF0000, 8);
    assertColour(out, 480, 160, 0x0000FF, 8);
  }

  @Test
  void aWebpDeclaringAHugeCanvasIsRefusedByItsHeader() {
    byte[] small = TestImages.webpLeftRedRightBlue(64, 32);
    // An extended WebP: a VP8X chunk declaring a 20,000 x 20,000 canvas, then the small bitstream.
    java.nio.ByteBuffer vp8x = java.nio.ByteBuffer.allocate(18).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    vp8x.put(ascii("VP8X")).putInt(10).put((byte) 0).put(new byte[3]);
    int side = 20_000 - 1;
    vp8x.put((byte) side).put((byte) (side >> 8)).put((byte) (side >> 16));
    vp8x.put((byte) side).put((byte) (side >> 8)).put((byte) (side >> 16));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("WEBP"));
    body.writeBytes(vp8x.array());
    body.write(small, 12, small.length - 12); // the VP8L chunk
    java.nio.ByteBuffer file =
        java.nio.ByteBuffer.allocate(8 + body.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    file.put(ascii("RIFF")).putInt(body.size()).put(body.toByteArray());
    byte[] bomb = file.array();

    String reason = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(bomb));

    assertThat(reason).contains("20000 x 20000 px", "limit of 50 megapixels");
  }

  // ---------------------------------------------------------------- orientation

  /**
   * The stored picture of an upright one under EXIF orientation n (TIFF 6.0: where the stored 0th
   * row and 0th column are on the upright picture), written without {@link Orientation}.
   */
  private static BufferedImage stored(BufferedImage upright, int n) {
    int w = upright.getWidth();
    int h = upright.getHeight();
    boolean swap = n >= 5;
    BufferedImage s =
        new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < s.getHeight(); y++) {
      for (int x = 0; x < s.getWidth(); x++) {
        int ux;
        int uy;
        switch (n) {
          case 1 -> { ux = x; uy = y; } // row 0 top, column 0 left
          case 2 -> { ux = w - 1 - x; uy = y; } // top, right
          case 3 -> { ux = w - 1 - x; uy = h - 1 - y; } // bottom, right
          case 4 -> { ux = x; uy = h - 1 - y; } // bottom, left
          case 5 -> { ux = y; uy = x; } // left, top
          case 6 -> { ux = w - 1 - y; uy = x; } // right, top
          case 7 -> { ux = w - 1 - y; uy = h - 1 - x; } // right, bottom
          case 8 -> { ux = y; uy = h - 1 - x; } // left, bottom
          default -> throw new IllegalArgumentException();
        }
        s.setRGB(x, y, upright.getRGB(ux, uy));
      }
    }
    return s;
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyExifOrientationComesOutUpright(int n) {
    // Photo-sized so that the large variants are downscaled (and the decoder subsamples).
    BufferedImage upright = quadrants(3600, 1800);
    BufferedImage s = stored(upright, n);
    assertThat(s.getWidth()).isEqualTo(n >= 5 ? 1800 : 3600);
    byte[] bytes = afterSoi(jpeg(s, false), TestImages.exifOrientation(n));

    ImageResult.Processed p = processed(bytes);

    assertThat(p.width()).isEqualTo(3600);
    assertThat(p.height()).isEqualTo(1800);
    assertThat(widths(p)).containsExactly(480, 960, 1600);
    assertThat(heights(p)).containsExactly(240, 480, 800);
    for (Variant v : p.variants()) {
      BufferedImage out = decode(v.bytes());
      assertThat(out.getWidth()).isEqualTo(v.width());
      assertThat(out.getHeight()).isEqualTo(v.height());
      assertQuadrants(out);
    }
    BufferedImage og = decode(p.openGraph().bytes());
    assertThat(og.getWidth()).isEqualTo(1200);
    assertThat(og.getHeight()).isEqualTo(630);
    assertQuadrants(og);
    // The output carries no orientation to apply a second time.
    assertThat(segments(p.variants().get(0).bytes())).noneMatch(seg -> seg.marker() == 0xE1);
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 3, 6, 8})
  void orientationAppliesToSmallPhotosToo(int n) {
    byte[] bytes = afterSoi(jpeg(stored(quadrants(400, 200), n), false), TestImages.exifOrientation(n));

    ImageResult.Processed p = processed(bytes);

    assertThat(widths(p)).containsExactly(400);
    assertThat(heights(p)).containsExactly(200);
    assertQuadrants(decode(p.variants().get(0).bytes()));
    BufferedImage og = decode(p.openGraph().bytes());
    assertThat(og.getWidth()).isEqualTo(381);
    assertThat(og.getHeight()).isEqualTo(200);
    assertQuadrants(og);
  }

  @Test
  void aBigEndianExifOrientationIsApplied() {
    // Motorola byte order ("MM"), as many cameras write it: IFD0 with Orientation = 6.
    byte[] tiff = {
      'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at 8
      0, 1, // one entry
      0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation, SHORT, 1, value 6
      0, 0, 0, 0 // no next IFD
    };
    ByteArrayOutputStream app1 = new ByteArrayOutputStream();
    app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    app1.writeBytes(tiff);
    byte[] bytes =
        afterSoi(jpeg(stored(quadrants(400, 200), 6), false), segment(0xE1, app1.toByteArray()));

    ImageResult.Processed p = processed(bytes);

    assertThat(widths(p)).containsExactly(400);
    assertThat(heights(p)).containsExactly(200);
    assertQuadrants(decode(p.variants().get(0).bytes()));
  }

  @Test
  void aMalformedExifBlockIsIgnoredNotFatal() {
    // IFD0 offset far past the segment, then an entry count past its end.
    byte[] pastTheEnd = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};
    byte[] countTooLarge = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
    byte[] base = jpeg(quadrants(400, 200), false);

    for (byte[] exif : List.of(pastTheEnd, countTooLarge, new byte[] {'E', 'x', 'i', 'f', 0, 0})) {
      ImageResult.Processed p = processed(afterSoi(base, segment(0xE1, exif)));
      assertThat(widths(p)).containsExactly(400);
      assertQuadrants(decode(p.variants().get(0).bytes()));
    }
  }

  // ---------------------------------------------------------------- metadata

  @Test
  void gpsSerialNumberAndThumbnailAreNotCarriedIntoAnyOutput() {
    byte[] thumbnail = jpeg(quadrants(160, 120), false);
    Ifd gps =
        new Ifd()
            .ascii(0x0001, "N")
            .rationals(0x0002, 51, 30, 26)
            .ascii(0x0003, "W")
            .rationals(0x0004, 0, 7, 39);
    Ifd exif = new Ifd().ascii(0xA431, "SERIAL4242CAMERA").ascii(0xA435, "LENSSERIAL77");
    Ifd ifd1 =
        new Ifd().shortValue(0x0103, 6).longValue(0x0201, 0).longValue(0x0202, thumbnail.length);
    Ifd ifd0 =
        new Ifd()
            .ascii(0x010F, "SnoopCam")
            .ascii(0x0110, "Model X")
            .shortValue(0x0112, 1)
            .pointer(0x8769, exif)
            .pointer(0x8825, gps)
            .next(ifd1);
    byte[] app1 = TestImages.exifApp1(ifd0, thumbnail);
    byte[] xmp =
        segment(
            0xE1,
            ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>51,30.4N"
                    + "</exif:GPSLatitude></x:xmpmeta>")
                .getBytes(StandardCharsets.US_ASCII));
    byte[] comment = segment(0xFE, ascii("SnoopCam comment"));
    byte[] original = afterSoi(jpeg(photo(2000, 1500, 5), false), app1, xmp, comment);
    assertThat(count(original, ascii("SERIAL4242CAMERA"))).isEqualTo(1);
    assertThat(count(original, new byte[] {(byte) 0xFF, (byte) 0xD8})).isEqualTo(2);

    ImageResult.Processed p = processed(original);

    assertThat(widths(p)).containsExactly(480, 960, 1600);
    List<Variant> outputs = new java.util.ArrayList<>(p.variants());
    outputs.add(p.openGraph());
    for (Variant v : outputs) {
      byte[] out = v.bytes();
      assertThat(segments(out))
          .as("segments of the %d px output", v.width())
          .noneMatch(s -> s.marker() == 0xE1 || s.marker() == 0xFE || s.marker() == 0xE2);
      for (String leak : List.of("Exif", "SERIAL4242", "LENSSERIAL", "SnoopCam", "GPSLatitude", "xmpmeta")) {
        assertThat(count(out, ascii(leak))).as("%s in the %d px output", leak, v.width()).isZero();
      }
      // One SOI: no embedded thumbnail (markers cannot occur in entropy-coded data).
      assertThat(count(out, new byte[] {(byte) 0xFF, (byte) 0xD8})).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------- not images

  @Test
  void htmlNamedJpgIsRefusedAsNotAnImage() {
    byte[] html =
        "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(refused(html)).contains("not an image", "whatever its name says");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        "\uFEFF  \n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\"><svg><script>alert(1)</script></svg>",
      })
  void svgIsRefusedBecauseItCanCarryScript(String svg) {
    assertThat(refused(svg.getBytes(StandardCharsets.UTF_8))).contains("SVG", "scripts", "PNG");
  }

  @Test
  void heicAndAvifAreRefusedWithAdvice() {
    byte[] heic = new byte[64];
    System.arraycopy(ascii("\0\0\0\u0018ftypheic"), 0, heic, 0, 12);
    byte[] avif = new byte[64];
    System.arraycopy(ascii("\0\0\0\u001Cftypavif"), 0, avif, 0, 12);

    assertThat(refused(heic)).contains("HEIC", "Most Compatible");
    assertThat(refused(avif)).contains("AVIF", "export it as JPEG");
  }

  @Test
  void aGifJavascriptPolyglotHeaderIsRefused() {
    // GIF89a=... : a browser told it is script runs it; its "logical screen" is 12605 x 24891.
    byte[] polyglot = ascii("GIF89a=1;alert(document.domain)//");

    String reason = refused(polyglot);

    assertThat(reason).containsAnyOf("megapixels", "damaged");
  }

  @Test
  void aValidGifCarryingScriptIsReEncodedWithoutIt() {
    byte[] gif = TestImages.gif(quadrants(200, 100));
    // A comment extension before the trailer, and script after it.
    byte[] script = ascii("*/=1;alert(document.cookie)//");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(gif, 0, gif.length - 1);
    out.write(0x21);
    out.write(0xFE);
    out.write(script.length);
    out.writeBytes(script);
    out.write(0);
    out.write(0x3B);
    out.writeBytes(ascii(";alert(1)//"));
    byte[] polyglot = out.toByteArray();

    ImageResult.Processed p = processed(polyglot);

    assertThat(widths(p)).containsExactly(200);
    assertQuadrants(decode(p.variants().get(0).bytes()));
    for (Variant v : p.variants()) {
      assertThat(count(v.bytes(), ascii("alert"))).isZero();
    }
    assertThat(count(p.openGraph().bytes(), ascii("alert"))).isZero();
  }

  // ---------------------------------------------------------------- animation

  @Test
  void anAnimatedGifBecomesItsFirstFrameAndSaysSo() {
    BufferedImage first = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
    BufferedImage second = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = first.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 640, 360);
    g.dispose();
    g = second.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(0, 0, 640, 360);
    g.dispose();

    ImageResult.Processed p = processed(TestImages.animatedGif(first, second));

    assertThat(p.format()).isEqualTo(ImageFormat.GIF);
    assertThat(widths(p)).containsExactly(480, 640);
    assertThat(p.warnings()).singleElement().asString().contains("animated", "first frame");
    assertColour(decode(p.variants().get(1).bytes()), 320, 180, 0xFF0000, 4);
  }

  @Test
  void aStillGifHasNoAnimationWarning() {
    ImageResult.Processed p = processed(TestImages.gif(quadrants(300, 150)));

    assertThat(p.warnings()).isEmpty();
    assertQuadrants(decode(p.variants().get(0).bytes()));
  }
}
