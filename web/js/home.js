// The home page: the three newest posts.
import { describeError, getJson } from "./api.js";
import { postCard } from "./cards.js";

const list = document.getElementById("latest-list");
const status = document.getElementById("latest-status");

status.textContent = "Loading the latest posts…";
try {
  const { posts } = await getJson("/posts?limit=3");
  list.append(...posts.map((post) => postCard(post, { headingLevel: 3 })));
  status.textContent = posts.length ? "" : "The first posts are on their way.";
} catch (error) {
  status.textContent = describeError(error);
}
