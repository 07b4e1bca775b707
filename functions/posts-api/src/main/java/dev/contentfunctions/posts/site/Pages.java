package dev.contentfunctions.posts.site;

import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.HttpRequest;
import dev.contentfunctions.http.Query;
import dev.contentfunctions.http.Representation;
import dev.contentfunctions.http.Responses;
import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.posts.ListingCursors;
import dev.contentfunctions.posts.PostsApiConfig;
import dev.contentfunctions.posts.Pictures;
import dev.contentfunctions.posts.PostsService;
import dev.contentfunctions.posts.PostsService.Article;
import dev.contentfunctions.posts.PostsService.Found;
import dev.contentfunctions.posts.PostsService.Lookup;
import dev.contentfunctions.posts.PostsService.Moved;
import dev.contentfunctions.posts.PostsService.PostPage;
import dev.contentfunctions.posts.PreviewAccess;
import dev.contentfunctions.posts.SiteUrl;
import dev.contentfunctions.posts.site.templates.JteblogGenerated;
import dev.contentfunctions.posts.site.templates.JtebookGenerated;
import dev.contentfunctions.posts.site.templates.JteerrorGenerated;
import dev.contentfunctions.posts.site.templates.JtehomeGenerated;
import dev.contentfunctions.posts.site.templates.JtepostGenerated;
import dev.contentfunctions.posts.site.templates.JteprivacyGenerated;
import dev.contentfunctions.posts.site.templates.JtethankyouGenerated;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.ListPosition;
import dev.contentfunctions.tables.posts.Listing;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PostSummary;
import dev.contentfunctions.tables.posts.Slug;
import gg.jte.html.HtmlTemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The website's pages, rendered from {@link PostsService} with the templates of src/main/jte,
 * compiled to Java at build time and called directly (no template lookup or reflection at run
 * time). Every path the read API does not own ends here: a page, a 301, or the 404 page; a request
 * that cannot be read (query, cursor, host) gets the 400 page, a method other than GET or HEAD the
 * 405 page. Never problem+json: a person reads these.
 */
public final class Pages {
  /** Posts on a page of the blog or of a tag: the JSON listing's default, so cursors line up. */
  static final int PAGE_SIZE = 10;

  static final int HOME_POSTS = 3;
  static final int RELATED = 3;
  static final String ALLOWED_METHODS = "GET, HEAD";

  /**
   * The 404 page: a minute at most, so that a post published after someone asked for it shows as
   * soon as a cached page would, while a burst of misses is still served by the CDN.
   */
  static final String NOT_FOUND_CACHE = "public, max-age=60, s-maxage=60";

  static final String INTRODUCTION =
      "Mindful relationship coaching for deeper connection and clearer communication. Book a free 15-minute consultation.";

  private final PostsApiConfig config;
  private final PostsService service;
  private final ListingCursors cursors;
  private final PreviewAccess preview;

  public Pages(PostsApiConfig config, PostsService service, ListingCursors cursors, PreviewAccess preview) {
    this.config = config;
    this.service = service;
    this.cursors = cursors;
    this.preview = preview;
  }

  public HttpApiResponse respond(HttpRequest request) {
    boolean head = request.method().equals("HEAD");
    Optional<SiteUrl> site = SiteUrl.resolve(config.siteUrl(), config.originVerify(), request.headers());
    // An error page needs no absolute URL: relative links work wherever it is shown.
    SiteUrl links = site.orElse(new SiteUrl(""));
    try {
      if (!head && !request.method().equals("GET")) {
        throw new ApiException.MethodNotAllowed(request.method(), ALLOWED_METHODS);
      }
      Query query = request.query();
      return page(request, site.orElseThrow(() -> new ApiException.BadRequest("The Host header is not a host name.")), query, head);
    } catch (ApiException.BadRequest e) {
      return error(links, 400, "Bad request", "This address could not be read. Please check the link, or start again from the blog.", Responses.NO_STORE, Map.of(), head);
    } catch (ApiException.MethodNotAllowed e) {
      return error(links, 405, "Method not allowed", "This page can only be read.", Responses.NO_STORE, Map.of("Allow", ALLOWED_METHODS), head);
    }
  }

