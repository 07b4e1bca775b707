package dev.contentfunctions.tables.posts;

import java.util.ArrayList;
import java.util.List;

/**
 * The publisher's record of one image in the content bucket (under {@code posts/<post>/} or {@code
 * media/}): what posts that use it show, and the S3 sequencer of the last event applied, so that an
 * older or repeated event never overwrites a newer version. Kept (as removed) after a delete.
 *
 * @param width height: of the upright original; 0 unless {@link State#READY}
 * @param variants ascending width; empty unless ready
 * @param openGraph the 1200 x 630 crop; null unless ready
 * @param reason why the file was refused, for the author; null unless {@link State#REFUSED}
 * @param revision incremented by every write: the optimistic lock, and what a post rendered with
 *     this record checks in its own transaction (see {@link ImageUse})
 */
public record ImageFile(
    String key,
    State state,
    int width,
    int height,
    List<ImageVariant> variants,
    ImageVariant openGraph,
    String reason,
    String sequencer,
    long revision) {

  public enum State {
    READY,
    REFUSED,
    REMOVED
  }

  public ImageFile {
    variants = List.copyOf(variants);
  }

  /** Every object of the media bucket this record points at. */
  public List<String> paths() {
    List<String> paths = new ArrayList<>(variants.stream().map(ImageVariant::path).toList());
    if (openGraph != null) {
      paths.add(openGraph.path());
    }
    return List.copyOf(paths);
  }
}
