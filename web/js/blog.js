// The blog index (/blog/): a page of posts at a time with "Load more", and a tag filter whose
// choice is in the URL (/blog/?tag=communication), so a filtered listing can be linked to.
import { getJson, describeError } from "./api.js";
import { SLUG, el, postCard, tagHref, tagLabel } from "./cards.js";

const PAGE_SIZE = 10;

const heading = document.getElementById("blog-heading");
const list = document.getElementById("post-list");
const status = document.getElementById("blog-status");
const errorRegion = document.getElementById("blog-error");
const loadMore = document.getElementById("load-more");
const filter = document.getElementById("tag-filter");

const tag = selectedTag();
let cursor = null;
let loading = false;

/** The ?tag= of the URL as a slug ("Emotional Connection" -> "emotional-connection"), or null. */
function selectedTag() {
  const params = new URLSearchParams(location.search);
  const raw = params.get("tag");
  if (raw === null || raw.trim() === "") return null;
  const slug = raw.trim().toLowerCase().replace(/[\s_]+/g, "-");
  if (SLUG.test(slug) && slug.length <= 100) {
    if (slug !== raw) {
      params.set("tag", slug);
      history.replaceState(null, "", `${location.pathname}?${params}`);
    }
    return slug;
  }
  params.delete("tag");
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? `?${query}` : ""));
  return null;
}

function showError(message, retry) {
  errorRegion.replaceChildren();
  const box = el("div", "alert");
  box.append(el("p", null, message));
  if (retry) {
    const button = el("button", "button button-secondary", "Try again");
    button.type = "button";
    button.dataset.testid = "blog-retry";
    button.addEventListener("click", retry);
    box.append(button);
  }
  errorRegion.append(box);
}

async function loadPage() {
  if (loading) return;
  loading = true;
  const first = cursor === null;
  errorRegion.replaceChildren();
  status.textContent = first ? "Loading posts…" : "Loading more posts…";
  list.setAttribute("aria-busy", "true");
  loadMore.disabled = true;

  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (tag) query.set("tag", tag);
  if (cursor) query.set("cursor", cursor);
  try {
    const page = await getJson(`/posts?${query}`);
    const added = page.posts.map((post) => postCard(post));
    list.append(...added);
    cursor = page.nextCursor;
    loadMore.hidden = !cursor;
    if (first && added.length === 0) {
      status.textContent = "";
      showEmpty();
    } else if (first) {
      status.textContent = "";
    } else {
      status.textContent = `${added.length} more post${added.length === 1 ? "" : "s"} loaded.`;
      // Focus the first new post, so keyboard users continue where the new posts begin.
      added[0]?.querySelector("a")?.focus();
    }
  } catch (error) {
    status.textContent = "";
    showError(describeError(error), first ? retryFirst : null);
    if (!first) loadMore.hidden = false;
  } finally {
    list.removeAttribute("aria-busy");
    loadMore.disabled = false;
    loading = false;
  }
}

function retryFirst() {
  cursor = null;
  list.replaceChildren();
  loadPage().then(() => list.querySelector("a")?.focus());
}

function showEmpty() {
  const item = el("li", "empty");
  item.dataset.testid = "blog-empty";
  if (tag) {
    item.append(el("p", null, `There are no posts about “${tagLabel(tag)}” yet. `));
    const all = el("a", null, "See all posts");
    all.href = "/blog/";
    item.firstChild.append(all);
  } else {
    item.append(el("p", null, "There are no posts yet. Please come back soon."));
  }
  list.append(item);
}

async function loadTags() {
  let tags;
  try {
    ({ tags } = await getJson("/tags"));
  } catch {
    return; // The filter is a convenience: the listing works without it.
  }
  if (!tags.length) return;
  const items = filter.querySelector("ul");
  items.append(filterLink("All posts", "/blog/", null, null, tag === null));
  for (const { tag: name, count } of tags) {
    items.append(filterLink(tagLabel(name), tagHref(name), name, count, name === tag));
  }
  filter.hidden = false;
}

function filterLink(label, href, name, count, current) {
  const item = el("li");
  const link = el("a", "filter-link", label);
  link.href = href;
  link.dataset.testid = "tag-link";
  if (name !== null) {
    link.dataset.tag = name;
    const badge = el("span", "count", String(count));
    badge.append(el("span", "visually-hidden", count === 1 ? " post" : " posts"));
    link.append(" ", badge);
  }
  if (current) link.setAttribute("aria-current", "page");
  item.append(link);
  return item;
}

if (tag) {
  heading.textContent = `Posts about “${tagLabel(tag)}”`;
  document.title = `Posts about ${tagLabel(tag)} | Blog | Mindful Relationships`;
}
loadMore.addEventListener("click", loadPage);
loadTags();
loadPage();
