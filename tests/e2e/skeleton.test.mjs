// The walking skeleton: the page loads, the core (wasm) reports the example's stages, and an
// edit in the editor changes the stage names shown.

import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, setEditorText, stageNames, suite, waitForStageNames } from "./harness.mjs";

const env = suite();

test("the first example is analysed on load", async (t) => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  // go-static-alpine: a named builder and an unnamed final stage.
  await waitForStageNames(page, ["builder", ""]);
  const mark = await page.evaluate(() => performance.getEntriesByName("stagecraft:first-analysis")[0]?.startTime);
  assert.ok(mark > 0, "the app marks its first analysis");
  t.diagnostic(`time to first analysis: ${mark.toFixed(0)} ms after navigation start`);
  await page.close();
  check();
});

test("editing the Dockerfile changes the stage names shown", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await waitForStageNames(page, ["builder", ""]);
  await setEditorText(
    page,
    [
      "FROM node:20 AS deps",
      "RUN npm ci",
      "FROM deps AS compile",
      "RUN npm run build",
      "FROM nginx:alpine AS web",
      "COPY --from=compile /app/dist /usr/share/nginx/html",
      "",
    ].join("\n"),
  );
  await waitForStageNames(page, ["deps", "compile", "web"]);
  assert.deepEqual(await stageNames(page), ["deps", "compile", "web"]);
  await page.close();
  check();
});
