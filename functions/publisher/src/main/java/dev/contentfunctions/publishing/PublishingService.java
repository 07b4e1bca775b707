package dev.contentfunctions.publishing;

import dev.contentfunctions.publishing.PublishReport.Status;
import dev.contentfunctions.publishing.markdown.FrontMatter;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.publishing.markdown.PostSource;
import dev.contentfunctions.publishing.markdown.RenderedMarkdown;
import dev.contentfunctions.publishing.markdown.Slugs;
import dev.contentfunctions.publishing.markdown.SourceText;
import dev.contentfunctions.kit.Backoff;
import dev.contentfunctions.tables.posts.ConcurrentChangeException;
import dev.contentfunctions.tables.posts.ImageReference;
import dev.contentfunctions.tables.posts.ImageUse;
import dev.contentfunctions.tables.posts.NameTakenException;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PublicationRefusedException;
import dev.contentfunctions.tables.posts.PublicationRepository;
import dev.contentfunctions.tables.posts.SlugClaim;
import dev.contentfunctions.tables.posts.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies one change of the content bucket to the posts table: a new or replaced Markdown file is
 * rendered and published, a deleted one unpublished. Knows nothing of Lambda.
 *
 * <p>Events arrive at least once and out of order. An event whose sequencer is not newer than the
 * last one applied to the same file changes nothing in the table (the last one applied has its
 * report written again); a broken file is reported and leaves the previous version live; S3 and
 * DynamoDB errors propagate so that the invocation is retried.
 */
public final class PublishingService {
  /** Larger files are refused before they are read: 2 MiB of Markdown is a book, not a post. */
  static final long MAX_SOURCE_BYTES = 2L * 1024 * 1024;

  /** Part of the content hash, so that a change in how posts are rendered changes every ETag. */
  private static final String RENDERING_VERSION = "2";

  /** Beyond this many lost races the invocation fails and Lambda's own retry takes over. */
  private static final int MAX_ATTEMPTS = 8;

  private final PostFiles files;
  private final PublicationRepository repository;
  private final FrontMatterParser frontMatterParser;
  private final MarkdownRenderer renderer;
  private final Clock clock;
  private final AuthorNotices notices;

  public PublishingService(
      PostFiles files,
      PublicationRepository repository,
      FrontMatterParser frontMatterParser,
      MarkdownRenderer renderer,
      Clock clock) {
    this(files, repository, frontMatterParser, renderer, clock, AuthorNotices.NONE);
  }

  /**
   * @param notices told once per upload that fails or is published with warnings; never of an event
   *     seen again (a retry), nor of a post rendered again because an image changed (the image's
   *     upload tells of itself)
   */
  public PublishingService(
      PostFiles files,
      PublicationRepository repository,
      FrontMatterParser frontMatterParser,
      MarkdownRenderer renderer,
      Clock clock,
      AuthorNotices notices) {
    this.notices = notices;
    this.files = files;
    this.repository = repository;
    this.frontMatterParser = frontMatterParser;
    this.renderer = renderer;
    this.clock = clock;
  }

  /**
   * What became of one change.
   *
   * @param published the keys of waiting files published because this change freed their slug
   */
  public record Outcome(Kind kind, String slug, String reason, List<String> published) {
    public enum Kind {
      PUBLISHED,
      REMOVED,
      /** Older than, or the same as, what was already applied; or the file is gone. */
      SKIPPED,
      /** Another file's post holds its slug or an alias: published once that is freed. */
      WAITING,
      /** The file cannot become a post; reported to the author, not retried. */
      FAILED,
      /** Not a Markdown file: reported to the author, nothing stored. */
      IGNORED
    }

    public Outcome {
      published = List.copyOf(published);
    }

    Outcome(Kind kind, String slug, String reason) {
      this(kind, slug, reason, List.of());
    }
  }

  public Outcome apply(ObjectChange change) {
    Optional<String> notMarkdown = PostFiles.notMarkdown(change.key());
    if (notMarkdown.isPresent()) {
      return ignore(change, notMarkdown.get());
    }
    SourcePost source = new SourcePost(change);
    return retried(source, () -> applyOnce(change, source));
  }

  /**
   * Publishes again the live version of a post that uses an image whose record changed, so that it
   * shows the image as it is now. Skipped when the reference is not to the live version any more:
   * the file changed since, and its newer version was rendered with the newer record.
   */
  public Outcome rerender(String bucket, ImageReference reference) {
    ObjectChange change =
        new ObjectChange(
            bucket, reference.sourceKey(), reference.versionId(), reference.sequencer(), false);
    SourcePost source = new SourcePost(change);
    return retried(source, () -> rerenderOnce(change, source));
  }

