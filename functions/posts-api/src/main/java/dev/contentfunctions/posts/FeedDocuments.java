package dev.contentfunctions.posts;

import dev.contentfunctions.tables.posts.PostRepository;
import dev.contentfunctions.tables.posts.PostSummary;
import java.io.StringWriter;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import dev.contentfunctions.posts.site.Links;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The RSS 2.0 feed and the sitemap, written with the JDK's StAX writer, which escapes text and
 * attributes: titles with {@code &} or {@code <} stay valid XML.
 */
final class FeedDocuments {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  private final SiteUrl site;
  private final String siteName;

  FeedDocuments(SiteUrl site, String siteName) {
    this.site = site;
    this.siteName = siteName;
  }

  /**
   * RSS 2.0 with an atom:link to itself, as feed validators ask: the feed's public address is the
   * site's /feed.xml (the site or its CDN serves this API's feed there), not the API's own host.
   *
   * <p>Readers render an item's description as HTML (the RSS Advisory Board's profile allows HTML
   * there, and readers assume it), while ours are plain text: a description is HTML-escaped, then
   * XML-escaped, so that a reader shows "&lt;b&gt;" as written. The post's full sanitised HTML is in
   * content:encoded, after the description as the profile asks.
   */
  String rss(List<PostsService.FeedEntry> entries) {
    return write(
        xml -> {
          xml.writeStartElement("rss");
          xml.writeAttribute("version", "2.0");
          xml.writeNamespace("atom", ATOM);
          xml.writeNamespace("content", CONTENT);
          xml.writeStartElement("channel");
          element(xml, "title", siteName);
          element(xml, "link", site.page("/blog/"));
          element(xml, "description", htmlText("New posts from " + siteName));
          element(xml, "language", "en");
          // Only from content, so that an unchanged feed keeps its ETag.
          if (!entries.isEmpty()) {
            element(xml, "lastBuildDate", rfc822(entries.get(0).post().publishedAt()));
          }
          xml.writeEmptyElement("atom", "link", ATOM);
          xml.writeAttribute("href", site.page("/feed.xml"));
          xml.writeAttribute("rel", "self");
          xml.writeAttribute("type", "application/rss+xml");
          for (PostsService.FeedEntry entry : entries) {
            PostSummary post = entry.post();
            xml.writeStartElement("item");
            element(xml, "title", post.title());
            element(xml, "link", site.postUrl(post.slug()));
            xml.writeStartElement("guid");
            xml.writeAttribute("isPermaLink", "true");
            xml.writeCharacters(site.postUrl(post.slug()));
            xml.writeEndElement();
            element(xml, "pubDate", rfc822(post.publishedAt()));
            element(xml, "description", htmlText(post.description()));
            if (entry.html() != null) {
              xml.writeStartElement("content", "encoded", CONTENT);
              xml.writeCharacters(xmlCharacters(entry.html()));
              xml.writeEndElement();
            }
            for (String tag : post.tags()) {
              element(xml, "category", tag);
            }
            xml.writeEndElement();
          }
          xml.writeEndElement();
          xml.writeEndElement();
        });
  }

  /**
   * The sitemap's index (sitemaps.org): the site's own pages, then one sitemap per month with due
   * posts, newest first. Bounded by the months, never by the posts: a blog of any size has an
   * index well under the protocol's 50,000 sitemaps, and each page under its 50,000 URLs.
   */
  String sitemapIndex(List<YearMonth> months) {
    return write(
        xml -> {
          xml.writeStartElement("sitemapindex");
          xml.writeDefaultNamespace(SITEMAP);
          sitemap(xml, site.page(SitemapPage.PAGES_PATH));
          for (YearMonth month : months) {
            sitemap(xml, site.page(SitemapPage.monthPath(month)));
          }
          xml.writeEndElement();
        });
  }

  /**
   * The site's pages a search engine should know, each one the site answers 200 for: the home, the
   * blog (lastmod: the newest post), one page per tag of a due post, the booking and privacy pages.
   */
  String sitemapPages(PostsService.SitePages pages) {
    return write(
        xml -> {
          xml.writeStartElement("urlset");
          xml.writeDefaultNamespace(SITEMAP);
          url(xml, site.page("/"), pages.newest());
          url(xml, site.page("/blog/"), pages.newest());
          for (String tag : pages.tags()) {
            if (Links.hasPage(tag)) {
              url(xml, site.page(Links.tag(tag)), null);
            }
          }
          url(xml, site.page("/book"), null);
          url(xml, site.page("/privacy"), null);
          xml.writeEndElement();
        });
  }

  /** A month's due posts, each with its last change as lastmod. */
  String sitemapPosts(List<PostRepository.Dated> posts) {
    return write(
        xml -> {
          xml.writeStartElement("urlset");
          xml.writeDefaultNamespace(SITEMAP);
          for (PostRepository.Dated post : posts) {
            url(xml, site.postUrl(post.slug()), post.lastModified());
          }
          xml.writeEndElement();
        });
  }

  private static void sitemap(XMLStreamWriter xml, String loc) throws XMLStreamException {
    xml.writeStartElement("sitemap");
    element(xml, "loc", loc);
    xml.writeEndElement();
  }

  private static void url(XMLStreamWriter xml, String loc, Instant lastmod) throws XMLStreamException {
    xml.writeStartElement("url");
    element(xml, "loc", loc);
    if (lastmod != null) {
      element(xml, "lastmod", lastmod.toString());
    }
    xml.writeEndElement();
  }

  private interface Body {
    void write(XMLStreamWriter xml) throws XMLStreamException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XML.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      body.write(xml);
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Writing XML to a string cannot fail", e);
    }
    return out.toString();
  }

  private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text == null ? "" : xmlCharacters(text));
    xml.writeEndElement();
  }

  /** Plain text as HTML that displays it literally (the XML writer then escapes that once more). */
  static String htmlText(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** XML 1.0 cannot carry most control characters, even escaped: they are dropped. */
  static String xmlCharacters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  private static String rfc822(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
  }
}
