package dev.contentfunctions.publishing.markdown;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata block at the top of a post, validated.
 *
 * @param title never blank, at most 200 characters
 * @param date when the post is dated (a date alone means the start of that day in UTC)
 * @param slug the slug the author chose, or {@code null} to derive it from the file name
 * @param description at most 500 characters, or {@code null}
 * @param tags slug-form tags, de-duplicated, in the author's order; at most 20
 * @param author or {@code null}
 * @param draft whether the post is a draft
 * @param updated when the post was last revised, or {@code null}
 * @param image an http(s) or relative address of the post's image, or {@code null}
 * @param imageAlt the image's text for readers who cannot see it; empty when the author says it is
 *     decoration ({@code imageAlt: ""}); {@code null} when the author gave none (the report warns)
 * @param aliases earlier slugs of the post, valid slugs, de-duplicated
 * @param extra the keys this code does not know, in the author's order, as plain Java values
 *     (strings, numbers, booleans, {@code null}, lists, and maps with text keys; nested lists and
 *     maps from {@link FrontMatterParser} are unmodifiable)
 */
public record FrontMatter(
    String title,
    Instant date,
    String slug,
    String description,
    List<String> tags,
    String author,
    boolean draft,
    Instant updated,
    String image,
    String imageAlt,
    List<String> aliases,
    Map<String, Object> extra) {

  public FrontMatter {
    tags = List.copyOf(tags);
    aliases = List.copyOf(aliases);
    // A LinkedHashMap keeps the author's order and allows the null of an empty YAML value.
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }
}
