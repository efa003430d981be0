#!/usr/bin/env node
// Profiles the keystroke path of the playground in headless Chromium (CDP sampling profiler)
// and prints where the time goes, by function and by crate. Not a test: a tool.
//
//   STAGECRAFT_DIST=/tmp/dist-with-names node profile.mjs [keys=60]
//
// Run it against a build whose wasm keeps its names section (see README, "Profiling"), with
// the analysis on the page (`?worker=0`) so the page's profiler sees the core.

import { browser, editorInput, openPage, serve, setEditorText, threeHundredLines } from "./harness.mjs";

const keys = Number(process.argv[2] ?? 60);
// `node profile.mjs 60 eq` also lists who calls the functions whose name contains "eq".
const callersOf = process.argv[3];
const server = await serve();
const chrome = await browser();
const { page } = await openPage(chrome.context, server.origin, "/?worker=0");
await page.getByTestId("stage-node").first().waitFor();
await setEditorText(page, threeHundredLines());
await page.waitForFunction(() => document.querySelectorAll("[data-testid=stage-node]").length === 30);
await page.evaluate(() => {
  window.__n = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "stagecraft:analysed") window.__n++;
  }).observe({ type: "mark" });
});
const cdp = await chrome.context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
await editorInput(page).focus();
await page.keyboard.press("ControlOrMeta+End");
await cdp.send("Profiler.start");
for (let i = 0; i < keys; i++) {
  await page.keyboard.type(i % 2 ? "x" : "#");
  await page.waitForFunction((n) => window.__n >= n, i + 1);
}
const { profile } = await cdp.send("Profiler.stop");
await chrome.close();
await server.close();

// Self time per node: samples × interval.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
const total = profile.samples.length;
const selfBy = new Map();
const crateBy = new Map();
for (const [id, c] of counts) {
  const f = byId.get(id).callFrame;
  const name = f.functionName || `(${f.url.split("/").pop() || "program"})`;
  selfBy.set(name, (selfBy.get(name) ?? 0) + c);
  const m = name.match(/^[<&\s]*(?:dyn\s+)?([a-z_0-9]+)(?:\[|::)/);
  const crate = m ? m[1] : f.url.endsWith(".wasm") || /wasm/.test(f.url) ? "wasm (other)" : name.startsWith("(") ? name : "js";
  crateBy.set(crate, (crateBy.get(crate) ?? 0) + c);
}
const ms = (c) => ((c * (profile.endTime - profile.startTime)) / total / 1000 / keys).toFixed(2);
console.log(`${total} samples over ${keys} keystrokes; per keystroke:`);
console.log("\nby crate (ms per keystroke):");
for (const [k, c] of [...crateBy].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms(c).padStart(7)}  ${k}`);
console.log("\nby function, self time (ms per keystroke):");
for (const [k, c] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${ms(c).padStart(7)}  ${k.slice(0, 150)}`);

if (callersOf) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const by = new Map();
  for (const [id, c] of counts) {
    if (!byId.get(id).callFrame.functionName.includes(callersOf)) continue;
    // The first caller outside allocation and formatting helpers.
    let p = parent.get(id);
    let chain = [];
    while (p && chain.length < 3) {
      const name = byId.get(p).callFrame.functionName;
      if (!/^(<?alloc|<?core|__rustc|<?talc)/.test(name)) chain.push(name.slice(0, 90));
      p = parent.get(p);
    }
    const key = chain.join("  ←  ");
    by.set(key, (by.get(key) ?? 0) + c);
  }
  console.log(`\ncallers of *${callersOf}* (ms per keystroke):`);
  for (const [k, c] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms(c).padStart(7)}  ${k}`);
}
