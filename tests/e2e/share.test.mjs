// Share links, autosave, embedding and hostile input, through the page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { browser, editorText, openPage, setEditorText, suite, waitForStageNames } from "./harness.mjs";

// The committed v1 fixtures of the share codec (crates/share): released links decode forever.
const FIXTURES = readFileSync(new URL("../../crates/share/tests/fixtures/v1.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const FIXTURE = FIXTURES[0].link.replace(/^#/, "");

const env = suite({
  serveOptions: {
    pages: {
      // A docs page embedding the playground, with the parent-side lines of README's
      // "Embedding in docs" that size the iframe from the page's height messages.
      "/docs.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>docs</title><link rel="icon" href="favicon.svg"></head>
<body><h1>Some docs</h1><iframe id="f" src="/?embed=1#${FIXTURE}" width="900" height="150" title="stagecraft"></iframe>
<script>
window.__heights = [];
addEventListener("message", (e) => {
  const frame = document.getElementById("f");
  if (e.source === frame.contentWindow && e.data && e.data.type === "stagecraft:height") {
    window.__heights.push(e.data.height);
    frame.style.height = e.data.height + "px";
  }
});
</script></body></html>`,
    },
  },
});

test("the committed v1 links open with their text and target", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  for (const { link, state } of FIXTURES.filter((f) => f.state.text && f.state.text.split("\n").length < 30 && !/[\r\u0000]/.test(f.state.text))) {
    // Some fixtures carry the leading "#", as a copied URL fragment does.
    await page.evaluate((h) => { location.hash = h; }, link.startsWith("#") ? link : `#${link}`);
    await page.waitForFunction(
      (want) => document.querySelector("[data-testid=editor] textarea")?.value === want,
      state.text.replace(/\n$/, "\n"),
    );
    if (state.target && (await page.getByTestId("target-select").locator(`option[value="${state.target}"]`).count())) {
      assert.equal(await page.getByTestId("target-select").inputValue(), state.target);
    }
  }
  await page.close();
  check();
});

test("a link round-trips exactly, and its length is shown", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  const text = 'FROM alpine:3.20 AS base\nRUN echo "<b>héllo</b> 😀"\n\nFROM base AS final\n';
  await setEditorText(page, text);
  await waitForStageNames(page, ["base", "final"]);
  await page.getByTestId("target-select").selectOption("base");
  await page.getByTestId("share-button").click();
  const link = await page.getByTestId("share-link").inputValue();
  assert.match(link, /#v1\//);
  assert.match(await page.getByTestId("share-dialog").textContent(), new RegExp(`Link \\(${link.length} characters\\)`));
  assert.match(await page.getByTestId("embed-snippet").inputValue(), /<iframe src="[^"]*\?embed=1#v1\//);

  const { page: other, check: check2 } = await openPage(env.chrome.context, env.server.origin, link.slice(env.server.origin.length));
  await waitForStageNames(other, ["base", "final"]);
  assert.equal(await editorText(other), text.replace(/\n$/, "\n"));
  assert.equal(await other.getByTestId("target-select").inputValue(), "base");
  await other.close();
  await page.close();
  check();
  check2();
});

test("a hostile link shows a banner and keeps the previous buffer", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  await setEditorText(page, "FROM busybox AS mine\n");
  await waitForStageNames(page, ["mine"]);
  // Wait for the autosave, then open broken links in the same tab and by reload.
  await page.waitForFunction(() => (localStorage.getItem("stagecraft:v1:autosave") ?? "").includes("busybox"));
  // The browser inflates links (DecompressionStream): a deflate bomb must stop at the 1 MB
  // limit, and cut or corrupted data must be an error, not a hang or a crash.
  const bomb = `#v1/${deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x20), { level: 9 }).toString("base64url")}`;
  const valid = FIXTURES.find((f) => f.state.text.length > 200).link.replace(/^#/, "");
  const cut = `#${valid.slice(0, Math.floor(valid.length / 2))}`;
  const corrupt = `#${valid.slice(0, 20)}${valid.slice(20, 40).split("").reverse().join("")}${valid.slice(40)}`;
  const cases = [
    ["#v1/%%%not-base64", /not valid base64url/],
    ["#v1/AAAAAAAAAAAA", /could not be decompressed/],
    ["#v7/whatever", /v7/],
    [bomb, /expands to more than 1 MB/],
    [cut, /damaged|not valid/],
    [corrupt, /damaged|not valid/],
  ];
  for (const [bad, message] of cases) {
    await page.evaluate((h) => { location.hash = h; }, bad);
    await page.getByTestId("error-banner").waitFor();
    assert.match(await page.getByTestId("error-banner").innerText(), message, bad.slice(0, 40));
    assert.equal(await page.getByTestId("error-banner").getAttribute("role"), "alert");
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll("[data-testid=stage-node]")].map((n) => n.dataset.stageName)), ["mine"]);
    await page.getByTestId("error-banner").getByRole("button", { name: "Dismiss" }).click();
  }
  await page.reload();
  await page.getByTestId("error-banner").waitFor();
  await waitForStageNames(page, ["mine"]);
  await page.close();
  check();
});

