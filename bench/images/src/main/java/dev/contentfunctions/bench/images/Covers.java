package dev.contentfunctions.bench.images;

import dev.contentfunctions.publishing.images.ImageProcessor;
import dev.contentfunctions.publishing.images.ImageResult;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The sample posts' covers (content/posts/&lt;post&gt;/cover.jpg): calm, photo-like landscapes
 * drawn from fixed seeds (a sky, a glow, layered hills in atmospheric perspective, soft out-of-focus
 * lights, a fine grain against banding), each the largest JPEG quality under 120 KB.
 *
 * <p>{@code bench/images/run covers} rewrites them; the same seeds give the same pixels.
 */
public final class Covers {
  static final int WIDTH = 2000;
  static final int HEIGHT = 1125;
  static final int MAX_BYTES = 120 * 1024;
  private static final ImageProcessor PROCESSOR = new ImageProcessor();

  /** colours as 0xRRGGBB; sky from top to horizon; hills from far to near. */
  record Scene(
      String post,
      long seed,
      int[] sky,
      int glow,
      double glowX,
      double glowY,
      int[] hills,
      int lights,
      int lightColour,
      boolean lake,
      String alt) {}

  static final List<Scene> SCENES =
      List.of(
          new Scene(
              "how-to-rebuild-emotional-connection-after-a-hard-season",
              11,
              new int[] {0x5B6B8C, 0xB7A3B4, 0xF2C6A5, 0xFBE3C4},
              0xFFE7B8,
              0.68,
              0.56,
              new int[] {0xA88C9E, 0x7C6E8A, 0x55506E, 0x3A3850},
              0,
              0,
              false,
              "Soft dawn light over layered blue and mauve hills in the mist"),
          new Scene(
              "listening-without-fixing",
              23,
              new int[] {0xA9C8C0, 0xD4E2D4, 0xF1EEDD, 0xF7F1E3},
              0xFFF6E0,
              0.30,
              0.48,
              new int[] {0xB5C7B0, 0x8FAE97, 0x6B8F7A, 0x4C6E5E},
              7,
              0xFFFFFF,
              false,
              "Soft circles of light over quiet sage-green hills in the mist"),
          new Scene(
              "mindfulness-for-relationships",
              37,
              new int[] {0x8F8DB8, 0xC1B4D4, 0xE8D3DE, 0xF4E6EA},
              0xFFF0F0,
              0.50,
              0.42,
              new int[] {0xB3A6C6, 0x9488B0, 0x776C96},
              0,
              0,
              true,
              "A still lake reflecting misty lavender hills at first light"),
          new Scene(
              "small-rituals-of-connection",
              53,
              new int[] {0xC98B6B, 0xE9B37F, 0xF7D59C, 0xFCE7BE},
              0xFFF1C4,
              0.58,
              0.60,
              new int[] {0xD59A7A, 0xB6735C, 0x8C5445, 0x663A33},
              14,
              0xFFD79A,
              false,
              "Warm golden-hour light and soft glowing lights over terracotta hills"));

  public static void main(String[] args) throws IOException {
    Path posts = Path.of(args.length > 0 ? args[0] : "content/posts");
    for (Scene scene : SCENES) {
      if (!Files.isRegularFile(posts.resolve(scene.post() + ".md"))) {
        throw new IllegalStateException("no post " + scene.post() + ".md in " + posts);
      }
      BufferedImage image = draw(scene);
      byte[] jpeg = null;
      float quality = 0.90f;
      for (; quality > 0.3f; quality -= 0.02f) {
        jpeg = PhotoLike.jpeg(image, quality);
        if (jpeg.length <= MAX_BYTES) {
          break;
        }
      }
      Path out = Files.createDirectories(posts.resolve(scene.post())).resolve("cover.jpg");
      Files.write(out, jpeg);
      // What the publisher will make of it.
      ImageResult result = PROCESSOR.process(jpeg);
      if (!(result instanceof ImageResult.Processed processed)) {
        throw new IllegalStateException(out + " is refused: " + result);
      }
      System.out.printf(
          Locale.ROOT,
          "%s: %d x %d, q%.2f, %,d bytes; variants %s; alt: %s%n",
          posts.relativize(out),
          WIDTH,
          HEIGHT,
          quality,
          jpeg.length,
          processed.variants().stream().map(v -> v.width() + "x" + v.height()).toList(),
          scene.alt());
    }
  }

