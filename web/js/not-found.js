// 404.html: a host without a rewrite for /blog/<slug> (the API's canonical post URLs, used by the
// RSS feed and the sitemap) serves this page for them; send the visitor on to the post page.
// Search engines still get a 404 status for those URLs: a rewrite on the host is better (README.md).
import { SLUG, postHref } from "./cards.js";

const match = location.pathname.match(/^\/blog\/([^/]+)\/?$/);
if (match && SLUG.test(match[1]) && postHref(match[1]) !== location.pathname) {
  location.replace(postHref(match[1]) + location.hash);
}