  private HttpApiResponse page(HttpRequest request, SiteUrl site, Query query, boolean head) {
    SiteRoute.Target target = SiteRoute.match(request.path(), query);
    if (target instanceof SiteRoute.Redirect redirect) {
      return Responses.redirect(301, redirect.location(), PreviewAccess.asked(request) ? Representation.PRIVATE : Representation.PUBLIC);
    }
    if (!(target instanceof SiteRoute.Page page)) {
      return notFound(request, site, head);
    }
    return switch (page.kind()) {
      case HOME -> ok(request, home(site));
      case BLOG -> listing(request, site, Listing.published(), null, head);
      case TAG -> Slug.parse(page.value())
          .map(tag -> listing(request, site, Listing.tagged(tag), tag.value(), head))
          .orElseGet(() -> notFound(request, site, head));
      case POST -> post(request, site, page.value(), head);
      case BOOK -> ok(request, render(out -> JtebookGenerated.render(out, null, head(site, "Book a free consultation | " + config.siteName(),
          "Book a free 15-minute consultation to explore how mindful coaching can help you build deeper connection and communication.", "/book", false, List.of()))));
      case THANK_YOU -> ok(request, render(out -> JtethankyouGenerated.render(out, null, head(site, "Thank you | " + config.siteName(),
          "Your request for a free consultation has been sent.", "/thank-you", true, List.of()))));
      case PRIVACY -> ok(request, render(out -> JteprivacyGenerated.render(out, null, head(site, "Privacy | " + config.siteName(),
          "What the booking form stores, for how long, and how to have it erased.", "/privacy", false, List.of()),
          config.bookingRetentionDays(), config.logRetentionDays())));
      case ROBOTS -> new Representation("User-agent: *\nAllow: /\n\nSitemap: " + site.page("/sitemap.xml") + "\n",
          "text/plain; charset=utf-8", Representation.PUBLIC).toResponse(request.headers(), head);
    };
  }

  private String home(SiteUrl site) {
    List<PostSummary> latest = service.list(Listing.published(), HOME_POSTS, Optional.empty()).posts();
    PageHead head = head(site, config.siteName() + " | Relationship coaching", INTRODUCTION, "/", false,
        List.of(JsonLd.script(JsonLd.organization(config.siteName(), site.page("/")))));
    return render(out -> JtehomeGenerated.render(out, null, head, latest));
  }

  private HttpApiResponse listing(HttpRequest request, SiteUrl site, Listing listing, String tag, boolean head) {
    String cursor = request.query("cursor");
    Optional<ListPosition> after = Optional.ofNullable(cursor).map(c -> cursors.position(c, listing));
    PostPage page = service.list(listing, PAGE_SIZE, after);
    if (tag != null && page.posts().isEmpty() && after.isEmpty()) {
      return notFound(request, site, head);
    }
    String path = tag == null ? "/blog/" : Links.tag(tag);
    String next = page.next().map(position -> path + "?cursor=" + Links.query(cursors.encode(position, listing))).orElse(null);
    String self = cursor == null ? path : path + "?cursor=" + Links.query(cursor);
    String heading = tag == null ? "Blog" : "Posts tagged \u201c" + Links.tagLabel(tag) + "\u201d";
    String description = tag == null
        ? "Articles on mindful communication, emotional connection and healthier relationships."
        : "Articles about " + Links.tagLabel(tag) + " from " + config.siteName() + ".";
    List<String> jsonLd = tag == null
        ? List.of()
        : List.of(JsonLd.script(JsonLd.breadcrumbs(List.of(
            new String[] {config.siteName(), site.page("/")},
            new String[] {"Blog", site.page("/blog/")},
            new String[] {Links.tagLabel(tag), site.page(path)}))));
    PageHead pageHead = head(site, heading + " | " + config.siteName(), description, self, false, jsonLd);
    return ok(request, render(out -> JteblogGenerated.render(out, null, pageHead, heading, tag, page.posts(), next)));
  }