  static BufferedImage draw(Scene s) {
    Random random = new Random(s.seed());
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    double horizon = s.lake() ? 0.62 : 0.72;

    // Sky, top to horizon.
    float[] stops = new float[s.sky().length];
    Color[] colours = new Color[s.sky().length];
    for (int i = 0; i < stops.length; i++) {
      stops[i] = (float) i / (stops.length - 1);
      colours[i] = new Color(s.sky()[i]);
    }
    g.setPaint(new LinearGradientPaint(0, 0, 0, (float) (HEIGHT * horizon), stops, colours));
    g.fillRect(0, 0, WIDTH, HEIGHT);

    // The glow of a low sun.
    glow(g, s.glowX() * WIDTH, s.glowY() * HEIGHT, HEIGHT * 0.9, s.glow(), 0.85f);
    glow(g, s.glowX() * WIDTH, s.glowY() * HEIGHT, HEIGHT * 0.12, 0xFFFFFF, 0.7f);

    // Out-of-focus lights.
    for (int i = 0; i < s.lights(); i++) {
      double x = (0.1 + 0.8 * random.nextDouble()) * WIDTH;
      double y = (0.12 + 0.45 * random.nextDouble()) * HEIGHT;
      double r = (0.04 + 0.10 * random.nextDouble()) * HEIGHT;
      disc(g, x, y, r, s.lightColour(), 0.10f + 0.18f * random.nextFloat());
    }

    // Hills, far to near, each lower, darker and more detailed.
    int n = s.hills().length;
    for (int i = 0; i < n; i++) {
      double base = HEIGHT * (horizon - 0.16 + 0.09 * i) + (s.lake() ? 0 : 0);
      double amplitude = HEIGHT * (0.07 + 0.03 * i);
      Path2D ridge = ridge(random, base, amplitude, 2 + i, s.lake() ? HEIGHT * horizon : HEIGHT);
      Color near = new Color(s.hills()[i]);
      Color far = mix(near, new Color(s.sky()[s.sky().length - 1]), 0.35);
      g.setPaint(
          new LinearGradientPaint(
              0, (float) (base - amplitude), 0, (float) (s.lake() ? HEIGHT * horizon : HEIGHT),
              new float[] {0, 1}, new Color[] {near, far}));
      g.fill(ridge);
      // Mist in the valley behind the next ridge.
      g.setPaint(
          new LinearGradientPaint(
              0, (float) (base - amplitude * 0.2), 0, (float) (base + amplitude * 0.9),
              new float[] {0, 1},
              new Color[] {new Color(255, 255, 255, 0), new Color(255, 255, 255, 70)}));
      g.fill(ridge);
    }

    if (s.lake()) {
      // The water mirrors what is above the horizon, darker and softer.
      int top = (int) (HEIGHT * horizon);
      for (int y = top; y < HEIGHT; y++) {
        int from = Math.max(0, top - (y - top) - 1);
        for (int x = 0; x < WIDTH; x++) {
          int ripple = (int) Math.round(3 * Math.sin(y * 0.35 + x * 0.004));
          int sx = Math.max(0, Math.min(WIDTH - 1, x + ripple));
          image.setRGB(x, y, mix(new Color(image.getRGB(sx, from)), new Color(0x5C5A80), 0.25).getRGB());
        }
      }
      g.setComposite(AlphaComposite.SrcOver);
      g.setPaint(
          new LinearGradientPaint(
              0, top, 0, top + 6, new float[] {0, 1},
              new Color[] {new Color(255, 255, 255, 90), new Color(255, 255, 255, 0)}));
      g.fillRect(0, top, WIDTH, 6);
    }
    g.dispose();
    grain(image, random, 1.6);
    return image;
  }

  private static Path2D ridge(Random random, double base, double amplitude, int octaves, double bottom) {
    double[] phase = new double[octaves];
    double[] freq = new double[octaves];
    for (int k = 0; k < octaves; k++) {
      phase[k] = random.nextDouble() * Math.PI * 2;
      freq[k] = (1.2 + random.nextDouble()) * Math.pow(2.1, k) * Math.PI / WIDTH;
    }
    Path2D.Double path = new Path2D.Double();
    path.moveTo(0, bottom);
    for (int x = 0; x <= WIDTH; x += 4) {
      double y = 0;
      double a = 1;
      for (int k = 0; k < octaves; k++) {
        y += a * Math.sin(x * freq[k] + phase[k]);
        a *= 0.45;
      }
      path.lineTo(x, base - amplitude * y);
    }
    path.lineTo(WIDTH, bottom);
    path.closePath();
    return path;
  }

  private static void glow(Graphics2D g, double x, double y, double r, int rgb, float alpha) {
    Color c = new Color(rgb);
    g.setPaint(
        new RadialGradientPaint(
            new Point2D.Double(x, y), (float) r, new float[] {0, 0.35f, 1},
            new Color[] {
              new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(255 * alpha)),
              new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(110 * alpha)),
              new Color(c.getRed(), c.getGreen(), c.getBlue(), 0)
            },
            MultipleGradientPaint.CycleMethod.NO_CYCLE));
    g.fillRect((int) (x - r), (int) (y - r), (int) (2 * r) + 1, (int) (2 * r) + 1);
  }

  /** A soft-edged disc, as a light out of focus. */
  private static void disc(Graphics2D g, double x, double y, double r, int rgb, float alpha) {
    Color c = new Color(rgb);
    int a = Math.round(255 * alpha);
    g.setPaint(
        new RadialGradientPaint(
            new Point2D.Double(x, y), (float) r, new float[] {0, 0.8f, 1},
            new Color[] {
              new Color(c.getRed(), c.getGreen(), c.getBlue(), a),
              new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) (a * 0.85)),
              new Color(c.getRed(), c.getGreen(), c.getBlue(), 0)
            },
            MultipleGradientPaint.CycleMethod.NO_CYCLE));
    g.fillRect((int) (x - r), (int) (y - r), (int) (2 * r) + 1, (int) (2 * r) + 1);
  }

  private static Color mix(Color a, Color b, double t) {
    return new Color(
        (int) Math.round(a.getRed() * (1 - t) + b.getRed() * t),
        (int) Math.round(a.getGreen() * (1 - t) + b.getGreen() * t),
        (int) Math.round(a.getBlue() * (1 - t) + b.getBlue() * t));
  }

  private static void grain(BufferedImage image, Random random, double sigma) {
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < px.length; i++) {
      int n = (int) Math.round(random.nextGaussian() * sigma);
      int r = PhotoLikeClamp.c(((px[i] >> 16) & 0xFF) + n);
      int gg = PhotoLikeClamp.c(((px[i] >> 8) & 0xFF) + n);
      int b = PhotoLikeClamp.c((px[i] & 0xFF) + n);
      px[i] = r << 16 | gg << 8 | b;
    }
  }

  private static final class PhotoLikeClamp {
    static int c(int v) {
      return Math.max(0, Math.min(255, v));
    }
  }
}
