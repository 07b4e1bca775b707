package dev.contentfunctions.publishing;

/** A report the publisher writes for the author next to an upload: reports/&lt;key&gt;.json. */
public interface Report {
  /** The uploaded file's key. */
  String key();

  /** reports/posts/my-post.md.json for posts/my-post.md: outside the notification filters. */
  default String reportKey() {
    return "reports/" + key() + ".json";
  }

  String toJson();
}
