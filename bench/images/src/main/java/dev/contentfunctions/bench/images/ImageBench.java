package dev.contentfunctions.bench.images;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.contentfunctions.publishing.images.ImageProcessor;
import dev.contentfunctions.publishing.images.ImageResult;
import dev.contentfunctions.publishing.images.Variant;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.resizers.DefaultResizerFactory;

/**
 * ImageProcessor.process on a 12-MP and a 24-MP photo-like JPEG. Not a test: prints figures.
 *
 * <ul>
 *   <li>wall time of process(), after one warm-up run, min / median / max of N runs;
 *   <li>the steps (decode, each variant's resize + encode, the crop), timed by making the same
 *       library calls as process() does, here (the production code is not instrumented);
 *   <li>peak heap in this JVM: the sum of the heap pools' peak usage (MemoryPoolMXBean, reset after
 *       a System.gc() before each run), an upper bound of the true simultaneous peak;
 *   <li>the smallest -Xmx (in 16 MB steps, SerialGC as Lambda's small functions get) under which a
 *       fresh JVM processes the image once, with that JVM's peak resident set (VmHWM).
 * </ul>
 *
 * <p>Options: {@code --runs N} (default 5), {@code --no-xmx}, {@code --progressive} (the originals
 * progressive JPEGs: the decoder then holds every coefficient of the picture in native memory), {@code --sizes WxH,WxH} (default
 * 4000x3000,6000x4000; e.g. 6390x7820, the largest picture under the 50-MP limit that is decoded
 * at full size, the worst case for memory).
 */
