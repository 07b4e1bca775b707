// Load more on /blog/ and /blog/tag/<tag>/. The server renders each page of posts with a real
// "Older posts" link (rel=next, ?cursor=); with JavaScript a click fetches the same page from the
// JSON API instead and appends it in place. The cursor is the one the API answers as nextCursor
// for the same listing. If the fetch fails, the link is followed as a plain link.
import { getJson } from "./api.js";
import { el, postCard } from "./cards.js";

const list = document.querySelector('[data-testid="post-list"]');
const link = document.querySelector('a[rel="next"][data-testid="load-more"]');
let loading = false;

/** The live region that announces what was added; made now, before anything is announced. */
function statusRegion() {
  let region = document.querySelector('[data-testid="list-status"]');
  if (!region) {
    region = el("p", "visually-hidden");
    region.setAttribute("role", "status");
    region.dataset.testid = "list-status";
    list.after(region);
  }
  return region;
}

/** The JSON page matching the link's HTML page: its cursor, and its tag from /blog/tag/<tag>/. */
function apiPath(next) {
  const query = new URLSearchParams({ cursor: next.searchParams.get("cursor") || "" });
  const tag = next.pathname.match(/^\/blog\/tag\/([^/]+)\/$/);
  if (tag) query.set("tag", decodeURIComponent(tag[1]));
  return `/posts?${query}`;
}

async function loadMore(event, status) {
  event.preventDefault();
  if (loading) return;
  loading = true;
  const next = new URL(link.href);
  link.setAttribute("aria-disabled", "true");
  list.setAttribute("aria-busy", "true");
  status.textContent = "Loading more posts…";
  let page;
  try {
    page = await getJson(apiPath(next));
  } catch {
    location.assign(next.href); // the server renders the same page
    return;
  }
  const cards = page.posts.map(postCard);
  list.append(...cards);
  list.removeAttribute("aria-busy");
  const count = `${cards.length} more post${cards.length === 1 ? "" : "s"} loaded.`;
  if (page.nextCursor) {
    next.searchParams.set("cursor", page.nextCursor);
    link.href = `${next.pathname}${next.search}`;
    link.removeAttribute("aria-disabled");
    status.textContent = count;
  } else {
    link.remove();
    status.textContent = `${count} That is all the posts.`;
  }
  // Keyboard users go on where the new posts begin.
  cards[0]?.querySelector("a")?.focus();
  loading = false;
}

if (list && link) {
  const status = statusRegion();
  link.addEventListener("click", (event) => loadMore(event, status));
}
