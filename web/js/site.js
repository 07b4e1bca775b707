// Loaded by every page: points the links that lead to the API (the RSS feed, the booking form's
// action) at the API address of config.js. Without JavaScript they keep their same-origin paths.
import { apiUrl } from "./api.js";

for (const element of document.querySelectorAll("[data-api-path]")) {
  const attribute = element.tagName === "FORM" ? "action" : "href";
  element.setAttribute(attribute, apiUrl(element.dataset.apiPath));
}