test("autosave: the buffer comes back on reload; a link keeps local work restorable", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  await setEditorText(page, "FROM debian:bookworm AS precious\n");
  await waitForStageNames(page, ["precious"]);
  await page.waitForFunction(() => (localStorage.getItem("stagecraft:v1:autosave") ?? "").includes("precious"));
  await page.reload();
  await waitForStageNames(page, ["precious"]);
  // Opening a link in the same tab (a hash change) replaces the buffer but keeps it restorable.
  await page.goto(`${env.server.origin}/#${FIXTURE}`);
  await waitForStageNames(page, ["build", ""]);
  await page.getByTestId("restore-buffer").click();
  await waitForStageNames(page, ["precious"]);
  await page.close();
  check();
});

test("user text is only ever text (XSS payloads in the Dockerfile, names, args, links)", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  await page.evaluate(() => { window.__pwned = 0; });
  const payload = `<img src=x onerror="window.__pwned=1">`;
  await setEditorText(page, `FROM alpine AS x${payload}\nRUN echo '${payload}' "<script>window.__pwned=2</script>"\nLABEL a="</svg><svg onload=window.__pwned=3>"\n`);
  await page.getByTestId("add-build-arg").click();
  await page.getByTestId("build-arg").locator("input").first().fill(`A${payload}`);
  await page.getByTestId("summary").waitFor();
  assert.equal(await page.locator("img[src=x]").count(), 0, "no element created from user text");
  assert.equal(await page.evaluate(() => window.__pwned), 0);
  await page.close();
  check();
});

test("embed mode from a docs-like page: read-only editor and graph, no foreign requests", async () => {
  const { page: docs, check } = await openPage(env.chrome.context, env.server.origin, "/docs.html");
  const frame = docs.frameLocator("#f");
  await frame.getByTestId("stage-node").first().waitFor();
  assert.equal(await frame.locator("[data-testid=stage-node]").count(), 2);
  assert.equal(await frame.locator("[data-testid=editor] textarea").getAttribute("readonly"), "");
  assert.match(await frame.getByTestId("open-in-stagecraft").getAttribute("href"), /#v1\//);
  await docs.close();
  check();
});

test("embed auto-height: the page posts its height and the docs page sizes the iframe to fit", async () => {
  const { page: docs, check } = await openPage(env.chrome.context, env.server.origin, "/docs.html");
  const frame = docs.frameLocator("#f");
  await frame.getByTestId("stage-node").first().waitFor();
  // The iframe starts 150 px tall; the content is taller: a message arrives and it grows.
  await docs.waitForFunction(() => window.__heights.some((h) => h > 300));
  const inner = docs.frames().find((f) => f.url().includes("embed=1"));
  assert.ok(inner, "the embedded frame");
  // Sized to the content: the frame's own document does not scroll.
  await inner.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  const { last, css } = await docs.evaluate(() => ({
    last: window.__heights.at(-1),
    css: document.getElementById("f").clientHeight,
  }));
  assert.ok(Math.abs(css - last) <= 2, `iframe ${css} px tall for content ${last} px`);
  // Only our message type, only numbers.
  assert.ok((await docs.evaluate(() => window.__heights)).every((h) => Number.isInteger(h) && h > 0));
  await docs.close();
  check();
});

test("the page runs under its strict Content-Security-Policy", async () => {
  const { page, problems } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  // An injected inline script must be refused (and reported), proving the policy is live.
  const ran = await page.evaluate(async () => {
    const violation = new Promise((ok) => document.addEventListener("securitypolicyviolation", (e) => ok(e.violatedDirective), { once: true }));
    const s = document.createElement("script");
    s.textContent = "window.__inline = 1";
    document.head.append(s);
    return { ran: window.__inline === 1, directive: await violation };
  });
  assert.equal(ran.ran, false);
  assert.match(ran.directive, /script-src/);
  // The only problem is the one we caused.
  assert.ok(problems.every((p) => /Content Security Policy|inline script/i.test(p)), problems.join("\n"));
  await page.close();
});

test("offline: after one visit the playground works with the network off", async () => {
  const fresh = await browser();
  try {
    const { page, check } = await openPage(fresh.context, env.server.origin);
    await page.getByTestId("stage-node").first().waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Reload once so the page is controlled by the worker, then cut the network.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByTestId("stage-node").first().waitFor();
    await fresh.context.setOffline(true);
    await page.reload();
    await page.getByTestId("stage-node").first().waitFor();
    assert.ok((await page.getByTestId("final-size").textContent()).length > 0);
    await fresh.context.setOffline(false);
    await page.close();
    check();
  } finally {
    await fresh.close();
  }
});
