#!/usr/bin/env node
// Checks of the site's static assets (web/, uploaded as is to the site bucket), with Node's
// standard library only (no browser, no npm):   node web/check.mjs
// No HTML pages (the posts-api function renders them). Scripts: ES modules that parse, relative
// imports that exist, only assets/js/api.js calls fetch, no HTML built from strings, no API
// address. The test ids the scripts set are documented in README.md. The favicons are what their
// names say. The palette meets WCAG AA. The CSS and JS a page loads stay within the weight budget.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

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
const scripts = files.filter((f) => f.startsWith("assets/js/"));

// ---- What the bucket holds ----
const ALLOWED = [/^README\.md$/, /^check\.mjs$/, /^favicon\.ico$/, /^assets\/styles\.css$/, /^assets\/favicon\.svg$/, /^assets\/js\/[a-z-]+\.js$/];
for (const file of files) {
  check(ALLOWED.some((pattern) => pattern.test(file)), `${file}: not a static asset of the site contract (pages are rendered by the posts-api function)`);
}

// ---- Scripts ----
const testIdsInFiles = new Set();
const tmp = mkdtempSync(join(tmpdir(), "web-check-"));
try {
  for (const script of scripts) {
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
      check(specifier.startsWith("./"), `${script}: imports "${specifier}" (only our own modules beside it)`);
      check(existsSync(join(dirname(join(root, script)), specifier)), `${script}: imports "${specifier}", which does not exist`);
    }
    for (const [, , id] of source.matchAll(/testid\s*=\s*(["'`])([^"'`$]+)\1/g)) testIdsInFiles.add(id);
    for (const [, , id] of source.matchAll(/data-testid=(["']?)([\w-]+)\1/g)) testIdsInFiles.add(id);
    for (const [, prefix] of source.matchAll(/testid\s*=\s*`([^`$]*)\$\{/g)) testIdsInFiles.add(`${prefix}<field>`);
    if (script !== "assets/js/api.js") check(!/\bfetch\s*\(/.test(source), `${script}: calls fetch (use assets/js/api.js)`);
    check(!/innerHTML|insertAdjacentHTML|outerHTML\s*=|document\.write|\beval\s*\(|new Function\s*\(/.test(source), `${script}: builds HTML or code from strings`);
    check(!/execute-api\.|localhost|127\.0\.0\.1|https?:\/\//.test(source), `${script}: names an address; the site and its API share one origin`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// ---- The test ids that README.md promises ----
const readme = read("README.md");
const documented = new Set([...readme.matchAll(/^\|\s*`([a-z][\w<>-]*)`\s*\|/gm)].map((m) => m[1]));
check(documented.size > 0, "README.md: no table of test ids");
for (const id of testIdsInFiles) check(documented.has(id), `test id "${id}" is not documented in README.md`);

// ---- Favicons ----
const ico = readFileSync(join(root, "favicon.ico"));
check(ico.length >= 22 && ico.readUInt16LE(0) === 0 && ico.readUInt16LE(2) === 1 && ico.readUInt16LE(4) >= 1, "favicon.ico: not an ICO file");
for (let i = 0; ico.length >= 22 && i < ico.readUInt16LE(4); i++) {
  const [size, offset] = [ico.readUInt32LE(6 + 16 * i + 8), ico.readUInt32LE(6 + 16 * i + 12)];
  check(offset + size <= ico.length, `favicon.ico: image ${i} runs past the end of the file`);
}
check(ico.length <= 16 * 1024, `favicon.ico: ${ico.length} bytes, over 16 KB`);
const svg = read("assets/favicon.svg");
check(/^<svg\s[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox=/.test(svg.trim()), "assets/favicon.svg: no <svg xmlns viewBox> root");
check(!/<script|\son\w+=|href=/i.test(svg), "assets/favicon.svg: scripts, handlers or links in an icon");
check(svg.length <= 2048, `assets/favicon.svg: ${svg.length} bytes, over 2 KB`);

// ---- Weight: what a page loads besides its HTML, gzip (issue 12: a post page, HTML included,
// under 30 KB). The blog pages load the most: the stylesheet and blog.js with its imports. ----
const BUDGET = 12 * 1024;
function withImports(script, seen = new Set()) {
  if (seen.has(script)) return seen;
  seen.add(script);
  for (const [, specifier] of read(script).matchAll(/\bimport\s*(?:[^"'();]*?\sfrom\s*)?["']\.\/([^"']+)["']/g)) {
    withImports(`assets/js/${specifier}`, seen);
  }
  return seen;
}
for (const entry of ["assets/js/blog.js", "assets/js/book.js"]) {
  const loaded = ["assets/styles.css", ...withImports(entry)];
  const bytes = loaded.reduce((sum, file) => sum + gzipSync(readFileSync(join(root, file))).length, 0);
  check(bytes <= BUDGET, `${entry}: the stylesheet and the scripts weigh ${bytes} bytes gzip, over ${BUDGET}`);
}

// ---- Colour contrast (WCAG 2.1 AA) of the palette in styles.css ----
const css = read("assets/styles.css");
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
    failures.push(`assets/styles.css: --color-${fg} or --color-${bg} is missing`);
    continue;
  }
  const ratio = contrast(colour[fg], colour[bg]);
  check(ratio >= minimum, `assets/styles.css: --color-${fg} on --color-${bg} is ${ratio.toFixed(2)}:1, below ${minimum}:1`);
}
check(/prefers-reduced-motion:\s*reduce/.test(css), "assets/styles.css: no prefers-reduced-motion rule");
check(/:focus-visible\s*\{[^}]*outline:\s*\d/.test(css), "assets/styles.css: no visible focus style");

if (failures.length) {
  console.error(`web/check.mjs: ${failures.length} problem(s)\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`web/check.mjs: ${files.length} files, ${scripts.length} scripts, ${pairs.length} colour pairs: all checks passed`);