  private Outcome rerenderOnce(ObjectChange change, SourcePost source) {
    Optional<SourceFile> live = repository.findSource(change.key());
    boolean current =
        live.isPresent()
            && live.get().waitingFor() == null
            && Objects.equals(live.get().sequencer(), change.sequencer());
    if (!current) {
      return new Outcome(Outcome.Kind.SKIPPED, null, "the post has changed since it used the image");
    }
    return publish(change, live, source, true);
  }

  /**
   * Tries again while the write loses races: to another event of the file, or to an image record
   * that changed after the post was rendered (then it is rendered again with the new record).
   */
  private Outcome retried(SourcePost source, Supplier<Outcome> once) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once.get();
      } catch (ConcurrentChangeException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
        source.forgetImages();
        Backoff.pause(attempt);
      }
    }
  }

  private Outcome ignore(ObjectChange change, String reason) {
    report(
        change,
        Status.IGNORED,
        null,
        "Ignored, " + reason + ". Only .md and .markdown files (in any case) under posts/ become posts.");
    return new Outcome(Outcome.Kind.IGNORED, null, reason);
  }

  /** One try against the file's record as read now; a lost race throws, and is tried again. */
  private Outcome applyOnce(ObjectChange change, SourcePost source) {
    Optional<SourceFile> previous = repository.findSource(change.key());
    if (isStale(change, previous)) {
      return seenAgain(change, previous.get(), source);
    }
    return change.removed() ? remove(change, previous) : publish(change, previous, source);
  }

  /**
   * A stale event. The very event last applied, seen again, has its report written and its freed
   * names handed over again: the invocation that applied it may have failed before doing either.
   */
  private Outcome seenAgain(ObjectChange change, SourceFile applied, SourcePost source) {
    List<String> published = List.of();
    if (change.sequencer().equals(applied.sequencer())) {
      reportAgain(change, applied, source);
      published = publishWaiting(change.bucket(), applied.released());
    }
    return new Outcome(
        Outcome.Kind.SKIPPED, null, "an event as new or newer was already applied", published);
  }

  private Outcome remove(ObjectChange change, Optional<SourceFile> previous) {
    SourceFile removed = repository.remove(change.version(), previous);
    String slug = previous.map(SourceFile::slug).orElse(null);
    report(change, Status.REMOVED, slug, "The post is no longer published.");
    return new Outcome(
        Outcome.Kind.REMOVED, slug, null, publishWaiting(change.bucket(), freed(removed, previous)));
  }

  /** Whether the file's record is of a version readers can be served (not one waiting for a name). */
  private static boolean isLive(Optional<SourceFile> previous) {
    return previous.isPresent() && previous.get().waitingFor() == null && previous.get().slug() != null;
  }

  private Outcome publish(ObjectChange change, Optional<SourceFile> previous, SourcePost source) {
    return publish(change, previous, source, false);
  }

  /** @param rerendering the live version rendered again for an image's change: no notice of its own */
  private Outcome publish(
      ObjectChange change, Optional<SourceFile> previous, SourcePost source, boolean rerendering) {
    RenderedPost post;
    SourceFile published;
    try {
      Optional<RenderedPost> read = source.post();
      if (read.isEmpty()) {
        return new Outcome(Outcome.Kind.SKIPPED, null, "the file or version no longer exists");
      }
      post = read.get();
      published = repository.publish(post.post(), change.version(), previous, null);
    } catch (NameTakenException e) {
      repository.waitFor(e, change.version(), previous);
      reportWaiting(change, e.name());
      return new Outcome(Outcome.Kind.WAITING, null, e.getMessage());
    } catch (InvalidPostException | PublicationRefusedException e) {
      report(change, Status.FAILED, null, e.getMessage());
      if (!rerendering) {
        notices.send(AuthorNotice.failed(change.key(), change.versionId(), e.getMessage(), isLive(previous)));
      }
      return new Outcome(Outcome.Kind.FAILED, null, e.getMessage());
    }
    String outcome = reportStored(change, post);
    if (!rerendering && !post.images().warnings().isEmpty()) {
      notices.send(AuthorNotice.warnings(change.key(), change.versionId(), outcome, post.images().warnings()));
    }
    return new Outcome(
        Outcome.Kind.PUBLISHED,
        post.post().slug(),
        null,
        publishWaiting(change.bucket(), freed(published, previous)));
  }

  /**
   * The names to hand to waiting files after a change: those it freed, and those the change before
   * freed, in case the invocation that applied it failed before it had published every waiting
   * file (a retry of that event is then stale; the handing over is idempotent).
   */
  private static List<String> freed(SourceFile next, Optional<SourceFile> previous) {
    Set<String> names = new LinkedHashSet<>(next.released());
    previous.ifPresent(prev -> names.addAll(prev.released()));
    return List.copyOf(names);
  }

  /**
   * Publishes, for each freed name, the oldest waiting file that can now have it; files published so
   * free names in turn (a waiting file that had another slug). Returns their keys. A claim whose file
   * has changed or gone since is dropped: that file's own event decided for it.
   */
  private List<String> publishWaiting(String bucket, List<String> names) {
    List<String> published = new ArrayList<>();
    Deque<String> freed = new ArrayDeque<>(names);
    while (!freed.isEmpty()) {
      String name = freed.poll();
      for (SlugClaim claim : repository.claims(name)) {
        Turn turn = handOver(bucket, name, claim);
        if (turn instanceof Taken taken) {
          published.add(claim.sourceKey());
          freed.addAll(taken.next().released());
        }
        if (!(turn instanceof Passed)) {
          break;
        }
      }
    }
    return published;
  }

  /** What one claim on a freed name came to. */
  private sealed interface Turn permits Taken, TakenBefore, Passed {}

  /** The claimant is published under the name; {@code next} is its record, with the names it freed. */
  private record Taken(SourceFile next) implements Turn {}

  /** The claimant had been published under the name before: only its report was missing. */
  private record TakenBefore() implements Turn {}

  /** The claim is dropped or still refused: the next claim's turn. */
  private record Passed() implements Turn {}

  private Turn handOver(String bucket, String name, SlugClaim claim) {
    Optional<SourceFile> claimant = repository.findSource(claim.sourceKey());
    ObjectChange change =
        new ObjectChange(bucket, claim.sourceKey(), claim.versionId(), claim.sequencer(), false);
    boolean current =
        claimant.isPresent() && Objects.equals(claimant.get().sequencer(), claim.sequencer());
    if (current && claimant.get().waitingFor() == null && name.equals(claimant.get().slug())) {
      // Published by an invocation that failed before its report was written.
      new SourcePost(change).post().ifPresent(post -> reportStored(change, post));
      repository.dropClaim(claim);
      return new TakenBefore();
    }
    if (!current || !name.equals(claimant.get().waitingFor())) {
      repository.dropClaim(claim);
      return new Passed();
    }
    return publishClaim(claim, change, claimant).<Turn>map(Taken::new).orElseGet(Passed::new);
  }

  /**
   * The waiting version published under the name it waited for; empty if it still cannot be: the
   * name is taken again, or the version needs another name that is taken (it then waits for that).
   */
  private Optional<SourceFile> publishClaim(
      SlugClaim claim, ObjectChange change, Optional<SourceFile> claimant) {
    try {
      Optional<RenderedPost> post = new SourcePost(change).post();
      if (post.isEmpty()) {
        // The version is gone; the event that removed it decides for the file.
        return Optional.empty();
      }
      SourceFile next = repository.publish(post.get().post(), change.version(), claimant, claim);
      reportStored(change, post.get());
      repository.dropClaim(claim);
      return Optional.of(next);
    } catch (NameTakenException e) {
      if (!e.name().equals(claim.name())) {
        repository.waitFor(e, change.version(), claimant);
        reportWaiting(change, e.name());
      }
      return Optional.empty();
    } catch (ConcurrentChangeException e) {
      // The file changed meanwhile: its own event decides.
      return Optional.empty();
    } catch (InvalidPostException | PublicationRefusedException e) {
      report(change, Status.FAILED, null, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The last event applied, seen again: most often Lambda retrying an invocation that failed after
   * the table was written (the report could not be written, or the write's answer was lost). The
   * report is written again, so that the author gets one whatever failed.
   */
  private void reportAgain(ObjectChange change, SourceFile applied, SourcePost source) {
    if (change.removed()) {
      report(change, Status.REMOVED, null, "The post is no longer published.");
    } else if (applied.waitingFor() != null) {
      reportWaiting(change, applied.waitingFor());
    } else {
      source.post().ifPresent(post -> reportStored(change, post));
    }
  }

  private void reportWaiting(ObjectChange change, String name) {
    report(
        change,
        Status.WAITING,
        null,
        "Not published yet: '"
            + name
            + "' is the slug or an alias of another file's post. This version will be published as"
            + " soon as that file no longer uses it (delete it, or change its slug); or give this"
            + " file another slug.");
  }

  /**
   * The post a change's file holds, read and rendered at most once however often the write loses a
   * race and is retried: rendering a large post takes a second.
   */
  private final class SourcePost {
    private final ObjectChange change;
    private Optional<byte[]> bytes;
    private Optional<RenderedPost> post;

    SourcePost(ObjectChange change) {
      this.change = change;
    }

    /** Empty when the file or version no longer exists. */
    Optional<RenderedPost> post() {
      if (bytes == null) {
        bytes = read(change);
      }
      if (post == null) {
        post = bytes.map(content -> toPost(change.key(), content));
      }
      return post;
    }

    /** A post with images is rendered again after a lost race: one of their records may have changed. */
    void forgetImages() {
      if (post != null && post.isPresent() && !post.get().post().images().isEmpty()) {
        post = null;
      }
    }
  }

  private Optional<byte[]> read(ObjectChange change) {
    try {
      return files.read(change, MAX_SOURCE_BYTES);
    } catch (FileTooLargeException e) {
      throw new InvalidPostException(
          "The file is " + e.bytes() + " bytes; a post may be at most " + MAX_SOURCE_BYTES + " bytes.");
    }
  }

  /** A post as rendered, and what its report says of its images. */
  record RenderedPost(Post post, PostImages.Report images) {}

  RenderedPost toPost(String key, byte[] bytes) {
    PostSource source = frontMatterParser.parse(SourceText.decode(bytes));
    FrontMatter fm = source.frontMatter();
    String slug = fm.slug() != null ? fm.slug() : Slugs.fromKey(key);
    PostImages images = new PostImages(key, fm.image(), repository);
    RenderedMarkdown rendered = renderer.render(source.body(), images, fm.image() != null);
    PostImage hero = images.hero(fm.imageAlt());
    List<ImageUse> uses = images.uses();
    Post post = new Post(
        slug,
        fm.title(),
        fm.description() != null ? fm.description() : rendered.summary(),
        rendered.excerpt(),
        fm.date(),
        fm.updated(),
        fm.tags(),
        fm.author(),
        fm.draft(),
        hero,
        fm.aliases(),
        fm.extra(),
        rendered.html(),
        rendered.toc(),
        rendered.wordCount(),
        rendered.readingMinutes(),
        contentHash(slug, bytes, uses),
        key,
        uses);
    return new RenderedPost(post, images.report(rendered.images(), fm.imageAlt()));
  }

  /**
   * An event is stale when the file's record already holds a sequencer at least as new. Events
   * without a sequencer (local emulators) are applied in the order they are processed.
   */
  static boolean isStale(ObjectChange change, Optional<SourceFile> previous) {
    return isStale(change.sequencer(), previous.map(SourceFile::sequencer).orElse(null));
  }

  /** The same rule for any record that keeps the sequencer of the last event applied to it. */
  static boolean isStale(String sequencer, String applied) {
    return sequencer != null && applied != null && sequencer.compareTo(applied) <= 0;
  }

  /**
   * A stored post's report says what a reader sees now: a draft, a scheduled post, or the post; and
   * what became of its images.
   */
  private String reportStored(ObjectChange change, RenderedPost rendered) {
    Post post = rendered.post();
    Status status;
    String message;
    if (post.draft()) {
      status = Status.DRAFT;
      message = "Stored as a draft: not listed or served until 'draft: true' is removed.";
    } else if (post.publishedAt().isAfter(clock.instant())) {
      status = Status.SCHEDULED;
      message = "Scheduled: it appears on " + post.publishedAt() + ".";
    } else {
      status = Status.PUBLISHED;
      message = "Published.";
    }
    if (!rendered.images().warnings().isEmpty()) {
      message += " See the warnings.";
    }
    write(
        change,
        status,
        post.slug(),
        message,
        status == Status.SCHEDULED ? post.publishedAt() : null,
        rendered.images());
    return message;
  }

  private void report(ObjectChange change, Status status, String slug, String message) {
    write(change, status, slug, message, null, PostImages.Report.NONE);
  }

  private void write(
      ObjectChange change,
      Status status,
      String slug,
      String message,
      Instant scheduledFor,
      PostImages.Report images) {
    files.writeReport(
        change.bucket(),
        new PublishReport(
            change.key(),
            change.versionId(),
            status,
            slug,
            message,
            scheduledFor,
            clock.instant(),
            images.images(),
            images.warnings()));
  }

  /** Of the source and of the image records it was rendered with: a new image is a new ETag. */
  private static String contentHash(String slug, byte[] source, List<ImageUse> images) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update((RENDERING_VERSION + "\n" + slug + "\n").getBytes(StandardCharsets.UTF_8));
      for (ImageUse image : images) {
        sha256.update((image.key() + "@" + image.revision() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha256.digest(source), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
