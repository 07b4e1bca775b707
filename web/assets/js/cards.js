// A post card as the server renders it on /blog/ and /blog/tag/<tag>/ (the site contract's markup),
// built from the JSON API's post summary. Every string is inserted as text, never as HTML.

// The API's dates are instants in UTC; a post dated 2025-11-03 is 2025-11-03T00:00:00Z, so the day
// is read in UTC (in the visitor's zone it could show as the 2nd).
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** Creates an element with a class and text. */
export function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text != null) element.textContent = text;
  return element;
}

/** Only a tag that is a slug has a page (the server shows any other without a link). */
const TAG_PAGE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * <li class="card" data-testid="post-card">: <h2 class="card-title"><a href="/blog/<slug>">, the date
 * as <time>, the reading time, the description, the tags ("emotional connection") as links to
 * /blog/tag/<tag>/: the same markup as functions/posts-api/src/main/jte/cards.jte.
 */
export function postCard(post) {
  const card = el("li", "card");
  card.dataset.testid = "post-card";
  card.dataset.slug = post.slug;

  const heading = el("h2", "card-title");
  const link = el("a", null, post.title);
  link.href = `/blog/${encodeURIComponent(post.slug)}`;
  heading.append(link);

  const meta = el("p", "card-meta");
  const time = el("time");
  time.dateTime = post.date;
  const date = new Date(post.date);
  time.textContent = Number.isNaN(date.getTime()) ? "" : DATE.format(date);
  meta.append(time, el("span", "meta-sep", " · "), el("span", "reading-time", `${post.readingMinutes} min read`));

  card.append(heading, meta);
  if (post.description) card.append(el("p", "card-description", post.description));
  if (post.tags && post.tags.length) {
    const tags = el("ul", "tag-list");
    tags.setAttribute("aria-label", "Tags");
    for (const tag of post.tags) {
      const item = el("li");
      const label = tag.replaceAll("-", " ");
      if (TAG_PAGE.test(tag) && tag.length <= 100) {
        const tagLink = el("a", "tag", label);
        tagLink.href = `/blog/tag/${encodeURIComponent(tag)}/`;
        item.append(tagLink);
      } else {
        item.append(el("span", "tag", label));
      }
      tags.append(item);
    }
    card.append(tags);
  }
  return card;
}
