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

/** A thumbnail is at most 9rem (144 CSS px) wide: a variant this wide is sharp at 3 device pixels per px. */
const THUMBNAIL_PIXELS = 3 * 144;
/** The thumbnail's width in styles.css (.card-image), as the server's Picture.THUMBNAIL_SIZES says it. */
const THUMBNAIL_SIZES = "(max-width: 30rem) 6rem, 9rem";

/**
 * The card's thumbnail from the JSON's image {url, width, height, srcset}, as the server's
 * cards.jte writes it: the ascending variants up to the first wide enough, the last of them as src,
 * the picture's width and height for its aspect ratio, and alt="" because the card's title beside
 * it already names the post.
 */
export function thumbnail(image) {
  const candidates = image.srcset
    ? image.srcset.split(", ").map((candidate) => {
        const space = candidate.lastIndexOf(" ");
        return { url: candidate.slice(0, space), width: Number.parseInt(candidate.slice(space + 1), 10) };
      })
    : [];
  const chosen = [];
  for (const candidate of candidates) {
    chosen.push(candidate);
    if (candidate.width >= THUMBNAIL_PIXELS) break;
  }
  const img = el("img", "card-image");
  img.setAttribute("src", chosen.length ? chosen[chosen.length - 1].url : image.url);
  if (chosen.length) {
    img.setAttribute("srcset", chosen.map((candidate) => `${candidate.url} ${candidate.width}w`).join(", "));
    img.setAttribute("sizes", THUMBNAIL_SIZES);
  }
  if (image.width != null && image.height != null) {
    img.setAttribute("width", String(image.width));
    img.setAttribute("height", String(image.height));
  }
  img.setAttribute("alt", "");
  img.setAttribute("loading", "lazy");
  img.setAttribute("decoding", "async");
  return img;
}

/**
 * <li class="card" data-testid="post-card">: the thumbnail when the post has a picture, <h2 class="card-title"><a href="/blog/<slug>">, the date
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

  if (post.image && post.image.url) card.append(thumbnail(post.image));
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
