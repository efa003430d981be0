// The editor itself (www/editor/editor.js): a textarea over a highlight layer. Driven through
// the keyboard and pointer as a user does; the app's analysis supplies real diagnostics.

import { test } from "node:test";
import assert from "node:assert/strict";
import { editorInput, editorText, openPage, renderedLines, setEditorText, suite } from "./harness.mjs";

const env = suite();

// BuildKit's StageNameCasing: `AS Build` should be lower case; the core offers a fix.
const CASING = "FROM alpine:3.20 AS Build\nRUN echo [hi]\n\nFROM Build\nRUN echo done\n";

async function ready(page) {
  await page.getByTestId("stage-node").first().waitFor();
}

/** [selectionStart, selectionEnd] of the editor. */
const selection = (page) => editorInput(page).evaluate((t) => [t.selectionStart, t.selectionEnd]);
const focused = (page, selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

test("typing: colours, line numbers and the active line follow the text", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, "FROM alpine:3.20\n");
  await page.keyboard.type('RUN echo "x" $HOME # not a comment\n# a comment\nCOPY --chown=1 a b');
  assert.equal(await editorText(page), 'FROM alpine:3.20\nRUN echo "x" $HOME # not a comment\n# a comment\nCOPY --chown=1 a b');
  // Drawn on the next frame: wait for the last line as typed.
  await page.waitForFunction(() => document.querySelector("[data-testid=editor] .ed-line:nth-child(4)")?.textContent === "COPY --chown=1 a b");
  assert.deepEqual(await renderedLines(page), ["FROM alpine:3.20", 'RUN echo "x" $HOME # not a comment', "# a comment", "COPY --chown=1 a b"]);
  const tokens = await page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=editor] .ed-line [class^=tok-]")].map((s) => `${s.className}:${s.textContent}`),
  );
  assert.deepEqual(tokens, [
    "tok-keyword:FROM",
    "tok-keyword:RUN",
    'tok-string:"x"',
    "tok-variableName:$HOME",
    "tok-comment:# a comment",
    "tok-keyword:COPY",
    "tok-meta:--chown",
  ]);
  const gutter = () => page.evaluate(() => [...document.querySelectorAll("[data-testid=editor] .ed-ln")].map((n) => n.textContent + (n.classList.contains("active") ? "*" : "")));
  assert.deepEqual(await gutter(), ["1", "2", "3", "4*"]);
  assert.match(await page.locator("[data-testid=editor] .ed-line.active").textContent(), /^COPY/);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.waitForFunction(() => document.querySelector("[data-testid=editor] .ed-line.active")?.textContent.startsWith("RUN"));
  assert.deepEqual(await gutter(), ["1", "2*", "3", "4"]);
  await page.close();
  check();
});

test("keyboard quick fix: Mod-. opens the problem at the caret, Enter applies its fix; undo and redo", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, CASING);
  await page.locator("[data-testid=finding][data-code=StageNameCasing]").first().waitFor();
  // The caret into "Build" on line 1, by keyboard.
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ControlOrMeta+.");
  const tip = page.locator("[data-testid=editor] .ed-tip");
  await tip.waitFor();
  assert.match(await tip.textContent(), /StageNameCasing/);
  assert.ok(await focused(page, ".ed-fix"), "the fix button has focus");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("[data-testid=editor] textarea").value.startsWith("FROM alpine:3.20 AS build\n"));
  assert.ok(await tip.isHidden());
  assert.ok(await focused(page, "[data-testid=editor] textarea"), "focus back in the editor");
  await page.waitForFunction(() => !document.querySelector("[data-testid=finding][data-code=StageNameCasing]"));
  // The fix is one step on the editor's undo stack.
  await page.keyboard.press("ControlOrMeta+z");
  await page.waitForFunction(() => document.querySelector("[data-testid=editor] textarea").value === "FROM alpine:3.20 AS Build\nRUN echo [hi]\n\nFROM Build\nRUN echo done\n");
  await page.locator("[data-testid=finding][data-code=StageNameCasing]").first().waitFor();
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await page.waitForFunction(() => document.querySelector("[data-testid=editor] textarea").value.startsWith("FROM alpine:3.20 AS build\n"));
  await page.close();
  check();
});

