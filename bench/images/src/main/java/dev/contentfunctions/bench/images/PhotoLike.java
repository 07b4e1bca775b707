package dev.contentfunctions.bench.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A picture that compresses like a camera's photo: smooth gradients and soft shapes (the scene),
 * detail at several scales (texture), and per-pixel noise (the sensor), from a fixed seed.
 */
final class PhotoLike {
  private PhotoLike() {}

  static BufferedImage generate(int w, int h, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    float[][] corners = new float[4][3];
    for (float[] c : corners) {
      for (int k = 0; k < 3; k++) {
        c[k] = 40 + random.nextFloat() * 180;
      }
    }
    int blobs = 12;
    float[][] blob = new float[blobs][6]; // x, y, radius, r, g, b
    for (float[] b : blob) {
      b[0] = random.nextFloat() * w;
      b[1] = random.nextFloat() * h;
      b[2] = (0.05f + random.nextFloat() * 0.25f) * Math.min(w, h);
      for (int k = 3; k < 6; k++) {
        b[k] = (random.nextFloat() - 0.5f) * 140;
      }
    }
    float[] coarse = grid(w, h, 96, random);
    float[] medium = grid(w, h, 12, random);
    int cw = w / 96 + 2;
    int mw = w / 12 + 2;
    for (int y = 0; y < h; y++) {
      float fy = (float) y / h;
      for (int x = 0; x < w; x++) {
        float fx = (float) x / w;
        float texture = 30 * sample(coarse, cw, x / 96f, y / 96f) + 16 * sample(medium, mw, x / 12f, y / 12f);
        float grain = (float) random.nextGaussian() * 6f;
        int rgb = 0;
        for (int k = 0; k < 3; k++) {
          float v =
              (1 - fx) * (1 - fy) * corners[0][k]
                  + fx * (1 - fy) * corners[1][k]
                  + (1 - fx) * fy * corners[2][k]
                  + fx * fy * corners[3][k];
          for (float[] b : blob) {
            float dx = x - b[0];
            float dy = y - b[1];
            float d2 = (dx * dx + dy * dy) / (b[2] * b[2]);
            if (d2 < 4) {
              v += b[3 + k] * (float) Math.exp(-d2 * 2);
            }
          }
          v += texture + grain;
          rgb = rgb << 8 | Math.max(0, Math.min(255, Math.round(v)));
        }
        px[y * w + x] = rgb;
      }
    }
    return image;
  }

  /** Random values on a grid of the given step, one per node, in [-1, 1]. */
  private static float[] grid(int w, int h, int step, Random random) {
    int gw = w / step + 2;
    int gh = h / step + 2;
    float[] g = new float[gw * gh];
    for (int i = 0; i < g.length; i++) {
      g[i] = random.nextFloat() * 2 - 1;
    }
    return g;
  }

  private static float sample(float[] g, int gw, float x, float y) {
    int x0 = (int) x;
    int y0 = (int) y;
    float tx = x - x0;
    float ty = y - y0;
    tx = tx * tx * (3 - 2 * tx);
    ty = ty * ty * (3 - 2 * ty);
    float a = g[y0 * gw + x0];
    float b = g[y0 * gw + x0 + 1];
    float c = g[(y0 + 1) * gw + x0];
    float d = g[(y0 + 1) * gw + x0 + 1];
    return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    return jpeg(image, quality, false);
  }

  static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
