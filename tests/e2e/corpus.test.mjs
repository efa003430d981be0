// Real Dockerfiles the playground has never been tuned on (the conformance corpus beside the
// project), typed into the editor through the stable test hooks: the page must show what the
// CLI computes from the same core — stages and their reachability, the final size, and the
// findings. This is how a held-out check sees the app, so a rendering or state bug (a stale
// panel, a lost stage, a size shown in the wrong unit) fails here.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openPage, setEditorText, suite } from "./harness.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const CORPUS = resolve(ROOT, "..", "shared", "conformance", "corpus");
// Built by `cargo test --workspace` (the CLI's integration tests need it), before this suite.
const CLI = process.env.STAGECRAFT_BIN ?? join(ROOT, "target", "debug", "stagecraft");

const env = suite({
  beforeAll: () => {
    assert.ok(existsSync(CLI), `${CLI} missing: build it with cargo build -p stagecraft-cli`);
    assert.ok(existsSync(CORPUS), `${CORPUS} missing (the shared conformance corpus)`);
  },
});

/** Every 3rd multi-stage file of the corpus, in name order: a fixed, varied sample. */
function sample() {
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".Dockerfile"))
    .sort()
    .filter((f) => (readFileSync(join(CORPUS, f), "utf8").match(/^\s*FROM\s/gim) ?? []).length >= 2);
  return files.filter((_, i) => i % 3 === 0);
}

/** What the CLI says of a file: stage names and reachability, final estimate, finding codes. */
function expected(file) {
  const json = JSON.parse(execFileSync(CLI, ["analyze", "--format", "json", join(CORPUS, file)], { encoding: "utf8" }));
  return {
    stages: json.graph.stages.map((s) => [s.name ?? "", String(s.reachable)]),
    finalBytes: json.final?.size?.estimate ?? null,
    codes: json.findings.map((f) => f.code).sort(),
  };
}

const UNITS = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** "≈ 48.2 MB" → 48200000 (the first figure with a unit in the text). */
function bytesOf(text) {
  const m = /(\d+(?:\.\d+)?)\s?(B|kB|MB|GB|TB)\b/.exec(text);
  assert.ok(m, `a size with a unit in ${JSON.stringify(text)}`);
  return Number(m[1]) * UNITS[m[2]];
}

/** What the page shows, once its stage nodes match `want` (the analysis has caught up). */
async function shown(page, want) {
  await page.waitForFunction(
    (w) =>
      JSON.stringify(
        [...document.querySelectorAll("[data-testid=stage-node]")].map((el) => [el.dataset.stageName, el.dataset.reachable]),
      ) === JSON.stringify(w),
    want,
    { timeout: 15_000 },
  );
  return page.evaluate(() => ({
    stages: [...document.querySelectorAll("[data-testid=stage-node]")].map((el) => [el.dataset.stageName, el.dataset.reachable]),
    finalSize: document.querySelector("[data-testid=final-size]")?.textContent ?? null,
    codes: [...document.querySelectorAll("[data-testid=finding]")].map((el) => el.dataset.code).sort(),
  }));
}

test("real multi-stage Dockerfiles: the page shows the core's stages, reachability, final size and findings", async (t) => {
  const files = sample();
  assert.ok(files.length >= 10, `sample of ${files.length} files`);
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  for (const file of files) {
    const want = expected(file);
    await setEditorText(page, readFileSync(join(CORPUS, file), "utf8"));
    const got = await shown(page, want.stages).catch(async (err) => {
      const now = await page.evaluate(() =>
        [...document.querySelectorAll("[data-testid=stage-node]")].map((el) => [el.dataset.stageName, el.dataset.reachable]),
      );
      throw new Error(`${file}: stages ${JSON.stringify(now)}, want ${JSON.stringify(want.stages)} (${err.message})`);
    });
    assert.deepEqual(got.codes, want.codes, `${file}: findings`);
    if (want.finalBytes !== null) {
      const shownBytes = bytesOf(got.finalSize);
      // Three significant digits on the page.
      assert.ok(Math.abs(shownBytes - want.finalBytes) <= want.finalBytes * 0.006 + 1, `${file}: final size ${got.finalSize} vs ${want.finalBytes} B`);
    }
  }
  t.diagnostic(`${files.length} corpus files agree with the CLI`);
  await page.close();
  check();
});

test("typed key by key, a real file gives the same stages and findings as pasted", async () => {
  // The smallest multi-stage file of the sample, typed like a user (auto-indent and all).
  const file = sample()
    .map((f) => [f, readFileSync(join(CORPUS, f), "utf8")])
    // No heredocs (their bodies would be auto-indented) and no CR (Enter twice).
    .filter(([, text]) => !text.includes("<<") && !text.includes("\r"))
    .sort((a, b) => a[1].length - b[1].length)[0][0];
  const text = readFileSync(join(CORPUS, file), "utf8");
  const want = expected(file);
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await page.getByTestId("stage-node").first().waitFor();
  await setEditorText(page, "");
  await page.keyboard.type(text);
  const got = await shown(page, want.stages).catch((err) => {
    throw new Error(`${file} typed: ${err.message}`);
  });
  assert.deepEqual(got.codes, want.codes, `${file}: findings after typing`);
  await page.close();
  check();
});
