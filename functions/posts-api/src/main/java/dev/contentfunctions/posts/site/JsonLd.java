package dev.contentfunctions.posts.site;

import dev.contentfunctions.kit.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pages' schema.org JSON-LD, written as JSON and then made safe to stand inside a script element. */
final class JsonLd {
  private JsonLd() {}

  /**
   * The document as JSON in which no {@code <}, {@code >} or {@code &} appears (so "</script>" or
   * "<!--" in a title cannot end or change the script element) and no U+2028/U+2029 (line
   * terminators to older JavaScript parsers): each is written as its JSON escape, which JSON
   * parsers read back as the same character.
   */
  static String script(Map<String, Object> document) {
    String json = JsonWriter.write(document);
    StringBuilder safe = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<', '>', '&', '\u2028', '\u2029' -> safe.append(String.format("\\u%04x", (int) c));
        default -> safe.append(c);
      }
    }
    return safe.toString();
  }

  static Map<String, Object> organization(String name, String url) {
    Map<String, Object> organization = base("Organization");
    organization.put("name", name);
    organization.put("url", url);
    return organization;
  }

  /** A trail of (name, absolute URL) pairs, from the home page down to the page itself. */
  static Map<String, Object> breadcrumbs(List<String[]> trail) {
    Map<String, Object> list = base("BreadcrumbList");
    List<Map<String, Object>> items = new java.util.ArrayList<>();
    for (int i = 0; i < trail.size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("@type", "ListItem");
      item.put("position", i + 1);
      item.put("name", trail.get(i)[0]);
      item.put("item", trail.get(i)[1]);
      items.add(item);
    }
    list.put("itemListElement", items);
    return list;
  }

  static Map<String, Object> base(String type) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("@context", "https://schema.org");
    document.put("@type", type);
    return document;
  }
}
