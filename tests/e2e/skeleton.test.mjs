// The walking skeleton: the page loads, the core (wasm) reports the example's stages, and an
// edit in the editor changes the stage names shown.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { browser, openPage, serve, setEditorText, stageNames, waitForStageNames } from "./harness.mjs";

let server;
let chrome;
before(async () => {
  server = await serve();
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await server?.close();
});

test("the example Dockerfile is analysed on load", async () => {
  const { page, check } = await openPage(chrome.context, server.origin);
  await waitForStageNames(page, ["build", "runtime"]);
  const instructions = await page.getByTestId("instruction").count();
  assert.ok(instructions >= 10, `expected the example's instructions, saw ${instructions}`);
  await page.close();
  check();
});

test("editing the Dockerfile changes the stage names shown", async () => {
  const { page, check } = await openPage(chrome.context, server.origin);
  await waitForStageNames(page, ["build", "runtime"]);
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
  assert.deepEqual([...new Set(await stageNames(page))], ["deps", "compile", "web"]);
  await page.close();
  check();
});