test("diagnostics: wavy underline, gutter mark, hover popup with its fix; F8 goes to the next one", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, CASING);
  const diag = page.locator("[data-testid=editor] .ed-diag.sev-warning").first();
  await diag.waitFor();
  // The gutter marks the line with the worst severity there.
  await page.locator("[data-testid=editor] .ed-ln.sev-warning", { hasText: "1" }).first().waitFor();
  await page.keyboard.press("ControlOrMeta+End");
  const box = await diag.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = page.locator("[data-testid=editor] .ed-tip");
  await tip.waitFor();
  assert.match(await tip.textContent(), /Build/);
  await tip.locator(".ed-fix").first().click();
  await page.waitForFunction(() => document.querySelector("[data-testid=editor] textarea").value.startsWith("FROM alpine:3.20 AS build\n"));
  // F8 from the start moves the caret to the first problem and opens it.
  await page.keyboard.press("ControlOrMeta+z");
  await page.locator("[data-testid=editor] .ed-diag.sev-warning").first().waitFor();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("F8");
  await tip.waitFor();
  assert.ok(await focused(page, "[data-testid=editor] .ed-tip *, [data-testid=editor] .ed-tip"));
  await page.keyboard.press("Escape");
  assert.ok(await tip.isHidden());
  assert.ok(await focused(page, "[data-testid=editor] textarea"));
  const [from] = await selection(page);
  assert.ok(from > 0, "the caret moved to a problem");
  await page.close();
  check();
});

test("wide characters: underlines and hovers line up with the text the browser draws (CJK before a problem)", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  // Emoji and CJK (two UTF-16 units, or one, and neither one column wide in this font).
  await setEditorText(page, 'FROM alpine:3.20\nLABEL 说明="🐳🐳🐳 中文标签 🐳🐳🐳" version=$NOPE\n');
  const diag = page.locator("[data-testid=editor] .ed-diag.sev-warning").first();
  await diag.waitFor();
  // Where the browser drew "$NOPE" in the colour layer, against the underline's box. The text
  // can be laid out once more while a fallback font for the emoji comes in, so this waits (up
  // to the default timeout) for the two to line up rather than reading them once; with widths
  // counted per UTF-16 unit they never do (the old code was 47 px off).
  const where = (aligned) => {
    const line = [...document.querySelectorAll("[data-testid=editor] .ed-line")].find((l) => l.textContent.includes("$NOPE"));
    const underline = document.querySelector("[data-testid=editor] .ed-diag.sev-warning")?.getBoundingClientRect();
    if (!line || !underline) return false;
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let before = line.textContent.indexOf("$NOPE");
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (before < n.length) {
        const r = document.createRange();
        r.setStart(n, before);
        r.setEnd(n, Math.min(n.length, before + 5));
        const b = r.getBoundingClientRect();
        const w = { left: b.left, right: b.right, top: b.top, bottom: b.bottom, from: underline.left, to: underline.right };
        return !aligned || (Math.abs(w.from - w.left) < 2 && Math.abs(w.to - w.right) < 3) ? w : false;
      }
      before -= n.length;
    }
    return false;
  };
  await page.waitForFunction(where, true, { timeout: 5_000 }).catch(() => {});
  const drawn = await page.evaluate(where, false);
  assert.ok(drawn, "the text and its underline are drawn");
  assert.ok(Math.abs(drawn.from - drawn.left) < 2, `underline starts at ${drawn.from}, text at ${drawn.left}`);
  assert.ok(Math.abs(drawn.to - drawn.right) < 3, `underline ends at ${drawn.to}, text at ${drawn.right}`);
  // Hovering the drawn variable opens its problem; hovering the CJK text before it does not.
  await page.mouse.move((drawn.left + drawn.right) / 2, (drawn.top + drawn.bottom) / 2);
  const tip = page.locator("[data-testid=editor] .ed-tip");
  await tip.waitFor();
  assert.match(await tip.textContent(), /NOPE/);
  await page.close();
  check();
});

