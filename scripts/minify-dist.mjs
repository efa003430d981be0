#!/usr/bin/env node
// Minifies the page's own text assets in trunk's staging directory: the wasm-bindgen glue
// (stagecraft-web.js), the small loaders (boot.js, worker.js, sw.js) and the stylesheet.
// Same code, shorter names and no comments or indentation: about 2 kB brotli of the page's
// 400 kB budget (issue 9). The editor bundle is minified when it is built (build-editor.mjs).
//
// Trunk runs this as a post_build hook (Trunk.toml), after wasm-bindgen and wasm-opt.
//
//   node scripts/minify-dist.mjs [dir]   (default: $TRUNK_STAGING_DIR)

import { transform } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify-dist: no directory (pass one, or run from trunk)");
  process.exit(2);
}
const FILES = [
  ["stagecraft-web.js", "js", "esm"],
  ["boot.js", "js", "esm"],
  ["worker.js", "js", "esm"],
  ["sw.js", "js", "iife"],
  ["style.css", "css"],
];
const changed = [];
for (const [name, loader, format] of FILES) {
  const path = join(dir, name);
  if (!existsSync(path)) {
    console.error(`minify-dist: ${path} is missing`);
    process.exit(1);
  }
  const source = readFileSync(path, "utf8");
  const { code } = await transform(source, {
    loader,
    format,
    minify: true,
    legalComments: "none",
    target: loader === "js" ? "es2022" : undefined,
  });
  writeFileSync(path, code);
  changed.push([name, code]);
}

// Trunk has already written Subresource Integrity hashes of the unminified files into
// index.html (the stylesheet's link): they must describe what is served.
const html = join(dir, "index.html");
let page = readFileSync(html, "utf8");
for (const [name, code] of changed) {
  const tag = new RegExp(`(<[^>]*(?:href|src)="(?:\\./)?${name.replace(".", "\\.")}"[^>]*integrity=")sha384-[^"]*(")`);
  const digest = createHash("sha384").update(code).digest("base64");
  page = page.replace(tag, `$1sha384-${digest}$2`);
}
writeFileSync(html, page);
