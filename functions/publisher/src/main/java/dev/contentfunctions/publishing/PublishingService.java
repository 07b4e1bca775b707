package dev.contentfunctions.publishing;

import dev.contentfunctions.publishing.PublicationRepository.ConcurrentChangeException;
import dev.contentfunctions.publishing.PublishReport.Status;
import dev.contentfunctions.publishing.markdown.FrontMatter;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.publishing.markdown.PostSource;
import dev.contentfunctions.publishing.markdown.RenderedMarkdown;
import dev.contentfunctions.publishing.markdown.Slugs;
import dev.contentfunctions.publishing.markdown.SourceText;
import dev.contentfunctions.shared.Backoff;
import dev.contentfunctions.shared.posts.Post;
import dev.contentfunctions.shared.posts.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

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

  public PublishingService(
      PostFiles files,
      PublicationRepository repository,
      FrontMatterParser frontMatterParser,
      MarkdownRenderer renderer,
      Clock clock) {
    this.files = files;
    this.repository = repository;
    this.frontMatterParser = frontMatterParser;
    this.renderer = renderer;
    this.clock = clock;
  }

  /** What became of one change. */
  public record Outcome(Kind kind, String slug, String reason) {
    public enum Kind {
      PUBLISHED,
      REMOVED,
      /** Older than, or the same as, what was already applied; or the file is gone. */
      SKIPPED,
      /** The file cannot become a post; reported to the author, not retried. */
      FAILED,
      /** Not a Markdown file: reported to the author, nothing stored. */
      IGNORED
    }
  }

  public Outcome apply(ObjectChange change) {
    Optional<String> notMarkdown = PostFiles.notMarkdown(change.key());
    if (notMarkdown.isPresent()) {
      String reason = notMarkdown.get();
      report(
          change,
          Status.IGNORED,
          null,
          "Ignored, " + reason + ". Only .md and .markdown files (in any case) under posts/ become posts.");
      return new Outcome(Outcome.Kind.IGNORED, null, reason);
    }
    SourcePost source = new SourcePost(change);
    for (int attempt = 1; ; attempt++) {
      Optional<SourceFile> previous = repository.findSource(change.key());
      if (isStale(change, previous)) {
        if (change.sequencer().equals(previous.get().sequencer())) {
          reportAgain(change, source);
        }
        return new Outcome(Outcome.Kind.SKIPPED, null, "an event as new or newer was already applied");
      }
      try {
        return change.removed() ? remove(change, previous) : publish(change, previous, source);
      } catch (ConcurrentChangeException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
        Backoff.pause(attempt);
      }
    }
  }

  private Outcome remove(ObjectChange change, Optional<SourceFile> previous) {
    repository.remove(change, previous);
    String slug = previous.map(SourceFile::slug).orElse(null);
    report(change, Status.REMOVED, slug, "The post is no longer published.");
    return new Outcome(Outcome.Kind.REMOVED, slug, null);
  }

  private Outcome publish(ObjectChange change, Optional<SourceFile> previous, SourcePost source) {
    Post post;
    try {
      Optional<Post> read = source.post();
      if (read.isEmpty()) {
        return new Outcome(Outcome.Kind.SKIPPED, null, "the file or version no longer exists");
      }
      post = read.get();
      repository.publish(post, change, previous);
    } catch (InvalidPostException e) {
      report(change, Status.FAILED, null, e.getMessage());
      return new Outcome(Outcome.Kind.FAILED, null, e.getMessage());
    }
    reportStored(change, post);
    return new Outcome(Outcome.Kind.PUBLISHED, post.slug(), null);
  }

  /**
   * The last event applied, seen again: most often Lambda retrying an invocation that failed after
   * the table was written (the report could not be written, or the write's answer was lost). The
   * report is written again, so that the author gets one whatever failed.
   */
  private void reportAgain(ObjectChange change, SourcePost source) {
    if (change.removed()) {
      report(change, Status.REMOVED, null, "The post is no longer published.");
    } else {
      source.post().ifPresent(post -> reportStored(change, post));
    }
  }

  /**
   * The post a change's file holds, read and rendered at most once however often the write loses a
   * race and is retried: rendering a large post takes a second.
   */
  private final class SourcePost {
    private final ObjectChange change;
    private Optional<Post> post;

    SourcePost(ObjectChange change) {
      this.change = change;
    }

    /** Empty when the file or version no longer exists. */
    Optional<Post> post() {
      if (post == null) {
        post = files.read(change, MAX_SOURCE_BYTES).map(bytes -> toPost(change.key(), bytes));
      }
      return post;
    }
  }

  Post toPost(String key, byte[] bytes) {
    PostSource source = frontMatterParser.parse(SourceText.decode(bytes));
    FrontMatter fm = source.frontMatter();
    String slug = fm.slug() != null ? fm.slug() : Slugs.fromKey(key);
    RenderedMarkdown rendered = renderer.render(source.body());
    return new Post(
        slug,
        fm.title(),
        fm.description() != null ? fm.description() : rendered.summary(),
        rendered.excerpt(),
        fm.date(),
        fm.updated(),
        fm.tags(),
        fm.author(),
        fm.draft(),
        fm.image(),
        fm.aliases(),
        fm.extra(),
        rendered.html(),
        rendered.toc(),
        rendered.wordCount(),
        rendered.readingMinutes(),
        contentHash(slug, bytes),
        key);
  }

  /**
   * An event is stale when the file's record already holds a sequencer at least as new. Events
   * without a sequencer (local emulators) are applied in the order they are processed.
   */
  static boolean isStale(ObjectChange change, Optional<SourceFile> previous) {
    String applied = previous.map(SourceFile::sequencer).orElse(null);
    return change.sequencer() != null && applied != null && change.sequencer().compareTo(applied) <= 0;
  }

  /** A stored post's report says what a reader sees now: a draft, a scheduled post, or the post. */
  private void reportStored(ObjectChange change, Post post) {
    if (post.draft()) {
      report(
          change,
          Status.DRAFT,
          post.slug(),
          "Stored as a draft: not listed or served until 'draft: true' is removed.",
          null);
    } else if (post.publishedAt().isAfter(clock.instant())) {
      report(
          change,
          Status.SCHEDULED,
          post.slug(),
          "Scheduled: it appears on " + post.publishedAt() + ".",
          post.publishedAt());
    } else {
      report(change, Status.PUBLISHED, post.slug(), "Published.", null);
    }
  }

  private void report(ObjectChange change, Status status, String slug, String message) {
    report(change, status, slug, message, null);
  }

  private void report(
      ObjectChange change, Status status, String slug, String message, Instant scheduledFor) {
    files.writeReport(
        change.bucket(),
        new PublishReport(
            change.key(), change.versionId(), status, slug, message, scheduledFor, clock.instant()));
  }

  private static String contentHash(String slug, byte[] source) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update((RENDERING_VERSION + "\n" + slug + "\n").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest(source), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