test("search panel: count, next/previous, replace, replace all (one undo), Escape; go to line", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, "FROM alpine:3.20\nRUN echo a\nRUN echo b\nrun echo c\n");
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("ControlOrMeta+f");
  const panel = page.locator("[data-testid=editor] .ed-search");
  await panel.waitFor();
  assert.ok(await focused(page, ".ed-q"));
  await page.keyboard.type("run");
  const count = panel.locator(".ed-count");
  await page.waitForFunction(() => document.querySelector(".ed-count").textContent === "1 of 3");
  assert.equal(await page.locator("[data-testid=editor] .ed-match").count(), 3);
  assert.deepEqual(await selection(page), [17, 20]);
  await page.keyboard.press("Enter");
  assert.equal(await count.textContent(), "2 of 3");
  await page.keyboard.press("Shift+Enter");
  assert.equal(await count.textContent(), "1 of 3");
  // Match case: "run" only once.
  await panel.getByRole("button", { name: "Match case" }).click();
  assert.equal(await count.textContent(), "1 of 1");
  assert.deepEqual(await selection(page), [39, 42]);
  await panel.getByRole("button", { name: "Match case" }).click();
  // Replace one, then all; replace-all is one undo step.
  await panel.locator(".ed-r").fill("CMD");
  await page.keyboard.press("ControlOrMeta+Home").catch(() => {});
  await panel.getByRole("button", { name: "Replace this match" }).click();
  await page.waitForFunction(() => (document.querySelector("[data-testid=editor] textarea").value.match(/CMD/g) ?? []).length === 1);
  await panel.getByRole("button", { name: "Replace all matches" }).click();
  assert.equal(await editorText(page), "FROM alpine:3.20\nCMD echo a\nCMD echo b\nCMD echo c\n");
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+z");
  assert.equal((await editorText(page)).match(/CMD/g)?.length, 1);
  // Escape closes the panel and returns focus to the text.
  await page.keyboard.press("ControlOrMeta+f");
  await page.keyboard.press("Escape");
  assert.ok(await panel.isHidden());
  assert.ok(await focused(page, "[data-testid=editor] textarea"));
  // Go to line: Mod-Alt-G, then ":3".
  await page.keyboard.press("ControlOrMeta+Alt+g");
  await panel.waitFor();
  await page.keyboard.type("3");
  assert.equal(await panel.locator(".ed-q").inputValue(), ":3");
  await page.keyboard.press("Enter");
  assert.ok(await panel.isHidden());
  assert.ok(await focused(page, "[data-testid=editor] textarea"));
  const text = await editorText(page);
  const line3 = text.split("\n").slice(0, 2).join("\n").length + 1;
  assert.deepEqual(await selection(page), [line3, line3]);
  await page.close();
  check();
});

test("bracket matching, Tab indents, Shift-Tab outdents, Escape then Tab leaves the editor", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  await setEditorText(page, 'FROM alpine:3.20\nCMD ["sh", "-c", "echo ${A}"]\n');
  // The caret just after "[": the bracket and its partner are marked.
  const at = (await editorText(page)).indexOf("[") + 1;
  await editorInput(page).evaluate((t, p) => t.setSelectionRange(p, p), at);
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=editor] .ed-bracket").length === 2);
  assert.equal(await page.locator("[data-testid=editor] .ed-bracket.bad").count(), 0);
  // An unmatched bracket is marked as such.
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("RUN echo (");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=editor] .ed-bracket.bad").length === 1);
  // Tab indents the selected lines; Shift-Tab takes it back.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Tab");
  assert.equal(await editorText(page), '    FROM alpine:3.20\n    CMD ["sh", "-c", "echo ${A}"]\n    RUN echo (');
  await page.keyboard.press("Shift+Tab");
  assert.equal(await editorText(page), 'FROM alpine:3.20\nCMD ["sh", "-c", "echo ${A}"]\nRUN echo (');
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  assert.ok(!(await focused(page, "[data-testid=editor] textarea")), "focus moved on");
  assert.equal(await editorText(page), 'FROM alpine:3.20\nCMD ["sh", "-c", "echo ${A}"]\nRUN echo (');
  // The textarea says how to leave it.
  const help = await editorInput(page).evaluate((t) => document.getElementById(t.getAttribute("aria-describedby")).textContent);
  assert.match(help, /Escape then Tab/);
  await page.close();
  check();
});

