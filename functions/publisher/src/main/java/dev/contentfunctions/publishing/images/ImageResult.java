package dev.contentfunctions.publishing.images;

import java.util.List;

/** What {@link ImageProcessor#process} made of one uploaded file. */
public sealed interface ImageResult permits ImageResult.Processed, ImageResult.Refused {

  /**
   * @param width height: of the upright original (after EXIF orientation)
   * @param format what the bytes are (decided from the bytes, never the name)
   * @param variants ascending width, each at most the original's width, all re-encoded (no
   *     metadata)
   * @param openGraph the 1200 x 630 crop (centre crop; smaller, same 1.91:1 ratio, if the image is
   *     smaller than that: never upscaled), always JPEG
   * @param warnings author-facing sentences, e.g. that an animated GIF is shown as its first frame
   */
  record Processed(
      int width,
      int height,
      ImageFormat format,
      List<Variant> variants,
      Variant openGraph,
      List<String> warnings)
      implements ImageResult {
    public Processed {
      variants = List.copyOf(variants);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * @param reason one author-facing sentence: what is wrong and what to do ("... export it as JPEG
   *     or PNG")
   */
  record Refused(String reason) implements ImageResult {}
}
