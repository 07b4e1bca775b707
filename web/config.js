// The website's one configuration file. Edit it when you deploy; nothing else needs to change.

// Where the API lives, without a trailing slash.
//   ""  = the same origin as the website: the local run (http://localhost:3000), or a CDN that
//         forwards /posts*, /tags, /feed.xml, /sitemap.xml and /consultations to the API.
//   "https://abcde12345.execute-api.us-east-1.amazonaws.com" = the stack's ApiUrl output, called
//         cross-origin: the stack's SiteOrigin parameter must then be this website's origin.
export const API_BASE_URL = "";

// How links to a post are written.
//   false = /blog/post.html?slug=<slug>, which works on any static host as it is.
//   true  = /blog/<slug>, the API's canonical URLs; only when the host rewrites /blog/<slug> to
//           /blog/post.html (see web/README.md).
export const PRETTY_POST_URLS = false;
