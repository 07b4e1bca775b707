package dev.contentfunctions.publishing;

import java.util.List;

/**
 * One message to the author about one upload: which file, what is wrong and where, and what readers
 * see meanwhile. Plain text for an e-mail; the subject is fixed ASCII with the file's name (S3 keys
 * of the author's own bucket), short enough for SNS's 100-character limit.
 *
 * @param key the uploaded file (posts/..., media/...)
 */
public record AuthorNotice(String key, String subject, String text) {
  private static final int MAX_SUBJECT = 100;

  /** A post that could not be published: the reason (with its line and column when the parser gave them). */
  static AuthorNotice failed(String key, String versionId, String reason, boolean previousLive) {
    return new AuthorNotice(
        key,
        subject("Not published: ", key),
        lines(
            "The file " + key + " could not be published.",
            "",
            "What is wrong: " + reason,
            "",
            previousLive
                ? "The version published before is still live: readers see it unchanged."
                : "Nothing was published from this file: readers see no change.",
            "Fix the file and upload it again.",
            footer(key, versionId)));
  }

  /** A post that was published (or stored as a draft or scheduled) with warnings, one per line. */
  static AuthorNotice warnings(String key, String versionId, String outcome, List<String> warnings) {
    StringBuilder list = new StringBuilder();
    for (String warning : warnings) {
      list.append("- ").append(warning).append('\n');
    }
    return new AuthorNotice(
        key,
        subject("Published with warnings: ", key),
        lines(
            "The file " + key + " was processed: " + outcome,
            "",
            "Warnings:",
            list.toString().stripTrailing(),
            "",
            "Readers see this version, without what the warnings name. Fix it and upload the file"
                + " (or the missing image) again.",
            footer(key, versionId)));
  }

  /** An image that was refused: the posts using it leave it out. */
  static AuthorNotice imageRefused(String key, String versionId, String reason, List<String> usedBy) {
    return new AuthorNotice(
        key,
        subject("Image refused: ", key),
        lines(
            "The image " + key + " was refused.",
            "",
            "What is wrong: " + reason,
            "",
            usedBy.isEmpty()
                ? "No published post uses it."
                : "Posts that use it leave it out until an image that can be used is uploaded: "
                    + String.join(", ", usedBy) + ". The rest of each post is live as before.",
            footer(key, versionId)));
  }

  private static String footer(String key, String versionId) {
    return "\nThe full report: reports/" + key + ".json in the content bucket"
        + (versionId == null ? "" : " (version " + versionId + ")") + ".";
  }

  private static String subject(String prefix, String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    String ascii = name.replaceAll("[^\\x20-\\x7E]", "?");
    String subject = prefix + ascii;
    return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
