package dev.contentfunctions.bench;

/** A generated post of about the given size, using what authors use: headings, lists, tables, links. */
final class BigPost {
  private BigPost() {}

  static String markdown(int bytes) {
    StringBuilder post =
        new StringBuilder(
            "---\ntitle: A Very Long Post for the Benchmark\ndate: 2025-01-01\ntags: [benchmark, long]\n---\n\n");
    for (int section = 1; post.length() < bytes; section++) {
      post.append("## Section ").append(section).append(": on listening well\n\n");
      for (int paragraph = 0; paragraph < 8; paragraph++) {
        post.append("Every relationship moves through *seasons*; the **hard** ones teach the most. ")
            .append("See [the guide](https://example.com/guide/").append(section).append(") and ")
            .append("`notes` from session ").append(paragraph).append(" -- \"quoted\" words, too.\n\n");
      }
      post.append("- [ ] ask one open question\n- [x] listen without fixing\n- ~~interrupt~~\n\n")
          .append("| habit | minutes |\n|---|---:|\n| walk | 20 |\n| talk | 15 |\n\n")
          .append("> A footnote follows.[^").append(section).append("]\n\n")
          .append("[^").append(section).append("]: The note of section ").append(section).append(".\n\n");
    }
    return post.toString();
  }
}
