package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.Backoff;
import dev.contentfunctions.publishing.images.ImageProcessor;
import dev.contentfunctions.publishing.images.ImageResult;
import dev.contentfunctions.publishing.images.Variant;
import dev.contentfunctions.tables.posts.ConcurrentChangeException;
import dev.contentfunctions.tables.posts.ImageFile;
import dev.contentfunctions.tables.posts.ImageReference;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.PublicationRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one change of an image file of the content bucket: a new or replaced image is processed
 * into variants in the media bucket, a deleted one recorded as removed; then every live post that
 * uses it is rendered again, so that the order of uploads does not matter. Knows nothing of Lambda.
 *
 * <p>As for posts, events arrive at least once and out of order: the image's record holds the
 * sequencer of the last event applied, an older event changes nothing, and the very last one seen
 * again finishes what its first invocation may not have (the posts and the report).
 */
public final class ImagePublisher {
  /** How long a removed image's record is kept, so that a late, older event is still recognised. */
  static final Duration TOMBSTONE_TTL = Duration.ofDays(30);

  /** Part of the variants' content hash, so that a change in processing gives new addresses. */
  private static final String PROCESSING_VERSION = "1";

  private static final int MAX_ATTEMPTS = 8;

  private final PostFiles files;
  private final MediaStore media;
  private final ImageProcessor processor;
  private final PublicationRepository repository;
  private final PublishingService posts;
  private final Clock clock;
  private final AuthorNotices notices;

  public ImagePublisher(
      PostFiles files,
      MediaStore media,
      ImageProcessor processor,
      PublicationRepository repository,
      PublishingService posts,
      Clock clock) {
    this(files, media, processor, repository, posts, clock, AuthorNotices.NONE);
  }

  /** @param notices told once of each refused upload (not of a refusal seen again) */
  public ImagePublisher(
      PostFiles files,
      MediaStore media,
      ImageProcessor processor,
      PublicationRepository repository,
      PublishingService posts,
      Clock clock,
      AuthorNotices notices) {
    this.notices = notices;
    this.files = files;
    this.media = media;
    this.processor = processor;
    this.repository = repository;
    this.posts = posts;
    this.clock = clock;
  }

  /**
   * What became of one change.
   *
   * @param rendered the Markdown files of the posts published again with the image as it is now
   */
  public record Outcome(Kind kind, String reason, List<String> rendered) {
    public enum Kind {
      READY,
      REFUSED,
      REMOVED,
      /** Older than, or the same as, what was already applied; or the file is gone. */
      SKIPPED
    }

    public Outcome {
      rendered = List.copyOf(rendered);
    }
  }

  public Outcome apply(ObjectChange change) {
    Upload upload = new Upload(change);
    for (int attempt = 1; ; attempt++) {
      try {
        return applyOnce(change, upload);
      } catch (ConcurrentChangeException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
        Backoff.pause(attempt);
      }
    }
  }

  private Outcome applyOnce(ObjectChange change, Upload upload) {
    Optional<ImageFile> previous = repository.findImage(change.key());
    String applied = previous.map(ImageFile::sequencer).orElse(null);
    if (PublishingService.isStale(change.sequencer(), applied)) {
      List<String> rendered = List.of();
      if (change.sequencer().equals(applied)) {
        rendered = finish(change, previous.get(), List.of()).rendered();
      }
      return new Outcome(Outcome.Kind.SKIPPED, "an event as new or newer was already applied", rendered);
    }
    long revision = previous.map(ImageFile::revision).orElse(0L) + 1;
    ImageFile next;
    Instant expiresAt = null;
    List<String> warnings = List.of();
    if (change.removed()) {
      next = unshown(change, ImageFile.State.REMOVED, null, revision);
      expiresAt = clock.instant().plus(TOMBSTONE_TTL);
    } else {
      Optional<ImageResult> result = upload.result();
      if (result.isEmpty()) {
        return new Outcome(Outcome.Kind.SKIPPED, "the file or version no longer exists", List.of());
      }
      if (result.get() instanceof ImageResult.Processed processed) {
        next = store(change, upload.hash(), processed, revision);
        warnings = processed.warnings();
      } else {
        String reason = ((ImageResult.Refused) result.get()).reason();
        next = unshown(change, ImageFile.State.REFUSED, reason, revision);
      }
    }
    repository.saveImage(next, previous, expiresAt);
    Finished finished = finish(change, next, warnings);
    List<String> rendered = finished.rendered();
    if (next.state() == ImageFile.State.REFUSED) {
      // Once, for this upload: the posts rendered again without it send nothing of their own, and
      // this event seen again (a retry) finishes the report but sends nothing.
      notices.send(AuthorNotice.imageRefused(change.key(), change.versionId(), next.reason(), finished.usedBy()));
    }
    previous.ifPresent(
        before -> {
          Set<String> retired = new LinkedHashSet<>(keys(before));
          retired.removeAll(keys(next));
          media.retire(retired);
        });
    Outcome.Kind kind =
        switch (next.state()) {
          case READY -> Outcome.Kind.READY;
          case REFUSED -> Outcome.Kind.REFUSED;
          case REMOVED -> Outcome.Kind.REMOVED;
        };
    return new Outcome(kind, next.reason(), rendered);
  }

