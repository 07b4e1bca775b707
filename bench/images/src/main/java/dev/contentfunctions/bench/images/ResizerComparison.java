package dev.contentfunctions.bench.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.imgscalr.Scalr;

/**
 * Thumbnailator against imgscalr (and a one-step Java2D bicubic, the naive baseline): the quality
 * of a downscale against a reference, and the time.
 *
 * <p>The reference is a separable Lanczos-3 filter scaled to the reduction (so it low-passes before
 * it samples), computed in double precision: the classic high-quality downscale. Quality is PSNR
 * over R, G and B, and SSIM over luma (8 x 8 windows, stride 4, the usual constants), of each
 * method's 8-bit output against the reference. Three 6000 x 4000 sources: a zone plate (concentric
 * rings up to the source's Nyquist frequency: shows aliasing, moiré), sharp black and white bars
 * of 1 to 12 px (ringing, blur) and the photo-like picture of the benchmark.
 */
public final class ResizerComparison {
  private static final int W = 6000;
  private static final int H = 4000;

  public static void main(String[] args) {
    Map<String, BiFunction<BufferedImage, int[], BufferedImage>> methods = new LinkedHashMap<>();
    methods.put("Thumbnailator (production)", (s, d) -> ImageBench.resize(s, d[0], d[1]));
    methods.put(
        "imgscalr ULTRA_QUALITY",
        (s, d) -> Scalr.resize(s, Scalr.Method.ULTRA_QUALITY, Scalr.Mode.FIT_EXACT, d[0], d[1]));
    methods.put(
        "imgscalr QUALITY",
        (s, d) -> Scalr.resize(s, Scalr.Method.QUALITY, Scalr.Mode.FIT_EXACT, d[0], d[1]));
    methods.put(
        "imgscalr BALANCED",
        (s, d) -> Scalr.resize(s, Scalr.Method.BALANCED, Scalr.Mode.FIT_EXACT, d[0], d[1]));
    methods.put("Java2D bicubic, one step", ResizerComparison::java2d);

    Map<String, BufferedImage> sources = new LinkedHashMap<>();
    sources.put("zone plate", zonePlate());
    sources.put("bars 1-12 px", bars());
    sources.put("photo-like", PhotoLike.generate(W, H, 78_000));

    int[][] targets = {{1600, 1067}, {480, 320}};
    System.out.printf(Locale.ROOT, "Sources %d x %d; reference: Lanczos-3, double precision%n", W, H);
    for (int[] t : targets) {
      System.out.printf(Locale.ROOT, "%n== to %d x %d: PSNR dB / SSIM against the reference%n", t[0], t[1]);
      System.out.printf(Locale.ROOT, "%-28s", "");
      for (String s : sources.keySet()) {
        System.out.printf(Locale.ROOT, " %20s", s);
      }
      System.out.println();
      Map<String, BufferedImage> references = new LinkedHashMap<>();
      sources.forEach((name, src) -> references.put(name, lanczos(src, t[0], t[1])));
      for (var m : methods.entrySet()) {
        System.out.printf(Locale.ROOT, "%-28s", m.getKey());
        for (var s : sources.entrySet()) {
          BufferedImage out = m.getValue().apply(s.getValue(), t);
          BufferedImage ref = references.get(s.getKey());
          System.out.printf(Locale.ROOT, " %12.2f / %.4f", psnr(out, ref), ssim(out, ref));
        }
        System.out.println();
      }
    }

    System.out.printf(Locale.ROOT, "%n== time, photo-like %d x %d INT_RGB: min / median of 7 (after 2 warm-ups), ms%n", W, H);
    BufferedImage photo = sources.get("photo-like");
    for (var m : methods.entrySet()) {
      System.out.printf(Locale.ROOT, "%-28s", m.getKey());
      for (int[] t : targets) {
        double[] ms = new double[7];
        for (int r = -2; r < ms.length; r++) {
          long t0 = System.nanoTime();
          m.getValue().apply(photo, t);
          if (r >= 0) {
            ms[r] = (System.nanoTime() - t0) / 1e6;
          }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "   to %4d: %5.0f / %5.0f", t[0], ms[0], ms[ms.length / 2]);
      }
      System.out.println();
    }
  }

