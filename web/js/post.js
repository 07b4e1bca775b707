// One post (/blog/post.html?slug=<slug>, or /blog/<slug> where the host rewrites it to this page):
// the post, its table of contents, the call to action and "You may also like".
// The author previews a draft with /blog/post.html?slug=<slug>&preview=<PreviewToken>.
import { getJson, describeError } from "./api.js";
import { SLUG, el, formatDate, postCard, postHref } from "./cards.js";

const params = new URLSearchParams(location.search);
const previewToken = params.get("preview");
const siteName =
  document.querySelector('meta[property="og:site_name"]')?.content || "Mindful Relationships";

const status = document.getElementById("post-status");
const errorRegion = document.getElementById("post-error");
const article = document.getElementById("post-article");
const notFound = document.getElementById("post-not-found");
const cta = document.getElementById("post-cta");
const related = document.getElementById("related");

/** ?slug=, or else the last segment of /blog/<slug> (a host rewrite keeps the address). */
function requestedSlug() {
  const fromQuery = params.get("slug");
  if (fromQuery !== null) return fromQuery.trim();
  const match = location.pathname.match(/^\/blog\/([^/]+)\/?$/);
  if (!match || match[1] === "post.html") return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

async function main() {
  const slug = requestedSlug();
  if (!slug || !SLUG.test(slug) || slug.length > 100) {
    showNotFound();
    return;
  }
  errorRegion.replaceChildren();
  status.textContent = "Loading the post…";
  // Both requests at once; a former slug is redirected (301) and fetch follows it.
  const relatedPosts = getJson(`/posts/${slug}/related?limit=3`).catch(() => null);
  const headers = previewToken ? { "X-Preview-Token": previewToken } : {};
  let post;
  try {
    post = await getJson(`/posts/${slug}`, { headers });
  } catch (error) {
    status.textContent = "";
    if (error.status === 404 || error.status === 400) {
      showNotFound();
    } else {
      showError(describeError(error));
    }
    return;
  }
  status.textContent = "";
  if (post.slug !== slug) {
    // Reached through a former slug or an alias: show the current address.
    const url = new URL(postHref(post.slug), location.origin);
    if (previewToken) url.searchParams.set("preview", previewToken);
    history.replaceState(null, "", url.pathname + url.search + location.hash);
  }
  renderPost(post);
  // A link to a heading (#id) could not be followed before the post was there.
  if (location.hash.length > 1) {
    try {
      document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    } catch {
      // A malformed fragment: stay at the top.
    }
  }
  renderRelated(await relatedPosts);
}

function renderPost(post) {
  document.getElementById("post-title").textContent = post.title;
  const date = document.getElementById("post-date");
  date.dateTime = post.date;
  date.textContent = formatDate(post.date);
  document.getElementById("post-reading-time").textContent = `${post.readingMinutes} min read`;
  if (post.image) {
    const image = document.getElementById("post-image");
    image.src = post.image;
    image.hidden = false;
  }
  if (post.preview) {
    document.getElementById("post-preview").hidden = false;
    setMeta("name", "robots", "noindex");
  }
  renderToc(post.toc || []);
  // The one place HTML from the API is inserted as HTML: the body, sanitised by the publisher.
  document.getElementById("post-body").innerHTML = post.html;

  document.title = `${post.title} | ${siteName}`;
  setMeta("name", "description", post.description);
  setCanonical(post.canonicalUrl);
  setMeta("property", "og:title", post.title);
  setMeta("property", "og:description", post.description);
  setMeta("property", "og:url", post.canonicalUrl);
  setMeta("property", "article:published_time", post.date);
  if (post.updated) setMeta("property", "article:modified_time", post.updated);
  if (post.image) {
    setMeta("property", "og:image", post.image);
    setMeta("name", "twitter:card", "summary_large_image");
  } else {
    setMeta("name", "twitter:card", "summary");
  }

  article.hidden = false;
  cta.hidden = false;
}

function renderToc(toc) {
  if (toc.length < 3) return;
  const nav = document.getElementById("post-toc");
  const list = nav.querySelector("ol");
  for (const entry of toc) {
    const item = el("li", entry.level === 3 ? "toc-sub" : null);
    const link = el("a", null, entry.text);
    link.href = `#${encodeURIComponent(entry.id)}`;
    item.append(link);
    list.append(item);
  }
  nav.hidden = false;
}

function renderRelated(data) {
  if (!data || !Array.isArray(data.posts) || data.posts.length === 0) return;
  const list = document.getElementById("related-list");
  list.append(...data.posts.map((post) => postCard(post, { headingLevel: 3, tags: false })));
  related.hidden = false;
}

function showNotFound() {
  article.hidden = true;
  cta.hidden = true;
  notFound.hidden = false;
  document.title = `Post not found | ${siteName}`;
  setMeta("name", "robots", "noindex");
}

function showError(message) {
  errorRegion.replaceChildren();
  const box = el("div", "alert");
  box.append(el("p", null, message));
  const retry = el("button", "button button-secondary", "Try again");
  retry.type = "button";
  retry.dataset.testid = "post-retry";
  retry.addEventListener("click", () => {
    main();
  });
  box.append(retry);
  errorRegion.append(box);
}

/** Sets <meta name|property="key" content="value">, creating it if needed. */
function setMeta(attribute, key, value) {
  let meta = document.head.querySelector(`meta[${attribute}="${key}"]`);
  if (!meta) {
    meta = document.createElement("meta");
    meta.setAttribute(attribute, key);
    document.head.append(meta);
  }
  meta.setAttribute("content", value);
}

function setCanonical(url) {
  let link = document.head.querySelector('link[rel="canonical"]');
  if (!link) {
    link = document.createElement("link");
    link.rel = "canonical";
    document.head.append(link);
  }
  link.href = url;
}

main();
