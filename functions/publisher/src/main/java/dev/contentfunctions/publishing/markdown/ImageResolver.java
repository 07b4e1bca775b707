package dev.contentfunctions.publishing.markdown;

import dev.contentfunctions.tables.posts.ImageVariant;
import java.util.List;
import java.util.Map;

/**
 * What each image of a post shows, decided by the publisher once per render from its records of the
 * bucket's images. A source it does not answer for (another site's image, a path of the site) stays
 * as the author wrote it.
 */
public interface ImageResolver {
  /** Every image stays as written. */
  ImageResolver NONE = sources -> Map.of();

  /** @param sources the {@code src} of every image of the body, as sanitised, in order */
  Map<String, Shown> resolve(List<String> sources);

  sealed interface Shown permits Sized, Hidden {}

  /** The image in its variants: {@code src} of the given size, {@code srcset} ascending width. */
  record Sized(String src, int width, int height, List<ImageVariant> srcset) implements Shown {
    public Sized {
      srcset = List.copyOf(srcset);
    }
  }

  /** An image of the bucket that is missing or refused: left out rather than shown broken. */
  record Hidden() implements Shown {}
}
