// What the blog index, the home page and "You may also like" share: post links, dates, tags and
// the card of a post summary. Every API string is inserted as text, never as HTML.
import { PRETTY_POST_URLS } from "../config.js";

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The website's link to a post (see PRETTY_POST_URLS in config.js). */
export function postHref(slug) {
  const encoded = encodeURIComponent(slug);
  return PRETTY_POST_URLS ? `/blog/${encoded}` : `/blog/post.html?slug=${encoded}`;
}

/** The blog index filtered by a tag. */
export function tagHref(tag) {
  return `/blog/?tag=${encodeURIComponent(tag)}`;
}

/** A tag's slug as words: "emotional-connection" -> "emotional connection". */
export function tagLabel(tag) {
  return tag.replace(/-/g, " ");
}

// The API's dates are instants in UTC; a post dated 2025-11-03 is 2025-11-03T00:00:00Z, so the day
// is read in UTC (in the visitor's zone it could show as the 2nd).
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** "November 3, 2025" */
export function formatDate(instant) {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? "" : DATE.format(date);
}

/** <time datetime="...">November 3, 2025</time> */
export function timeElement(instant) {
  const time = document.createElement("time");
  time.dateTime = instant;
  time.textContent = formatDate(instant);
  return time;
}

/** Creates an element with a class and text. */
export function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text != null) element.textContent = text;
  return element;
}

/**
 * A post summary as a list item holding an <article class="card">: title (a link, a heading of
 * the given level), date, reading time, description, and, unless `tags` is false, its tags.
 */
export function postCard(post, { headingLevel = 2, tags = true } = {}) {
  const item = el("li", "card-item");
  const card = el("article", "card");
  card.dataset.testid = "post-card";
  card.dataset.slug = post.slug;

  const heading = el(`h${headingLevel}`, "card-title");
  const link = el("a", null, post.title);
  link.href = postHref(post.slug);
  heading.append(link);

  const meta = el("p", "card-meta");
  meta.append(timeElement(post.date), el("span", "meta-sep", " · "));
  meta.append(el("span", "reading-time", `${post.readingMinutes} min read`));

  card.append(heading, meta);
  if (post.description) card.append(el("p", "card-description", post.description));
  if (tags && post.tags && post.tags.length) card.append(tagList(post.tags));
  item.append(card);
  return item;
}

/** The tags of a post as links to the filtered blog index. */
export function tagList(tags) {
  const list = el("ul", "tag-list");
  list.setAttribute("aria-label", "Tags");
  for (const tag of tags) {
    const item = el("li");
    const link = el("a", "tag", tagLabel(tag));
    link.href = tagHref(tag);
    item.append(link);
    list.append(item);
  }
  return list;
}
