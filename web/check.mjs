#!/usr/bin/env node
// Structural checks of the website, with Node's standard library only (no browser, no npm):
//   node web/check.mjs
// Every page: doctype, lang, charset, viewport, title, styles.css, landmarks, skip link, one <main>,
// headings in order, alt text, unique ids, id references that exist, local links and scripts that
// exist, no inline script or event handler. book.html: the form works without JavaScript, a label
// for every field, the honeypot hidden the right way. Scripts: they parse as modules, their imports
// exist, config.js is the only place the API's address is set, api.js the only one that fetches,
// innerHTML only for the post's body. The test ids in README.md exist. The colours meet WCAG AA.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".") || name === "node_modules") return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(root, path).split("\\").join("/")];
  });
}
const files = walk(root);
const read = (file) => readFileSync(join(root, file), "utf8");
const pages = files.filter((f) => f.endsWith(".html"));
const scripts = files.filter((f) => f.endsWith(".js"));

// ---- A small HTML tree: enough for well-formed pages we write ourselves. ----
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

function parse(html) {
  const doc = { tag: "#document", attrs: {}, children: [], parent: null, text: "" };
  let node = doc;
  const source = html.replace(/<!--[\s\S]*?-->/g, "");
  const token = /<\/?([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>|([^<]+)|(<!doctype[^>]*>)|(<)/gi;
  let match;
  while ((match = token.exec(source))) {
    const [whole, name, attrText, text] = match;
    if (text !== undefined || match[5] !== undefined) {
      for (let n = node; n; n = n.parent) n.text += text ?? "<";
      continue;
    }
    if (match[4] !== undefined) continue;
    const tag = name.toLowerCase();
    if (whole.startsWith("</")) {
      // Strict: we write every end tag, so a mismatch is a mistake.
      if (node.tag !== tag) throw new Error(`</${tag}> where <${node.tag}> is still open`);
      node = node.parent;
      continue;
    }
    const attrs = {};
    for (const [, key, , dq, sq, bare] of attrText.matchAll(/([^\s=>/]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[key.toLowerCase()] = dq ?? sq ?? bare ?? "";
    }
    const element = { tag, attrs, children: [], parent: node, text: "" };
    node.children.push(element);
    if (!VOID.has(tag)) node = element;
  }
  if (node !== doc) throw new Error(`<${node.tag}> is never closed`);
  return doc;
}

const all = (node) => node.children.flatMap((child) => [child, ...all(child)]);
const ancestors = function* (node) {
  for (let n = node.parent; n; n = n.parent) yield n;
};

// Paths the API serves (same origin in the local run); site.js rewrites those marked data-api-path.
const API_PATHS = ["/feed.xml", "/sitemap.xml", "/consultations", "/posts", "/tags"];

// ---- Every page ----
const testIdsInFiles = new Set();
for (const page of pages) {
  const html = read(page);
  let doc;
  try {
    doc = parse(html);
  } catch (error) {
    failures.push(`${page}: cannot be parsed (${error.message})`);
    continue;
  }
  const elements = all(doc);
  const find = (predicate) => elements.filter(predicate);
  const byTag = (tag) => find((e) => e.tag === tag);
  const p = (message) => `${page}: ${message}`;

  check(/^<!doctype html>/i.test(html.trimStart()), p("does not start with <!doctype html>"));
  check(byTag("html")[0]?.attrs.lang === "en", p('has no <html lang="en">'));
  check(find((e) => e.tag === "meta" && e.attrs.charset?.toLowerCase() === "utf-8").length === 1, p("has no <meta charset=\"utf-8\">"));
  check(find((e) => e.tag === "meta" && e.attrs.name === "viewport" && /width=device-width/.test(e.attrs.content)).length === 1, p("has no viewport meta"));
  check(byTag("title")[0]?.text.trim(), p("has no <title>"));
  check(find((e) => e.tag === "link" && e.attrs.rel === "stylesheet" && e.attrs.href === "/styles.css").length === 1, p("does not link /styles.css"));
  const mains = byTag("main");
  check(mains.length === 1 && mains[0].attrs.id === "main", p('needs exactly one <main id="main">'));
  for (const landmark of ["header", "nav", "footer"]) check(byTag(landmark).length > 0, p(`has no <${landmark}>`));
  const firstLink = byTag("a")[0];
  check(firstLink?.attrs.href === "#main" && firstLink.attrs.class === "skip-link", p("the first link is not the skip link to #main"));
  check(byTag("h1").length >= 1, p("has no <h1>"));

  let previous = 0;
  for (const heading of find((e) => /^h[1-6]$/.test(e.tag))) {
    const level = Number(heading.tag[1]);
    check(level <= previous + 1, p(`heading <${heading.tag}> "${heading.text.trim()}" skips a level after h${previous}`));
    previous = level;
  }

  for (const img of byTag("img")) check("alt" in img.attrs, p(`an <img> has no alt`));

  const ids = new Map();
  for (const e of elements) {
    if (e.attrs.id === undefined) continue;
    check(!ids.has(e.attrs.id), p(`id "${e.attrs.id}" is used twice`));
    ids.set(e.attrs.id, e);
  }
  for (const e of elements) {
    for (const attribute of ["aria-labelledby", "aria-describedby", "for", "list"]) {
      if (e.attrs[attribute] === undefined) continue;
      for (const id of e.attrs[attribute].split(/\s+/).filter(Boolean)) {
        check(ids.has(id), p(`<${e.tag} ${attribute}="${id}"> points at no element`));
      }
    }
    const href = e.attrs.href;
    if (href?.startsWith("#") && href.length > 1) check(ids.has(href.slice(1)), p(`link to ${href}: no such id`));
    if (e.attrs["data-testid"]) testIdsInFiles.add(e.attrs["data-testid"]);
    for (const key of Object.keys(e.attrs)) check(!key.startsWith("on"), p(`inline event handler ${key}`));
  }

  for (const script of byTag("script")) {
    check(script.attrs.src, p("has an inline <script> (keep scripts in js/, so a strict CSP can apply)"));
    check(script.attrs.type === "module", p(`<script src="${script.attrs.src}"> is not type="module"`));
  }

  // Local links, sources and actions: the file must exist (API paths are marked data-api-path).
  for (const e of elements) {
    for (const attribute of ["href", "src", "action"]) {
      const url = e.attrs[attribute];
      if (!url || !url.startsWith("/") || url.startsWith("//")) continue;
      if (API_PATHS.some((api) => url === api || url.startsWith(`${api}?`))) continue;
      const path = url.replace(/[?#].*$/, "").slice(1);
      const target = path === "" || path.endsWith("/") ? `${path}index.html` : path;
      check(files.includes(target), p(`${attribute}="${url}" leads to no file of web/`));
    }
  }
}

// ---- book.html: the form ----
{
  const page = "book.html";
  const doc = parse(read(page));
  const elements = all(doc);
  const p = (message) => `${page}: ${message}`;
  const forms = elements.filter((e) => e.tag === "form");
  check(forms.length === 1, p("needs exactly one <form>"));
  const form = forms[0];
  check(form.attrs.method?.toLowerCase() === "post", p("the form's method is not post"));
  check(form.attrs.action === "/consultations", p('the form\'s action is not "/consultations" (same origin without JavaScript)'));
  check(form.attrs.enctype === "application/x-www-form-urlencoded", p("the form's enctype is not application/x-www-form-urlencoded"));
  check(form.attrs["data-api-path"] === "/consultations", p('the form has no data-api-path="/consultations" (site.js points it at API_BASE_URL)'));

  const controls = all(form).filter(
    (e) => ["input", "select", "textarea"].includes(e.tag) && !["submit", "button", "hidden", "reset"].includes(e.attrs.type),
  );
  const labels = elements.filter((e) => e.tag === "label");
  for (const control of controls) {
    const name = control.attrs.name;
    check(name, p(`a <${control.tag}> has no name`));
    const labelled =
      (control.attrs.id && labels.some((l) => l.attrs.for === control.attrs.id && l.text.trim())) ||
      [...ancestors(control)].some((a) => a.tag === "label");
    check(labelled, p(`field "${name}" has no <label>`));
  }
  const names = controls.map((c) => c.attrs.name).sort();
  const expected = ["consent", "email", "message", "name", "phone", "preferredTimes", "timezone", "website"];
  check(JSON.stringify(names) === JSON.stringify(expected), p(`fields are ${names.join(", ")}; expected ${expected.join(", ")}`));
  for (const name of ["name", "email", "consent"]) {
    check(controls.find((c) => c.attrs.name === name)?.attrs.required !== undefined, p(`"${name}" is not required`));
  }

  const honeypot = all(form).find((e) => e.tag === "input" && e.attrs.name === "website");
  check(honeypot, p("has no honeypot input named website"));
  if (honeypot) {
    check(honeypot.attrs.type !== "hidden", p("the honeypot must not be type=hidden (bots skip those)"));
    check(honeypot.attrs.tabindex === "-1", p('the honeypot has no tabindex="-1"'));
    check(honeypot.attrs.autocomplete === "off", p('the honeypot has no autocomplete="off"'));
    check(honeypot.attrs.required === undefined, p("the honeypot must not be required"));
    const hidden = [honeypot, ...ancestors(honeypot)].find((e) => e.attrs["aria-hidden"] === "true");
    check(hidden, p('the honeypot is not inside aria-hidden="true"'));
    const css = read("styles.css");
    const className = hidden?.attrs.class?.split(/\s+/)[0];
    const rule = className && css.match(new RegExp(`\\.${className}\\s*\\{([^}]*)\\}`));
    check(rule && /position:\s*absolute/.test(rule[1]) && /(left:\s*-\d|clip)/.test(rule[1]),
      p("the honeypot's container is not moved out of sight in styles.css"));
    check(!rule || !/display:\s*none|visibility:\s*hidden/.test(rule[1]), p("the honeypot must be visually hidden, not display:none"));
  }
  const summary = elements.find((e) => e.attrs.id === "error-summary");
  check(summary?.attrs.role === "alert", p('#error-summary has no role="alert"'));
}

// ---- Scripts ----
const tmp = mkdtempSync(join(tmpdir(), "web-check-"));
try {
  for (const script of scripts.filter((f) => f !== "check.mjs")) {
    const source = read(script);
    // Parse as a module (imports are not followed by --check).
    const copy = join(tmp, script.replace(/\//g, "__") + ".mjs");
    writeFileSync(copy, source);
    try {
      execFileSync(process.execPath, ["--check", copy], { stdio: "pipe" });
    } catch (error) {
      failures.push(`${script}: does not parse as a module:\n${error.stderr}`);
    }
    for (const [, specifier] of source.matchAll(/\bimport\s*(?:[^"'();]*?\sfrom\s*)?["']([^"']+)["']/g)) {
      check(specifier.startsWith("./") || specifier.startsWith("../"), `${script}: imports "${specifier}" (only relative imports of our own files)`);
      const target = join(dirname(join(root, script)), specifier);
      check(existsSync(target), `${script}: imports "${specifier}", which does not exist`);
    }
    for (const [, , id] of source.matchAll(/testid\s*=\s*(["'`])([^"'`$]+)\1/g)) testIdsInFiles.add(id);
    for (const [, prefix] of source.matchAll(/testid\s*=\s*`([^`$]*)\$\{/g)) testIdsInFiles.add(`${prefix}<field>`);

    if (script !== "config.js" && script !== "js/api.js") {
      check(!/API_BASE_URL/.test(source), `${script}: mentions API_BASE_URL (call the API through js/api.js)`);
    }
    if (script !== "js/api.js") check(!/\bfetch\s*\(/.test(source), `${script}: calls fetch (use js/api.js)`);
    const innerHtml = source.match(/\.innerHTML\s*=/g) || [];
    check(innerHtml.length <= (script === "js/post.js" ? 1 : 0), `${script}: sets innerHTML (insert API strings as text)`);
    check(!/insertAdjacentHTML|outerHTML\s*=|document\.write|\beval\s*\(|new Function\s*\(/.test(source), `${script}: builds HTML or code from strings`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const config = read("config.js");
check(/^export const API_BASE_URL = "(|https?:\/\/[^"\s]*[^/"])";$/m.test(config), 'config.js: no `export const API_BASE_URL = "..."` (empty, or a URL without a trailing slash)');
for (const file of files.filter((f) => !["config.js", "README.md", "check.mjs"].includes(f))) {
  const text = read(file);
  check(!/execute-api\.|localhost|127\.0\.0\.1|API_BASE_URL\s*=/.test(text), `${file}: names an API address; only config.js may`);
}

// ---- The test ids that README.md promises ----
const readme = read("README.md");
const documented = new Set([...readme.matchAll(/^\|\s*`([a-z][\w<>-]*)`\s*\|/gm)].map((m) => m[1]));
check(documented.size > 0, "README.md: no table of test ids");
for (const id of documented) check(testIdsInFiles.has(id), `README.md documents test id "${id}", which no page or script sets`);
for (const id of testIdsInFiles) check(documented.has(id), `test id "${id}" is not documented in README.md`);

// ---- Colour contrast (WCAG 2.1 AA) of the palette in styles.css ----
const css = read("styles.css");
const colour = Object.fromEntries([...css.matchAll(/--color-([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1], m[2]]));
const luminance = (hex) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const pairs = [
  // [foreground, background, minimum]: text 4.5, borders and focus rings 3
  ["text", "bg", 4.5], ["text", "surface", 4.5], ["text", "tint", 4.5], ["text", "success-bg", 4.5],
  ["muted", "bg", 4.5], ["muted", "surface", 4.5], ["muted", "tint", 4.5],
  ["accent", "bg", 4.5], ["accent", "surface", 4.5], ["accent", "tint", 4.5], ["accent", "success-bg", 4.5],
  ["accent-dark", "tint", 4.5], ["on-accent", "accent", 4.5], ["on-accent", "accent-dark", 4.5],
  ["error", "bg", 4.5], ["error", "surface", 4.5], ["error", "error-bg", 4.5], ["text", "error-bg", 4.5],
  ["input-border", "surface", 3], ["focus", "bg", 3], ["focus", "surface", 3], ["focus", "tint", 3],
];
for (const [fg, bg, minimum] of pairs) {
  if (!colour[fg] || !colour[bg]) {
    failures.push(`styles.css: --color-${fg} or --color-${bg} is missing`);
    continue;
  }
  const ratio = contrast(colour[fg], colour[bg]);
  check(ratio >= minimum, `styles.css: --color-${fg} on --color-${bg} is ${ratio.toFixed(2)}:1, below ${minimum}:1`);
}
check(/prefers-reduced-motion:\s*reduce/.test(css), "styles.css: no prefers-reduced-motion rule");
check(/:focus-visible\s*\{[^}]*outline:\s*\d/.test(css), "styles.css: no visible focus style");

if (failures.length) {
  console.error(`web/check.mjs: ${failures.length} problem(s)\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`web/check.mjs: ${pages.length} pages, ${scripts.length} scripts, ${pairs.length} colour pairs: all checks passed`);
