// The playground through its stable test hooks (data-testid), as a user drives it:
// type, choose, click, read. Every test also fails on console errors and foreign requests.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { browser, editorInput, editorText, openPage, setEditorText, stageNames, suite, threeHundredLines, waitForStageNames } from "./harness.mjs";

const SHOTS = resolve(process.env.STAGECRAFT_SCREENSHOTS ?? "../../target/screenshots");

const env = suite({ beforeAll: () => mkdirSync(SHOTS, { recursive: true }) });

const THREE_STAGES = [
  "FROM golang:1.22 AS build",
  "WORKDIR /src",
  "COPY . .",
  "RUN go build -o /out/app .",
  "",
  "FROM alpine:3.20 AS runtime",
  "COPY --from=build /out/app /usr/local/bin/app",
  "",
  "FROM runtime AS debug",
  "RUN apk add --no-cache curl",
  "",
].join("\n");

async function ready(page) {
  await page.getByTestId("stage-node").first().waitFor();
}

test("load: the example is analysed, with a final size and a unit", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await page.getByTestId("final-size").waitFor();
  const size = await page.getByTestId("final-size").textContent();
  assert.match(size, /\d+(\.\d+)?\s?(B|kB|MB|GB)/, `final size with a unit: ${size}`);
  assert.ok((await page.getByTestId("examples").locator("option").count()) >= 10, "examples gallery");
  assert.match(await page.getByTestId("summary").textContent(), /2 stages, final ≈ /);
  // The editor colours Dockerfile syntax: instruction keywords and comments.
  const keywords = await page.locator("[data-testid=editor] .tok-keyword").allTextContents();
  assert.ok(keywords.includes("FROM") && keywords.some((k) => /^(RUN|COPY)$/.test(k)), `keywords: ${keywords}`);
  await page.close();
  check();
});

test("typing a new stage updates the graph", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, THREE_STAGES);
  await waitForStageNames(page, ["build", "runtime", "debug"]);
  // Type at the end, key by key, like a user.
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("FROM debug AS extra\n");
  await waitForStageNames(page, ["build", "runtime", "debug", "extra"]).catch(async (err) => {
    throw new Error(`${err.message}\neditor text now:\n${await editorText(page)}`);
  });
  await page.close();
  check();
});

test("choosing a target greys the stages it does not need", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, THREE_STAGES);
  await waitForStageNames(page, ["build", "runtime", "debug"]);
  const reach = () =>
    page.evaluate(() =>
      [...document.querySelectorAll("[data-testid=stage-node]")].map((n) => n.dataset.reachable),
    );
  assert.deepEqual(await reach(), ["true", "true", "true"]);
  await page.getByTestId("target-select").selectOption("build");
  await page.waitForFunction(
    () => document.querySelector("[data-testid=stage-node][data-stage-name=debug]")?.dataset.reachable === "false",
  );
  assert.deepEqual(await reach(), ["true", "false", "false"]);
  await page.getByTestId("target-select").selectOption("");
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid=stage-node]")].every((n) => n.dataset.reachable === "true"),
  );
  await page.close();
  check();
});

test("clicking a finding selects its line; its fix changes the text and the finding disappears", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  // BuildKit's StageNameCasing: `AS Build` should be lower case; the core offers a fix.
  await setEditorText(page, "FROM alpine:3.20 AS Build\nRUN echo hi\n\nFROM Build\nRUN echo done\n");
  const finding = page.locator("[data-testid=finding][data-code=StageNameCasing]");
  await finding.first().waitFor();
  await finding.first().locator(".finding-main").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=editor] .ed-line.active")?.textContent.includes("AS Build"));
  const selected = await editorInput(page).evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, "Build");
  assert.ok(await editorInput(page).evaluate((t) => document.activeElement === t), "the editor has focus");

  await finding.first().getByTestId("fix").click();
  await page.waitForFunction(
    () => !document.querySelector("[data-testid=finding][data-code=StageNameCasing]"),
  );
  assert.match(await editorText(page), /AS build/);
  // Undo brings it back (the fix is one undoable editor change).
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+z");
  await finding.first().waitFor();
  await page.close();
  check();
});

test("a finding's rule documentation is fetched from the site when opened", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  const docs = [];
  page.on("request", (r) => r.url().endsWith("/rule-docs.json") && docs.push(r.url()));
  await setEditorText(page, "FROM alpine:3.20 AS Build\nRUN echo hi\n");
  const finding = page.locator("[data-testid=finding][data-code=StageNameCasing]").first();
  await finding.waitFor();
  assert.equal(docs.length, 0, "nothing is fetched before a rule is opened");
  await finding.locator(".rule-doc summary").click();
  const doc = finding.locator(".rule-doc");
  await doc.locator("pre").first().waitFor();
  const expected = JSON.parse(await (await fetch(`${env.server.origin}/rule-docs.json`)).text()).StageNameCasing;
  const text = await doc.innerText();
  assert.ok(text.includes(expected.what), text);
  assert.ok(text.includes(expected.fix), text);
  assert.equal(await doc.locator("pre").first().textContent(), expected.bad);
  // A second rule opened on the same page reuses the loaded file.
  await setEditorText(page, "FROM alpine:3.20 as base\n");
  const casing = page.locator("[data-testid=finding][data-code=FromAsCasing]").first();
  await casing.waitFor();
  await casing.locator(".rule-doc summary").click();
  await casing.locator(".rule-doc pre").first().waitFor();
  assert.equal(docs.length, 1);
  await page.close();
  check();
});

