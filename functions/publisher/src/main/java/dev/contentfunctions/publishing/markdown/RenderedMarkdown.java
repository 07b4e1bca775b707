package dev.contentfunctions.publishing.markdown;

import dev.contentfunctions.tables.posts.TocEntry;
import java.util.List;

/**
 * A post body rendered for the web.
 *
 * @param html sanitised HTML, safe to insert into a page as is
 * @param toc the level 2 and 3 headings, in order, each with the {@code id} its heading carries in
 *     {@code html}
 * @param excerpt the first paragraph as plain text, at most 300 characters
 * @param summary the first paragraph as plain text, at most 160 characters (for meta descriptions)
 * @param wordCount the words of the whole post
 * @param readingMinutes reading time at 200 words a minute, at least 1
 * @param images the body's images, in order, as the author wrote them (after sanitising)
 */
public record RenderedMarkdown(
    String html,
    List<TocEntry> toc,
    String excerpt,
    String summary,
    int wordCount,
    int readingMinutes,
    List<Image> images) {

  /** An image of the body: its {@code src} as sanitised, and its alt text ("" when none). */
  public record Image(String src, String alt) {}

  public RenderedMarkdown {
    toc = List.copyOf(toc);
    images = List.copyOf(images);
  }
}
