package dev.contentfunctions.publishing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small pictures made on the spot, as a camera or an editor would save them. */
final class SampleImages {
  private SampleImages() {}

  /** A JPEG of the given size: a colour field with a lighter band, so it is not flat. */
  static byte[] jpeg(int width, int height, Color colour) {
    return encode(picture(width, height, colour, BufferedImage.TYPE_INT_RGB), "jpg");
  }

  static byte[] png(int width, int height, Color colour) {
    return encode(picture(width, height, colour, BufferedImage.TYPE_INT_ARGB), "png");
  }

  private static BufferedImage picture(int width, int height, Color colour, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.setColor(colour.brighter());
    g.fillRect(0, height / 3, width, height / 3);
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