  private HttpApiResponse post(HttpRequest request, SiteUrl site, String slugText, boolean head) {
    Optional<Slug> slug = Slug.parse(slugText);
    boolean isPreview = preview.grants(request);
    Lookup<Article> lookup = slug.map(s -> service.article(s, isPreview, RELATED)).orElseGet(PostsService.NotFound::new);
    if (lookup instanceof Moved<Article> moved) {
      Set<String> dropped = moved.preview() ? Set.of() : Set.of(PreviewAccess.PARAMETER);
      return Responses.redirect(301, SiteRoute.withQuery(Links.post(moved.slug().value()), request.query().without(dropped)),
          moved.preview() ? Representation.PRIVATE : Representation.PUBLIC);
    }
    if (!(lookup instanceof Found<Article> found)) {
      return notFound(request, site, head);
    }
    Article view = found.value();
    Post post = view.post();
    List<PostSummary> related = view.related();
    String url = site.postUrl(post.slug());
    PageHead.PreviewImage image = previewImage(site, post.image());
    String published = post.publishedAt().toString();
    String modified = post.updatedAt() == null ? null : post.updatedAt().toString();
    Map<String, Object> posting = JsonLd.base("BlogPosting");
    posting.put("headline", post.title());
    posting.put("description", post.description());
    posting.put("datePublished", published);
    posting.put("dateModified", modified != null ? modified : published);
    posting.put("url", url);
    posting.put("mainEntityOfPage", url);
    posting.put("keywords", post.tags());
    if (post.image() != null) {
      posting.put("image", schemaImage(site, post.image()));
    }
    if (post.author() != null) {
      posting.put("author", Map.of("@type", "Person", "name", post.author()));
    }
    posting.put("publisher", JsonLd.organization(config.siteName(), site.page("/")));
    List<String> jsonLd = List.of(
        JsonLd.script(posting),
        JsonLd.script(JsonLd.breadcrumbs(List.of(
            new String[] {config.siteName(), site.page("/")},
            new String[] {"Blog", site.page("/blog/")},
            new String[] {post.title(), url}))));
    PageHead pageHead = new PageHead(config.siteName(), site.base(), post.title() + " | " + config.siteName(),
        post.description(), url, image, view.preview(), new PageHead.Article(published, modified, post.tags()), jsonLd);
    String body = render(out -> JtepostGenerated.render(out, null, pageHead, post, view.preview(), related));
    return new Representation(body, Responses.HTML, view.preview() ? Representation.PRIVATE : Representation.PUBLIC)
        .toResponse(request.headers(), head);
  }

  /**
   * og:image is the 1200 x 630 crop (smaller for a small picture) with its size, or another site's
   * image as the author gave it, without; and the author's alt text.
   */
  static PageHead.PreviewImage previewImage(SiteUrl site, PostImage image) {
    if (image == null) {
      return null;
    }
    ImageVariant crop = image.openGraph();
    String alt = image.alt().isEmpty() ? null : image.alt();
    if (crop == null) {
      return new PageHead.PreviewImage(site.absolute(image.src()), null, null, alt);
    }
    return new PageHead.PreviewImage(
        site.absolute(crop.path()), Integer.toString(crop.width()), Integer.toString(crop.height()), alt);
  }

  /** JSON-LD's image: the largest variant as an ImageObject with its size, or just the address when that is unknown. */
  private static Object schemaImage(SiteUrl site, PostImage image) {
    ImageVariant largest = Pictures.largest(image);
    if (largest == null) {
      return site.absolute(image.src());
    }
    Map<String, Object> object = new java.util.LinkedHashMap<>();
    object.put("@type", "ImageObject");
    object.put("url", site.absolute(largest.path()));
    object.put("width", largest.width());
    object.put("height", largest.height());
    if (!image.alt().isEmpty()) {
      object.put("caption", image.alt());
    }
    return object;
  }

  private HttpApiResponse notFound(HttpRequest request, SiteUrl site, boolean head) {
    String cache = PreviewAccess.asked(request) ? Representation.PRIVATE : NOT_FOUND_CACHE;
    return error(site, 404, "Page not found", "Sorry, there is nothing at this address. It may have moved.", cache, Map.of(), head);
  }

  private HttpApiResponse error(
      SiteUrl site, int status, String heading, String text, String cacheControl, Map<String, String> extra, boolean head) {
    PageHead pageHead = head(site, heading + " | " + config.siteName(), text, null, true, List.of());
    String body = render(out -> JteerrorGenerated.render(out, null, pageHead, heading, text));
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("Cache-Control", cacheControl);
    return Responses.response(status, Responses.HTML, head ? null : body, headers);
  }

  private HttpApiResponse ok(HttpRequest request, String body) {
    return new Representation(body, Responses.HTML, Representation.PUBLIC).toResponse(request.headers(), request.method().equals("HEAD"));
  }

  private PageHead head(SiteUrl site, String title, String description, String path, boolean noindex, List<String> jsonLd) {
    return new PageHead(config.siteName(), site.base(), title, description, path == null ? null : site.page(path), null, noindex, null, jsonLd);
  }

  private static String render(Consumer<HtmlTemplateOutput> template) {
    StringOutput out = new StringOutput(16 * 1024);
    template.accept(new OwaspHtmlTemplateOutput(out));
    return out.toString();
  }
}
