package dev.contentfunctions.tables.posts;

import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many published posts due at a moment carry each tag, and how many were published in each
 * month (UTC): what {@code /tags} and the sitemap's index show, read from the counts the publisher
 * keeps in the same transaction as each post (docs/posts-table.md, "Counts"), never by reading the
 * posts. Tags and months without a due post are left out.
 */
public record TagCounts(Map<String, Integer> tags, Map<YearMonth, Integer> months) {
  public TagCounts {
    tags = Map.copyOf(new TreeMap<>(tags));
    months = Map.copyOf(new TreeMap<>(months));
  }
}