  /** The posts rendered again with the image, and every post using it. */
  private record Finished(List<String> rendered, List<String> usedBy) {}

  /** Every post using the image rendered again, then the report: safe to repeat. */
  private Finished finish(ObjectChange change, ImageFile image, List<String> warnings) {
    List<String> rendered = new ArrayList<>();
    List<String> usedBy = new ArrayList<>();
    for (ImageReference reference : repository.imageReferences(image.key())) {
      usedBy.add(reference.sourceKey());
      if (posts.rerender(change.bucket(), reference).kind() != PublishingService.Outcome.Kind.SKIPPED) {
        rendered.add(reference.sourceKey());
      }
    }
    files.writeReport(change.bucket(), report(change, image, usedBy, warnings));
    return new Finished(rendered, usedBy);
  }

  private ImageReport report(
      ObjectChange change, ImageFile image, List<String> usedBy, List<String> warnings) {
    String used =
        switch (usedBy.size()) {
          case 0 -> "No published post uses it yet.";
          case 1 -> "Shown in 1 post.";
          default -> "Shown in " + usedBy.size() + " posts.";
        };
    int sizes = image.variants().size();
    String message =
        switch (image.state()) {
          case READY ->
              "Ready: " + image.width() + " x " + image.height() + " px, in " + sizes
                  + (sizes == 1 ? " size. " : " sizes. ") + used;
          case REFUSED ->
              "Refused: " + image.reason() + " Posts that use it leave it out until then.";
          case REMOVED -> "Removed: posts that used it now leave it out.";
        };
    ImageReport.Status status = ImageReport.Status.valueOf(image.state().name());
    return new ImageReport(
        change.key(),
        change.versionId(),
        status,
        message,
        image.width(),
        image.height(),
        image.variants(),
        usedBy,
        warnings,
        clock.instant());
  }

  /** Writes the variants and the crop to the media bucket, and the record that points at them. */
  private ImageFile store(ObjectChange change, String hash, ImageResult.Processed processed, long revision) {
    String folder = ImagePaths.MEDIA + hash + "/" + stem(change.key());
    List<ImageVariant> variants = new ArrayList<>();
    for (Variant variant : processed.variants()) {
      String key = folder + "-" + variant.width() + "." + variant.extension();
      media.put(key, variant);
      variants.add(new ImageVariant("/" + key, variant.width(), variant.height()));
    }
    Variant crop = processed.openGraph();
    String cropKey = folder + "-og." + crop.extension();
    media.put(cropKey, crop);
    return new ImageFile(
        change.key(),
        ImageFile.State.READY,
        processed.width(),
        processed.height(),
        variants,
        new ImageVariant("/" + cropKey, crop.width(), crop.height()),
        null,
        change.sequencer(),
        revision);
  }

  /** A record of a file readers are not shown: refused or removed. */
  private static ImageFile unshown(ObjectChange change, ImageFile.State state, String reason, long revision) {
    return new ImageFile(change.key(), state, 0, 0, List.of(), null, reason, change.sequencer(), revision);
  }

  private static List<String> keys(ImageFile image) {
    return image.paths().stream().map(path -> path.substring(1)).toList();
  }

  /** The file name without its extension, in the characters an address keeps as they are. */
  static String stem(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String stem = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    stem = stem.replaceAll("^-+|-+$", "");
    return stem.isEmpty() ? "image" : stem;
  }

  /**
   * The uploaded file, read and processed at most once however often the record's write loses a
   * race: processing a 24-megapixel photo takes a second.
   */
  private final class Upload {
    private final ObjectChange change;
    private Optional<ImageResult> result;
    private String hash;

    Upload(ObjectChange change) {
      this.change = change;
    }

    /** Empty when the file or version no longer exists. */
    Optional<ImageResult> result() {
      if (result == null) {
        result = read();
      }
      return result;
    }

    String hash() {
      return hash;
    }

    private Optional<ImageResult> read() {
      try {
        return files
            .read(change, ImageProcessor.MAX_FILE_BYTES)
            .map(
                bytes -> {
                  hash = ImagePublisher.hash(change.key(), bytes);
                  return processor.process(bytes);
                });
      } catch (FileTooLargeException e) {
        return Optional.of(ImageProcessor.tooLarge(e.bytes()));
      }
    }
  }

  private static String hash(String key, byte[] bytes) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update((PROCESSING_VERSION + "\n" + key + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest(bytes), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