test("read-only embed: typing changes nothing; selection and search still work", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin, "/?embed=1");
  await ready(page);
  const before = await editorText(page);
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.type("xyz");
  await page.keyboard.press("Tab");
  assert.equal(await editorText(page), before);
  assert.ok(!(await focused(page, "[data-testid=editor] textarea")), "Tab moves on in a read-only editor");
  await editorInput(page).focus();
  await page.keyboard.press("ControlOrMeta+f");
  await page.keyboard.type("FROM");
  await page.waitForFunction(() => /^1 of \d+$/.test(document.querySelector(".ed-count").textContent));
  assert.ok(await page.locator("[data-testid=editor] .ed-r").isHidden(), "no replace when read-only");
  const [from, to] = await selection(page);
  assert.equal(before.slice(from, to), "FROM");
  await page.close();
  check();
});

test("a 2,000-line document: only the lines in view are rendered and in the textarea; go to line, Mod-Home/End, select all, undo", async () => {
  const { page, check } = await openPage(env.chrome.context, env.server.origin);
  await ready(page);
  const lines = ["FROM alpine:3.20"];
  for (let i = 1; i < 2000; i++) lines.push(`RUN echo line ${i + 1}`);
  await setEditorText(page, lines.join("\n"));
  // Go to line 1500 and check the rendered window is around it.
  await page.keyboard.press("ControlOrMeta+Alt+g");
  await page.keyboard.type("1500");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=editor] .ed-line")].some((l) => l.textContent === "RUN echo line 1500"));
  const shown = await renderedLines(page);
  assert.ok(shown.length < 200, `${shown.length} lines rendered`);
  assert.equal(await page.locator("[data-testid=editor] .ed-line.active").textContent(), "RUN echo line 1500");
  // The active line is drawn where the textarea shows line 1500 (vertically centred).
  const geo = await page.evaluate(() => {
    const t = document.querySelector("[data-testid=editor] textarea").getBoundingClientRect();
    const a = document.querySelector("[data-testid=editor] .ed-line.active").getBoundingClientRect();
    return { mid: t.top + t.height / 2, line: a.top + a.height / 2 };
  });
  assert.ok(Math.abs(geo.mid - geo.line) < 30, JSON.stringify(geo));
  // The textarea holds only a window of lines around the viewport; edits land in the document.
  const held = await editorInput(page).evaluate((t) => t.value.split("\n").length);
  assert.ok(held < 1000, `the textarea holds ${held} lines`);
  await page.keyboard.type("X");
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("\nZ");
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.type("# top\n");
  let text = await editorText(page);
  const want = ["# top", ...lines.slice(0, 1499), "XRUN echo line 1500", ...lines.slice(1500), "Z"];
  assert.equal(text, want.join("\n"));
  // Scrolled far from the caret with the wheel, a key brings the caret back and types there.
  await page.getByTestId("editor").locator(".ed-main").evaluate((m) => (m.scrollTop = m.scrollHeight));
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=editor] .ed-line")].some((l) => l.textContent === "Z"));
  await page.keyboard.type("!");
  text = await editorText(page);
  assert.ok(text.startsWith("# top\n!FROM alpine"), text.slice(0, 30));
  // Select all reaches the whole document; undo brings it all back.
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("FROM scratch");
  assert.equal(await editorText(page), "FROM scratch");
  await page.keyboard.press("ControlOrMeta+z");
  assert.equal(await editorText(page), text);
  await page.close();
  check();
});