test("clicking a graph edge selects its instruction in the editor", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, THREE_STAGES);
  await waitForStageNames(page, ["build", "runtime", "debug"]);
  const edge = page.locator("[data-testid=stage-edge][data-kind=copy]");
  await edge.scrollIntoViewIfNeeded();
  // A point on the edge's stroke that nothing is drawn over (labels sit near the middle).
  const point = await page.evaluate(() => {
    const g = document.querySelector("[data-testid=stage-edge][data-kind=copy]");
    const path = g.querySelector("path.sc-hit");
    const length = path.getTotalLength();
    const m = path.getScreenCTM();
    for (const f of [0.2, 0.3, 0.15, 0.4, 0.7, 0.8, 0.6]) {
      const p = path.getPointAtLength(length * f);
      const x = p.x * m.a + p.y * m.c + m.e;
      const y = p.x * m.b + p.y * m.d + m.f;
      if (document.elementFromPoint(x, y)?.closest("[data-testid=stage-edge]") === g) return { x, y };
    }
    return null;
  });
  assert.ok(point, "a clickable point on the COPY --from edge");
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(() => getSelection().toString().startsWith("COPY --from=build"));
  assert.equal(await page.evaluate(() => getSelection().toString()), "COPY --from=build /out/app /usr/local/bin/app");
  await page.close();
  check();
});

test("build tools in the final image are highlighted in the Tools tab", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, "FROM debian:bookworm AS app\nRUN apt-get update && apt-get install -y gcc make curl\n");
  await waitForStageNames(page, ["app"]);
  await page.getByRole("tab", { name: /^Tools/ }).click();
  const flagged = page.locator("[data-testid=tools] li.build-tool");
  await flagged.first().waitFor();
  const names = await flagged.locator("code").allTextContents();
  assert.ok(names.includes("gcc") && names.includes("make"), `flagged: ${names}`);
  assert.ok(!names.includes("curl"), "curl is not a build tool");
  assert.match(await flagged.first().textContent(), /build tool/);
  assert.match(await page.getByRole("tab", { name: /^Tools/ }).textContent(), /for building/);
  await page.close();
  check();
});

test("dark mode: system preference and the toggle", async () => {
  const dark = await browser({ colorScheme: "dark" });
  try {
    const { page, check } = await openPage(dark.context, env.server.origin);
    await ready(page);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const luminance = (rgb) => {
      const [r, g, b] = rgb.match(/\d+/g).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    assert.ok(luminance(await bg()) < 60, `dark background under prefers-color-scheme: dark (${await bg()})`);
    await page.screenshot({ path: `${SHOTS}/dark.png` });
    // The toggle cycles system → dark → light: force light.
    await page.getByTestId("theme-toggle").click();
    await page.getByTestId("theme-toggle").click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    assert.ok(luminance(await bg()) > 200, "light after the toggle");
    await page.close();
    check();
  } finally {
    await dark.close();
  }
});

test("375 px wide: no horizontal scrolling, screenshot", async () => {
  const phone = await browser({ viewport: { width: 375, height: 812 } });
  try {
    const { page, check } = await openPage(phone.context, env.server.origin);
    await ready(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `page is ${width} px wide`);
    await page.screenshot({ path: `${SHOTS}/phone-375.png`, fullPage: true });
    await page.close();
    check();
  } finally {
    await phone.close();
  }
});

test("examples gallery: every example loads and is analysed", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  const count = await page.getByTestId("examples").locator("option:not([disabled])").count();
  for (let i = 0; i < count; i++) {
    await page.getByTestId("examples").selectOption(String(i));
    await page.waitForFunction(
      (i) => document.querySelector("[data-testid=examples]").value === String(i) && document.querySelector("[data-testid=lesson]"),
      i,
    );
    await page.getByTestId("stage-node").first().waitFor();
    assert.ok((await stageNames(page)).length >= 1);
  }
  await page.close();
  check();
});

test("keystroke → all panels updated, 300-line file (reported)", async (t) => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, threeHundredLines());
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=stage-node]").length === 30);
  // Measure in the page: from a keydown to the next "stagecraft:analysed" mark, which the
  // app sets after the panels have rendered the new analysis.
  await page.evaluate(() => {
    window.__samples = [];
    window.__core = [];
    let t0 = null;
    document.addEventListener("keydown", () => { t0 ??= performance.now(); }, { capture: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === "stagecraft:analysed" && t0 !== null && e.startTime >= t0) {
          window.__samples.push(e.startTime - t0);
          t0 = null;
        }
      }
    }).observe({ type: "mark" });
    // The core's own time (in the analysis worker, or on the page), reported by the app.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "stagecraft:core") window.__core.push(e.duration);
    }).observe({ type: "measure" });
  });
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+End");
  const N = 60;
  for (let i = 0; i < N; i++) {
    await page.keyboard.type(i % 2 ? "x" : "#");
    await page.waitForFunction((n) => window.__samples.length >= n, i + 1);
  }
  const samples = (await page.evaluate(() => window.__samples)).sort((a, b) => a - b);
  const p = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  t.diagnostic(`keystroke → panels, 300 lines, ${samples.length} samples: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${samples.at(-1).toFixed(1)} ms`);
  const core = (await page.evaluate(() => window.__core)).sort((a, b) => a - b);
  const c = (q) => core[Math.min(core.length - 1, Math.floor(q * core.length))];
  t.diagnostic(`of which the core (analysis + simulation + SVG, wasm): p50 ${c(0.5).toFixed(1)} ms, p95 ${c(0.95).toFixed(1)} ms`);
  await page.close();
  check();
});
