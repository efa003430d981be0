// Shared harness for the browser end-to-end tests.
//
// Each test file gets: a static server over dist/ on a free loopback port (started here, not
// by the caller), Debian's chromium driven headless by playwright-core with a fresh temporary
// profile, and guards that fail the test on any console error, uncaught page error or request
// to another origin. Tests wait on conditions only, never on timers.

import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const HERE = fileURLToPath(new URL(".", import.meta.url));
// STAGECRAFT_DIST: test another build directory (e.g. one built with `trunk build --dist`).
export const DIST = resolve(process.env.STAGECRAFT_DIST ?? resolve(HERE, "..", "..", "dist"));

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
};

/** A blank same-origin page (with an icon, so the browser asks for no /favicon.ico). */
const BLANK = "/__blank.html";
const BLANK_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title><link rel="icon" href="data:,"></head><body></body></html>';

/**
 * Serves `root` on 127.0.0.1 at a free port. Resolves to `{ origin, close }`.
 * `pages` adds extra HTML pages by path (e.g. a docs-like page embedding the playground).
 */
export async function serve(root = DIST, { headers = {}, pages = {} } = {}) {
  assert.ok(statSync(join(root, "index.html")).isFile(), `${root}/index.html missing: run trunk build`);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (url.pathname === BLANK || Object.hasOwn(pages, url.pathname)) {
      res.writeHead(200, { "content-type": MIME[".html"], "cache-control": "no-store", ...headers });
      res.end(url.pathname === BLANK ? BLANK_HTML : pages[url.pathname]);
      return;
    }
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root + sep) && path !== root) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(path).isDirectory()) path = join(path, "index.html");
      const body = readFileSync(path);
      res.writeHead(200, {
        "content-type": MIME[extname(path)] ?? "application/octet-stream",
        "cache-control": "no-store",
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts chromium with a fresh profile. Resolves to `{ context, close }`.
 * `options` go to playwright's launchPersistentContext (viewport, colorScheme, ...).
 */
export async function browser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "stagecraft-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page on `origin` that records console errors, page errors and requests to any
 * other origin (those are also blocked). Call `guard.check()` at the end of the test.
 * Local storage is cleared first unless `keepStorage` is set.
 */
export async function openPage(context, origin, path = "/", { keepStorage = false } = {}) {
  const problems = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    problems.push(`request to another origin: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  if (!keepStorage) {
    // Tests share one browser profile: start each from empty storage (no autosaved buffer).
    await page.goto(origin + BLANK);
    await page.evaluate(() => localStorage.clear());
  }
  await page.goto(origin + path);
  return {
    page,
    problems,
    check() {
      assert.deepEqual(problems, [], "console errors or foreign requests");
    },
  };
}

/** Replaces the whole editor text as a user would: focus, select all, type (insert). */
export async function setEditorText(page, text) {
  // focus(), not click(): no dependence on where things are laid out at that instant.
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

/** The stage names the graph shows, in order (`""` for an unnamed stage). */
export async function stageNames(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=stage-node]")].map((el) => el.dataset.stageName),
  );
}

/** Waits until the graph shows exactly `expected` stage names (in order). */
export async function waitForStageNames(page, expected) {
  await page.waitForFunction(
    (want) =>
      JSON.stringify([...document.querySelectorAll("[data-testid=stage-node]")].map((el) => el.dataset.stageName)) ===
      JSON.stringify(want),
    expected,
    { timeout: 15_000 },
  );
}

/** The editor's editing surface (a textarea; its value is the document). */
export function editorInput(page) {
  return page.getByTestId("editor").locator("textarea");
}

/**
 * The editor's text. (For a long document the textarea holds only the lines around the
 * viewport; the editor's root element answers for the whole document.)
 */
export async function editorText(page) {
  return page.evaluate(() => document.querySelector("[data-testid=editor] .ed").getText());
}

/** The text of the editor's rendered (coloured) lines, which are only the visible ones. */
export async function renderedLines(page) {
  return page.evaluate(() => [...document.querySelectorAll("[data-testid=editor] .ed-line")].map((l) => l.textContent));
}

/**
 * Replaces the whole editor text by pasting it through the system clipboard (select all, then
 * Mod-V), as a user pastes a big file. (Typing it, or Input.insertText, goes through the
 * browser's line-by-line text insertion, which is quadratic in the number of lines.)
 */
export async function pasteEditorText(page, text) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
  await page.evaluate((text) => navigator.clipboard.writeText(text), text);
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("ControlOrMeta+v");
}

/** The 300-line multi-stage file the keystroke measurements type into (30 stages of a FROM
 * and nine `pip install` lines each); the profiling tool (profile.mjs) uses the same one. */
export function threeHundredLines() {
  const lines = [];
  for (let s = 0; s < 30; s++) {
    lines.push(`FROM ${s === 0 ? "python:3.12-slim" : `s${s - 1}`} AS s${s}`);
    for (let l = 0; l < 9; l++) lines.push(`RUN pip install package${s}x${l} && echo ${l}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * One static server and one headless Chromium for a test file, started before its first test
 * and closed after its last (node:test hooks). The returned object's `server` and `chrome` are
 * set once `before` has run: read them inside tests.
 *
 * `root` and `serveOptions` are passed to {@link serve}; `beforeAll` runs first (checks and
 * set-up a file needs before anything starts).
 */
export function suite({ root, serveOptions, beforeAll } = {}) {
  const env = { server: null, chrome: null };
  before(async () => {
    await beforeAll?.();
    env.server = await serve(root, serveOptions);
    env.chrome = await browser();
  });
  after(async () => {
    await env.chrome?.close();
    await env.server?.close();
  });
  return env;
}
