package dev.contentfunctions.publishing.markdown;

import dev.contentfunctions.publishing.InvalidPostException;
import java.io.Reader;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Splits a post into its YAML front matter and Markdown body, and validates the front matter.
 *
 * <p>The front matter is the YAML between a first line {@code ---} and the next line {@code ---} or
 * {@code ...}. It is read with the YAML 1.2 core schema, so {@code 2025-11-03} stays text, and
 * defensively: duplicate keys, more than {@value #MAX_ALIASES} aliases, an alias inside the
 * collection it names, more than {@value #MAX_DEPTH} levels of nesting and more than {@value
 * #MAX_CODE_POINTS} characters are all rejected. Thread-safe.
 */
public final class FrontMatterParser {
  static final int MAX_TITLE_LENGTH = 200;
  static final int MAX_DESCRIPTION_LENGTH = 500;
  static final int MAX_IMAGE_ALT_LENGTH = 300;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG_LENGTH = 50;
  static final int MAX_ALIASES = 10;
  static final int MAX_DEPTH = 20;
  static final int MAX_CODE_POINTS = 64 * 1024;

  private static final Pattern OPENING_LINE = Pattern.compile("---[ \t]*");
  private static final Pattern CLOSING_LINE = Pattern.compile("(?:---|\\.\\.\\.)[ \t]*");
  private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Set<String> KNOWN_KEYS =
      Set.of(
          "title",
          "date",
          "slug",
          "description",
          "tags",
          "author",
          "draft",
          "updated",
          "image",
          "imageAlt",
          "aliases");
  private static final String EXAMPLE =
      "---\ntitle: How to Listen Without Fixing\ndate: 2025-11-03\n---";
  private static final String DATE_RULE =
      "a date like 2025-11-03 or a date and time like 2025-11-03T09:30:00+01:00";

  private final LoadSettings settings =
      LoadSettings.builder()
          .setLabel("front matter")
          .setSchema(new CoreSchema())
          .setAllowDuplicateKeys(false)
          .setAllowRecursiveKeys(false)
          .setMaxAliasesForCollections(MAX_ALIASES)
          .setCodePointLimit(MAX_CODE_POINTS)
          .build();

  /**
   * Splits and validates {@code text}, an already decoded post (see {@link SourceText#decode}).
   *
   * @throws InvalidPostException with a message for the author if the front matter is missing,
   *     unclosed, not YAML, or breaks a rule
   */
  public PostSource parse(String text) {
    int firstLineEnd = lineEnd(text, 0);
    if (!OPENING_LINE.matcher(text.substring(0, firstLineEnd)).matches()) {
      throw new InvalidPostException(
          "The post must start with front matter: a line '---', then lines such as 'title:' and"
              + " 'date:', then a closing line '---'. For example:\n"
              + EXAMPLE);
    }
    int yamlStart = Math.min(firstLineEnd + 1, text.length());
    for (int start = yamlStart; start < text.length(); ) {
      int end = lineEnd(text, start);
      if (CLOSING_LINE.matcher(text.substring(start, end)).matches()) {
        String body = text.substring(Math.min(end + 1, text.length()));
        return new PostSource(toFrontMatter(load(text.substring(yamlStart, start))), body);
      }
      start = end + 1;
    }
    throw new InvalidPostException(
        "The front matter that starts on line 1 is never closed: add a line '---' after its last"
            + " line.");
  }

  private static int lineEnd(String text, int from) {
    int newline = text.indexOf('\n', from);
    return newline < 0 ? text.length() : newline;
  }

  private Map<String, Object> load(String yaml) {
    Object root;
    try {
      checkShape(yaml);
      root = new Load(settings).loadFromReader(new PairKeepingReader(yaml));
    } catch (YamlEngineException e) {
      throw invalidYaml(e);
    }
    if (root == null) {
      throw new InvalidPostException(
          "The front matter is empty: add at least a title and a date, for example:\n" + EXAMPLE);
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new InvalidPostException(
          "The front matter must be 'key: value' lines such as 'title: ...', but it is "
              + describe(root)
              + ".");
    }
    return plainMap(map, null);
  }

  /**
   * Walks the YAML's events, which never expands aliases nor recurses, to reject what the loader
   * would mishandle: snakeyaml-engine has no nesting limit (deep nesting overflows its stack) and
   * builds self-containing lists from recursive aliases.
   */
  private void checkShape(String yaml) {
    Deque<Optional<Anchor>> open = new ArrayDeque<>();
    int aliases = 0;
    for (Event event : new Parse(settings).parseReader(new PairKeepingReader(yaml))) {
      if (event instanceof CollectionStartEvent start) {
        if (open.size() == MAX_DEPTH) {
          throw new InvalidPostException(
              "The front matter is nested more than "
                  + MAX_DEPTH
                  + " levels deep"
                  + at(event.getStartMark())
                  + ".");
        }
        open.push(start.getAnchor());
      } else if (event instanceof CollectionEndEvent) {
        open.pop();
      } else if (event instanceof AliasEvent alias) {
        if (++aliases > MAX_ALIASES) {
          throw new InvalidPostException(
              "The front matter uses more than "
                  + MAX_ALIASES
                  + " aliases (*name); write the values out instead.");
        }
        if (open.contains(alias.getAnchor())) {
          throw new InvalidPostException(
              "The front matter alias *"
                  + alias.getAnchor().map(Anchor::getValue).orElse("")
                  + at(event.getStartMark())
                  + " refers to the list or map that contains it.");
        }
      }
    }
  }

  private static InvalidPostException invalidYaml(YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException marked) {
      String where = at(marked.getProblemMark());
      if (e instanceof DuplicateKeyException) {
        return new InvalidPostException(
            "Front matter: " + marked.getProblem() + where + ". Each key may appear only once.");
      }
      return new InvalidPostException(
          "The front matter is not valid YAML: "
              + marked.getProblem()
              + where
              + ". Check the indentation, and put text containing ': ' or '#' in quotes.");
    }
    // With a cause, the message is that of a Java exception (a !!int tag on text, say): no help to
    // an author.
    return new InvalidPostException(
        "The front matter could not be read: "
            + (e.getCause() == null
                ? e.getMessage()
                : "a value does not match its type tag, such as !!int on text."));
  }

  private static String at(Optional<Mark> mark) {
    // Line 1 of the file is the opening '---', so YAML line 0 is file line 2.
    return mark.map(m -> " on line " + (m.getLine() + 2) + ", column " + (m.getColumn() + 1))
        .orElse("");
  }

  private static FrontMatter toFrontMatter(Map<String, Object> yaml) {
    for (String key : yaml.keySet()) {
      for (String known : KNOWN_KEYS) {
        if (!key.equals(known) && key.equalsIgnoreCase(known)) {
          throw new InvalidPostException(
              "Front matter: write '" + known + "' in lowercase (found '" + key + "').");
        }
      }
    }
    String title = text(yaml, "title");
    if (title == null) {
      throw new InvalidPostException(
          "Front matter: 'title' is required, e.g. title: How to Listen Without Fixing");
    }
    requireMaxLength(title, "title", MAX_TITLE_LENGTH);
    if (yaml.get("date") == null) {
      throw new InvalidPostException("Front matter: 'date' is required, e.g. date: 2025-11-03");
    }
    String description = text(yaml, "description");
    if (description != null) {
      requireMaxLength(description, "description", MAX_DESCRIPTION_LENGTH);
    }
    String slug = text(yaml, "slug");
    Map<String, Object> extra = new LinkedHashMap<>(yaml);
    extra.keySet().removeAll(KNOWN_KEYS);
    return new FrontMatter(
        title,
        instant(yaml.get("date"), "date"),
        slug == null ? null : Slugs.requireValid(slug, "slug"),
        description,
        tags(yaml.get("tags")),
        text(yaml, "author"),
        draft(yaml.get("draft")),
        yaml.get("updated") == null ? null : instant(yaml.get("updated"), "updated"),
        image(text(yaml, "image")),
        imageAlt(yaml),
        aliases(yaml.get("aliases")),
        extra);
  }

  /** The trimmed text of {@code key}, or null if it is absent or blank. */
  private static String text(Map<String, Object> yaml, String key) {
    Object value = yaml.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new InvalidPostException(
          "Front matter: '"
              + key
              + "' must be text, but it is "
              + describe(value)
              + (value instanceof Map || value instanceof List
                  ? "."
                  : "; put it in quotes, e.g. " + key + ": \"" + value + "\""));
    }
    String trimmed = s.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  private static void requireMaxLength(String value, String key, int max) {
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      throw new InvalidPostException(
          "Front matter: '"
              + key
              + "' is "
              + length
              + " characters long; at most "
              + max
              + " are allowed.");
    }
  }

  private static Instant instant(Object value, String key) {
    if (value instanceof String s) {
      String trimmed = s.strip();
      Instant instant;
      try {
        instant =
            DATE_ONLY.matcher(trimmed).matches()
                ? LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant()
                : OffsetDateTime.parse(trimmed).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidPostException(
            "Front matter: '"
                + key
                + "' must be "
                + DATE_RULE
                + ", with the time zone (Z or +01:00) after a time (found '"
                + trimmed
                + "').");
      }
      // Listings sort by the date written with a four-digit year (PostMapper.listSortKey): a post
      // of the year 10000 would sort before today's, and so be listed long before it is due.
      int year = instant.atOffset(ZoneOffset.UTC).getYear();
      if (year < 1 || year > 9999) {
        throw new InvalidPostException(
            "Front matter: '"
                + key
                + "' must be a date from the year 1 to 9999 (found '"
                + trimmed
                + "').");
      }
      return instant;
    }
    throw new InvalidPostException(
        "Front matter: '"
            + key
            + "' must be "
            + DATE_RULE
            + ", but it is "
            + describe(value)
            + ".");
  }

  private static List<String> tags(Object value) {
    List<String> raw = new ArrayList<>();
    if (value instanceof String s) {
      raw.addAll(List.of(s.split(",")));
    } else if (value instanceof List<?> list) {
      for (Object tag : list) {
        if (!(tag instanceof String s)) {
          throw new InvalidPostException(
              "Front matter: each tag must be text, but one is "
                  + describe(tag)
                  + (tag instanceof Map || tag instanceof List
                      ? "."
                      : "; put it in quotes, e.g. \"" + tag + "\"."));
        }
        raw.add(s);
      }
    } else if (value != null) {
      throw new InvalidPostException(
          "Front matter: 'tags' must be a list such as [relationships, communication] or text"
              + " such as 'relationships, communication', but it is "
              + describe(value)
              + ".");
    }
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : raw) {
      if (tag.isBlank()) {
        continue;
      }
      String slug = Slugs.slugify(tag);
      if (slug.isEmpty()) {
        throw new InvalidPostException(
            "Front matter: the tag '" + tag.strip() + "' has no letters or digits.");
      }
      if (slug.length() > MAX_TAG_LENGTH) {
        throw new InvalidPostException(
            "Front matter: the tag '"
                + tag.strip()
                + "' is too long; a tag may have at most "
                + MAX_TAG_LENGTH
                + " characters.");
      }
      tags.add(slug);
    }
    if (tags.size() > MAX_TAGS) {
      throw new InvalidPostException(
          "Front matter: a post may have at most "
              + MAX_TAGS
              + " tags, but this one has "
              + tags.size()
              + ".");
    }
    return List.copyOf(tags);
  }

  private static List<String> aliases(Object value) {
    if (value == null) {
      return List.of();
    }
    List<?> raw = value instanceof List<?> list ? list : List.of(value);
    Set<String> aliases = new LinkedHashSet<>();
    for (Object alias : raw) {
      if (!(alias instanceof String s)) {
        throw new InvalidPostException(
            "Front matter: 'aliases' must be a list of earlier slugs such as [old-title], but it"
                + " contains "
                + describe(alias)
                + ".");
      }
      aliases.add(Slugs.requireValid(s.strip(), "aliases"));
    }
    return List.copyOf(aliases);
  }

  private static boolean draft(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new InvalidPostException(
        "Front matter: 'draft' must be true or false, but it is " + describe(value) + ".");
  }

  /** An empty imageAlt is the author saying the picture is decoration; an absent one, forgotten. */
  private static String imageAlt(Map<String, Object> yaml) {
    String value = text(yaml, "imageAlt");
    if (value != null) {
      requireMaxLength(value, "imageAlt", MAX_IMAGE_ALT_LENGTH);
      return value;
    }
    return yaml.containsKey("imageAlt") && yaml.get("imageAlt") != null ? "" : null;
  }

  private static String image(String value) {
    if (value == null) {
      return null;
    }
    // Judged and stored as the page's <img src> and og:image will read it, as the body's images are.
    BrowserUrl url = BrowserUrl.parse(value);
    boolean allowedScheme =
        url.scheme() == null || url.scheme().equals("http") || url.scheme().equals("https");
    if (!allowedScheme || value.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
      throw new InvalidPostException(
          "Front matter: 'image' must be a web address starting with https:// or a path such as"
              + " /images/photo.jpg, without spaces (found '"
              + value
              + "').");
    }
    return url.address();
  }

  /**
   * Copies a YAML mapping into an unmodifiable map of plain values with text keys, rejecting the
   * values a post cannot store (binary data, sets).
   */
  private static Map<String, Object> plainMap(Map<?, ?> map, String parentKey) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!isScalar(key) || key == null) {
        throw new InvalidPostException(
            "Front matter: keys must be text, but "
                + (parentKey == null ? "one" : "one under '" + parentKey + "'")
                + " is "
                + describe(key)
                + ".");
      }
      String name = String.valueOf(key);
      copy.put(name, plain(entry.getValue(), name));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object plain(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      return plainMap(map, key);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(plain(item, key));
      }
      return Collections.unmodifiableList(copy);
    }
    if (isScalar(value)) {
      return value;
    }
    throw new InvalidPostException(
        "Front matter: the value of '"
            + key
            + "' is not supported; use text, numbers, true/false, lists or 'key: value' lines.");
  }

  private static boolean isScalar(Object value) {
    return value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger
        || value instanceof Double;
  }

  private static String describe(Object value) {
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof Map) {
      return "a group of 'key: value' lines";
    }
    if (value instanceof Boolean) {
      return "true/false";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof String s) {
      return "the text '" + s + "'";
    }
    return value == null
        ? "empty"
        : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /**
   * The text for snakeyaml-engine, never cut between the two chars of a surrogate pair (an emoji,
   * say): 2.10 reads a pair cut at the end of its 1024-char buffer past that buffer's end, and
   * fails with an IndexOutOfBoundsException instead of reading the post.
   */
  private static final class PairKeepingReader extends Reader {
    private final String text;
    private int next;

    PairKeepingReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      if (next >= text.length()) {
        return -1;
      }
      int end = Math.min(text.length(), next + length);
      if (end - next > 1 && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      text.getChars(next, end, buffer, offset);
      int read = end - next;
      next = end;
      return read;
    }

    @Override
    public void close() {}
  }
}
