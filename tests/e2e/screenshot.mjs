#!/usr/bin/env node
// Takes screenshots of the built playground (dist/) for the README and for looking at it:
//   node tests/e2e/screenshot.mjs [outdir]      (default: target/screenshots)
// SHOT_EXAMPLE=<index> loads that example of the gallery first.
// Writes desktop light/dark and a 375 px phone shot. Not a test: no assertions.

import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { browser, serve } from "./harness.mjs";

const out = resolve(process.argv[2] ?? "target/screenshots");
mkdirSync(out, { recursive: true });
const server = await serve();
const shots = [
  { name: "desktop-light", viewport: { width: 1360, height: 900 }, colorScheme: "light" },
  { name: "desktop-dark", viewport: { width: 1360, height: 900 }, colorScheme: "dark" },
  { name: "phone-375", viewport: { width: 375, height: 812 }, colorScheme: "light", full: true },
];
for (const shot of shots) {
  const chrome = await browser({ viewport: shot.viewport, colorScheme: shot.colorScheme });
  const page = await chrome.context.newPage();
  await page.goto(server.origin + (process.env.SHOT_PATH ?? "/"));
  await page.getByTestId("stage-node").first().waitFor();
  if (process.env.SHOT_EXAMPLE) {
    await page.getByTestId("examples").selectOption(process.env.SHOT_EXAMPLE);
    await page.getByTestId("lesson").waitFor();
  }
  await page.screenshot({ path: `${out}/${shot.name}.png`, fullPage: Boolean(shot.full) });
  await chrome.close();
  console.log(`${out}/${shot.name}.png`);
}
await server.close();