  private static BufferedImage java2d(BufferedImage s, int[] d) {
    BufferedImage out = new BufferedImage(d[0], d[1], BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(s, 0, 0, d[0], d[1], null);
    g.dispose();
    return out;
  }

  /** cos(k r^2) rings whose frequency reaches 0.5 cycles/px (Nyquist) at the far corner. */
  static BufferedImage zonePlate() {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    double rmax = Math.hypot(W / 2.0, H / 2.0);
    double k = Math.PI / (2 * rmax); // phase k r^2: frequency k r / pi = 0.5 at rmax
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double dx = x + 0.5 - W / 2.0;
        double dy = y + 0.5 - H / 2.0;
        int v = (int) Math.round(127.5 + 127.5 * Math.cos(k * (dx * dx + dy * dy)));
        px[y * W + x] = v << 16 | v << 8 | v;
      }
    }
    return image;
  }

  /** Vertical and horizontal black and white bars, 1 to 12 px wide, in bands. */
  static BufferedImage bars() {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean vertical = y < H / 2;
        int band = (vertical ? x : y) * 12 / (vertical ? W : H / 2 * 2);
        int width = 1 + band;
        int along = vertical ? x : y;
        int v = (along / width) % 2 == 0 ? 255 : 0;
        px[y * W + x] = v << 16 | v << 8 | v;
      }
    }
    return image;
  }

  // ---------------------------------------------------------------- reference

  static BufferedImage lanczos(BufferedImage src, int w, int h) {
    int sw = src.getWidth();
    int sh = src.getHeight();
    double[][] channels = new double[3][];
    for (int c = 0; c < 3; c++) {
      double[] plane = new double[sw * sh];
      int shift = 16 - 8 * c;
      for (int y = 0; y < sh; y++) {
        for (int x = 0; x < sw; x++) {
          plane[y * sw + x] = (src.getRGB(x, y) >> shift) & 0xFF;
        }
      }
      double[] across = pass(plane, sw, sh, w, true);
      channels[c] = pass(across, w, sh, h, false);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(channels[c][y * w + x])));
        }
        out.setRGB(x, y, rgb);
      }
    }
    return out;
  }

  /** One separable pass along x (rows) or y (columns): from n to m samples. */
  private static double[] pass(double[] in, int width, int height, int m, boolean alongX) {
    int n = alongX ? width : height;
    int lines = alongX ? height : width;
    double scale = (double) n / m;
    double support = 3 * Math.max(1, scale);
    double[] out = alongX ? new double[m * height] : new double[width * m];
    for (int j = 0; j < m; j++) {
      double centre = (j + 0.5) * scale;
      int from = (int) Math.floor(centre - support);
      int to = (int) Math.ceil(centre + support);
      double[] weights = new double[to - from + 1];
      double sum = 0;
      for (int i = from; i <= to; i++) {
        double wgt = kernel((i + 0.5 - centre) / Math.max(1, scale));
        weights[i - from] = wgt;
        sum += wgt;
      }
      for (int line = 0; line < lines; line++) {
        double acc = 0;
        for (int i = from; i <= to; i++) {
          int k = Math.max(0, Math.min(n - 1, i));
          acc += weights[i - from] * (alongX ? in[line * width + k] : in[k * width + line]);
        }
        if (alongX) {
          out[line * m + j] = acc / sum;
        } else {
          out[j * width + line] = acc / sum;
        }
      }
    }
    return out;
  }

  private static double kernel(double x) {
    if (x == 0) {
      return 1;
    }
    if (Math.abs(x) >= 3) {
      return 0;
    }
    double px = Math.PI * x;
    return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
  }

  // ---------------------------------------------------------------- metrics

  static double psnr(BufferedImage a, BufferedImage b) {
    double se = 0;
    long n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift : new int[] {16, 8, 0}) {
          double d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
          se += d * d;
          n++;
        }
      }
    }
    double mse = se / n;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
  }

  static double ssim(BufferedImage a, BufferedImage b) {
    int w = a.getWidth();
    int h = a.getHeight();
    double[] ya = luma(a);
    double[] yb = luma(b);
    double c1 = Math.pow(0.01 * 255, 2);
    double c2 = Math.pow(0.03 * 255, 2);
    double total = 0;
    int windows = 0;
    for (int y0 = 0; y0 + 8 <= h; y0 += 4) {
      for (int x0 = 0; x0 + 8 <= w; x0 += 4) {
        double ma = 0;
        double mb = 0;
        for (int y = y0; y < y0 + 8; y++) {
          for (int x = x0; x < x0 + 8; x++) {
            ma += ya[y * w + x];
            mb += yb[y * w + x];
          }
        }
        ma /= 64;
        mb /= 64;
        double va = 0;
        double vb = 0;
        double cov = 0;
        for (int y = y0; y < y0 + 8; y++) {
          for (int x = x0; x < x0 + 8; x++) {
            double da = ya[y * w + x] - ma;
            double db = yb[y * w + x] - mb;
            va += da * da;
            vb += db * db;
            cov += da * db;
          }
        }
        va /= 63;
        vb /= 63;
        cov /= 63;
        total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        windows++;
      }
    }
    return total / windows;
  }

  private static double[] luma(BufferedImage image) {
    int w = image.getWidth();
    double[] y = new double[w * image.getHeight()];
    for (int j = 0; j < image.getHeight(); j++) {
      for (int i = 0; i < w; i++) {
        int p = image.getRGB(i, j);
        y[j * w + i] = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
      }
    }
    return y;
  }
}