public final class ImageBench {
  private static final float PRODUCTION_QUALITY = 0.82f;

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--child")) {
      child(Path.of(args[1]));
      return;
    }
    int runs = 5;
    boolean xmx = true;
    int[][] sizes = {{4000, 3000}, {6000, 4000}};
    boolean progressive = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--no-xmx" -> xmx = false;
        case "--progressive" -> progressive = true;
        case "--sizes" ->
            sizes =
                Arrays.stream(args[++i].split(","))
                    .map(wh -> Arrays.stream(wh.split("x")).mapToInt(Integer::parseInt).toArray())
                    .toArray(int[][]::new);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "JVM %s, %d CPUs, -Xmx %d MB%n",
        System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    ImageProcessor processor = new ImageProcessor();
    for (int[] size : sizes) {
      long t0 = System.nanoTime();
      byte[] original =
          PhotoLike.jpeg(PhotoLike.generate(size[0], size[1], 13 * size[0]), 0.9f, progressive);
      System.out.printf(
          Locale.ROOT,
          "%n== %d x %d (%.1f MP), %s JPEG q0.90: %,d bytes (generated in %.1f s)%n",
          size[0],
          size[1],
          size[0] * (double) size[1] / 1e6,
          progressive ? "progressive" : "baseline",
          original.length,
          (System.nanoTime() - t0) / 1e9);
      measure(processor, original, runs);
      steps(original, runs);
      if (xmx) {
        Path file = Files.createTempFile("bench-image-", ".jpg");
        try {
          Files.write(file, original);
          smallestHeap(file);
        } finally {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void measure(ImageProcessor processor, byte[] original, int runs) {
    ImageResult warm = processor.process(original);
    if (!(warm instanceof ImageResult.Processed processed)) {
      throw new IllegalStateException("refused: " + warm);
    }
    double[] ms = new double[runs];
    long[] peaks = new long[runs];
    for (int r = 0; r < runs; r++) {
      System.gc();
      resetHeapPeaks();
      long t = System.nanoTime();
      processor.process(original);
      ms[r] = (System.nanoTime() - t) / 1e6;
      peaks[r] = heapPeak();
    }
    long total = 0;
    for (Variant v : processed.variants()) {
      total += v.bytes().length;
      System.out.printf(
          Locale.ROOT, "  variant %4d x %4d %s: %,9d bytes%n", v.width(), v.height(), v.contentType(), v.bytes().length);
    }
    Variant og = processed.openGraph();
    System.out.printf(Locale.ROOT, "  crop    %4d x %4d %s: %,9d bytes%n", og.width(), og.height(), og.contentType(), og.bytes().length);
    total += og.bytes().length;
    System.out.printf(
        Locale.ROOT,
        "  all outputs: %,d bytes = %.1f%% of the original's %,d%n",
        total,
        100.0 * total / original.length,
        original.length);
    System.out.printf(Locale.ROOT, "  process(): %s ms (min / median / max of %d runs, after 1 warm-up)%n", stats(ms), runs);
    double[] mb = Arrays.stream(peaks).mapToDouble(p -> p / 1048576.0).toArray();
    System.out.printf(Locale.ROOT, "  heap peak (sum of heap pools' peaks): %s MB%n", stats(mb));
  }

  /** The steps of process() for an upright sRGB JPEG, made with the same library calls. */
  private static void steps(byte[] original, int runs) throws IOException {
    Map<String, double[]> times = new LinkedHashMap<>();
    for (int r = 0; r <= runs; r++) {
      long t = System.nanoTime();
      BufferedImage raster = decode(original);
      record(times, "decode (TwelveMonkeys JPEG, full size)", r, runs, t);
      int w = raster.getWidth();
      int h = raster.getHeight();
      for (int vw : ImageProcessor.WIDTHS) {
        int vh = (int) Math.round((double) h * vw / w);
        t = System.nanoTime();
        BufferedImage scaled = resize(raster, vw, vh);
        record(times, "resize to " + vw, r, runs, t);
        t = System.nanoTime();
        encode(scaled);
        record(times, "encode " + vw + " (q0.82)", r, runs, t);
      }
      int ch = h;
      int cw = (int) Math.round(h * 1200.0 / 630);
      if (cw > w) {
        cw = w;
        ch = (int) Math.round(w * 630.0 / 1200);
      }
      t = System.nanoTime();
      BufferedImage crop = resize(raster.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch), 1200, 630);
      encode(crop);
      record(times, "crop 1200 x 630 (resize + encode)", r, runs, t);
    }
    System.out.println("  steps (same calls as process(), timed here): min / median / max ms");
    double sum = 0;
    for (var e : times.entrySet()) {
      double[] sorted = e.getValue().clone();
      Arrays.sort(sorted);
      sum += sorted[sorted.length / 2];
      System.out.printf(Locale.ROOT, "    %-40s %s%n", e.getKey(), stats(e.getValue()));
    }
    System.out.printf(Locale.ROOT, "    %-40s %.0f%n", "sum of the medians", sum);
  }

  private static void record(Map<String, double[]> times, String step, int r, int runs, long t) {
    if (r == 0) {
      times.putIfAbsent(step, new double[runs]);
      return; // warm-up
    }
    times.computeIfAbsent(step, k -> new double[runs])[r - 1] = (System.nanoTime() - t) / 1e6;
  }

  private static BufferedImage decode(byte[] bytes) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
    ImageReader chosen = null;
    while (readers.hasNext()) {
      ImageReader r = readers.next();
      if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys.")) {
        chosen = r;
      }
    }
    try (var in = new ByteArrayImageInputStream(bytes)) {
      chosen.setInput(in);
      return chosen.read(0, chosen.getDefaultReadParam());
    } finally {
      chosen.dispose();
    }
  }

  static BufferedImage resize(BufferedImage source, int w, int h) {
    BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    DefaultResizerFactory.getInstance()
        .getResizer(new Dimension(source.getWidth(), source.getHeight()), new Dimension(w, h))
        .resize(source, target);
    return target;
  }

  private static byte[] encode(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(PRODUCTION_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static String stats(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT, "%.0f / %.0f / %.0f", sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
  }

  private static void resetHeapPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Fresh JVMs with -Xmx from 64 MB up in 16 MB steps (bisected): the first that succeeds. */
  private static void smallestHeap(Path file) throws IOException, InterruptedException {
    int lo = 64; // assumed to fail; checked
    int hi = 1024;
    List<String> log = new ArrayList<>();
    Child atLo = run(file, lo);
    if (atLo.ok()) {
      System.out.printf(Locale.ROOT, "  succeeds already with -Xmx%dm (VmHWM %s)%n", lo, atLo.hwm());
      return;
    }
    Child atHi = run(file, hi);
    if (!atHi.ok()) {
      System.out.printf(Locale.ROOT, "  fails even with -Xmx%dm: %s%n", hi, atHi.output());
      return;
    }
    while (hi - lo > 16) {
      int mid = (lo + hi) / 2 / 16 * 16;
      Child c = run(file, mid);
      log.add(mid + (c.ok() ? " ok" : " OOM"));
      if (c.ok()) {
        hi = mid;
        atHi = c;
      } else {
        lo = mid;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "  smallest -Xmx (fresh JVM, -XX:+UseSerialGC, 16 MB steps): %d MB; fails at %d MB; tried %s%n"
            + "  that JVM: %s%n",
        hi,
        lo,
        log,
        atHi.output());
  }

  private record Child(boolean ok, String output, String hwm) {}

  private static Child run(Path file, int xmxMb) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                System.getProperty("bench.java", "java"),
                "-Xmx" + xmxMb + "m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("bench.classpath", System.getProperty("java.class.path")),
                ImageBench.class.getName(),
                "--child",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    int rc = p.waitFor();
    String hwm = out.replaceAll("(?s).*VmHWM=(\\S+ kB).*", "$1");
    return new Child(rc == 0, out, hwm);
  }

  /** One process() in this JVM; exits 0 if the image is processed, 3 on OutOfMemoryError. */
  private static void child(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      long t = System.nanoTime();
      ImageResult result = new ImageProcessor().process(bytes);
      long ms = (System.nanoTime() - t) / 1_000_000;
      if (!(result instanceof ImageResult.Processed)) {
        System.out.println("refused: " + result);
        System.exit(4);
      }
      String hwm =
          Files.readAllLines(Path.of("/proc/self/status")).stream()
              .filter(l -> l.startsWith("VmHWM:"))
              .map(l -> l.substring(6).trim().replaceAll("\\s+", " "))
              .findFirst()
              .orElse("?");
      System.out.printf(
          Locale.ROOT,
          "processed in %d ms (cold, first call), heap committed %d MB, VmHWM=%s%n",
          ms,
          Runtime.getRuntime().totalMemory() >> 20,
          hwm);
    } catch (OutOfMemoryError e) {
      System.out.println("OutOfMemoryError");
      System.exit(3);
    }
  }
}
