package dev.contentfunctions.publishing;

import dev.contentfunctions.publishing.PublishReport.ImageEntry;
import dev.contentfunctions.publishing.markdown.ImageResolver;
import dev.contentfunctions.publishing.markdown.RenderedMarkdown;
import dev.contentfunctions.tables.posts.ImageFile;
import dev.contentfunctions.tables.posts.ImageUse;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PublicationRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The images of one post as the publisher's records show them while it is rendered: the body's and
 * the front matter's, read in one batch. An image of the bucket that is ready is shown in its
 * variants; one that is missing, refused or removed is left out, and the report says so.
 */
final class PostImages implements ImageResolver {
  /** The variant a page shows by default: sharp on a 44rem column, not a 1600 px download. */
  static final int DISPLAY_WIDTH = 960;

  private final String postKey;
  private final String heroAddress;
  private final PublicationRepository repository;
  /** The bucket's files the post names, by address, in the order they appear. */
  private final Map<String, String> keys = new LinkedHashMap<>();
  private final Map<String, ImageFile> records = new HashMap<>();
  private final Set<String> asked = new HashSet<>();

  PostImages(String postKey, String heroAddress, PublicationRepository repository) {
    this.postKey = postKey;
    this.heroAddress = heroAddress;
    this.repository = repository;
  }

  @Override
  public Map<String, Shown> resolve(List<String> sources) {
    for (String source : sources) {
      ImagePaths.keyFor(postKey, source).ifPresent(key -> keys.put(source, key));
    }
    Map<String, Shown> shown = new HashMap<>();
    for (String source : sources) {
      String key = keys.get(source);
      if (key != null) {
        shown.put(source, ready(key).<Shown>map(PostImages::sized).orElseGet(Hidden::new));
      }
    }
    return shown;
  }

  /** The post's picture as pages show it; null when it has none, or its file is not ready. */
  PostImage hero(String alt) {
    if (heroAddress == null) {
      return null;
    }
    Optional<String> key = ImagePaths.keyFor(postKey, heroAddress);
    if (key.isEmpty()) {
      return PostImage.external(heroAddress, alt);
    }
    keys.put(heroAddress, key.get());
    return ready(key.get())
        .map(
            file -> {
              ImageVariant shown = display(file.variants());
              return new PostImage(
                  shown.path(),
                  shown.width(),
                  shown.height(),
                  alt,
                  file.variants(),
                  file.openGraph());
            })
        .orElse(null);
  }

  /** Every file of the bucket the post names, with the revision of its record read (0: none). */
  List<ImageUse> uses() {
    Set<String> distinct = new LinkedHashSet<>(keys.values());
    return distinct.stream()
        .map(key -> new ImageUse(key, Optional.ofNullable(records().get(key)).map(ImageFile::revision).orElse(0L)))
        .toList();
  }

  /** What the report says of the post's images: each one, and what the author should fix. */
  Report report(List<RenderedMarkdown.Image> body, String heroAlt) {
    List<ImageEntry> entries = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    if (heroAddress != null) {
      entries.add(entry(heroAddress, warnings));
      if (heroAlt == null) {
        warnings.add(
            "The post's image has no imageAlt: add one to the front matter (imageAlt: what the"
                + " picture shows), or imageAlt: \"\" if it is only decoration.");
      }
    }
    for (RenderedMarkdown.Image image : body) {
      entries.add(entry(image.src(), warnings));
      if (image.alt().isEmpty()) {
        warnings.add(
            "The image '"
                + image.src()
                + "' has no alt text: readers who cannot see it get nothing. Describe it:"
                + " ![what it shows]("
                + image.src()
                + ").");
      }
    }
    return new Report(entries, List.copyOf(warnings));
  }

  record Report(List<ImageEntry> images, List<String> warnings) {
    /** A report without a post: a failure, a removal. */
    static final Report NONE = new Report(List.of(), List.of());
  }

  private ImageEntry entry(String address, Set<String> warnings) {
    String key = keys.get(address);
    if (key == null) {
      return new ImageEntry(address, null, "external");
    }
    ImageFile file = records().get(key);
    if (file != null && file.state() == ImageFile.State.READY) {
      return new ImageEntry(address, key, "used");
    }
    if (file != null && file.state() == ImageFile.State.REFUSED) {
      warnings.add("The image '" + address + "' (" + key + ") is left out: " + file.reason());
      return new ImageEntry(address, key, "refused");
    }
    warnings.add(
        ImagePaths.isImageFile(key)
            ? "The image '" + address + "' is left out: there is no " + key + " in the bucket yet."
                + " Upload it there and the post shows it, without uploading the post again."
            : "The image '" + address + "' is left out: it names " + key + ", outside the post's"
                + " folder (" + ImagePaths.folderOf(postKey) + ") and media/, where images go.");
    return new ImageEntry(address, key, "missing");
  }

  private Optional<ImageFile> ready(String key) {
    return Optional.ofNullable(records().get(key)).filter(file -> file.state() == ImageFile.State.READY);
  }

  /**
   * The records of every file named so far, the picture's included: read in one batch at the first
   * question, and again only for files named after it.
   */
  private Map<String, ImageFile> records() {
    Set<String> wanted = new LinkedHashSet<>(keys.values());
    if (heroAddress != null) {
      ImagePaths.keyFor(postKey, heroAddress).ifPresent(wanted::add);
    }
    wanted.removeAll(asked);
    if (!wanted.isEmpty()) {
      records.putAll(repository.findImages(wanted));
      asked.addAll(wanted);
    }
    return records;
  }

  private static Sized sized(ImageFile file) {
    ImageVariant shown = display(file.variants());
    return new Sized(shown.path(), shown.width(), shown.height(), file.variants());
  }

  /** The widest variant up to {@link #DISPLAY_WIDTH}, or the narrowest when all are wider. */
  static ImageVariant display(List<ImageVariant> ascending) {
    ImageVariant shown = ascending.get(0);
    for (ImageVariant variant : ascending) {
      if (variant.width() <= DISPLAY_WIDTH) {
        shown = variant;
      }
    }
    return shown;
  }
}
