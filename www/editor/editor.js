// The playground's editor: a native <textarea> over a highlight layer, bundled by
// scripts/build-editor.mjs (esbuild, no dependencies).
//
// Why not CodeMirror: the page must load ≤ 400 kB brotli in all, and even a bare CodeMirror
// view + state is 62 kB. A textarea gives us, for free and done right by the browser: the caret,
// selection, IME, mobile selection handles and accessibility. We draw what a textarea cannot:
// colours, line numbers, the active line, search matches, bracket matches and diagnostics, in
// layers under (and beside) the transparent text, for the visible lines only, so a megabyte-sized
// document stays cheap.
//
// The textarea holds a window of the document, not all of it: the lines around the viewport
// (RADIUS lines either side). It does not scroll itself: .ed-main scrolls over a spacer as tall
// and wide as the document, and the textarea sits at its window's place in it. Chromium re-lays
// out and walks a textarea's whole text on every keystroke (a 1 MB textarea: 100-300 ms per key on
// a busy machine); a window of a few hundred lines keeps that small and constant. The window
// moves when the viewport nears its edge; Mod-A, Mod-Home/End and big pastes are handled so they
// act on the whole document; a selection the window scrolled away from comes back on the next
// key. Documents under 2·RADIUS + 200 lines are simply all in the textarea.
//
// Undo is ours, not the textarea's: programmatic edits (fixes, examples, replace-all, indent)
// must be undoable, and the only way onto the native stack, execCommand("insertText"), takes
// time quadratic in the number of inserted lines in Chromium (2,000 lines: 13 s). So every
// change, typed or not, is recorded from the text itself (see `changed`), edits are applied with
// setRangeText (fast, but it clears the native stack), and Mod-Z / Mod-Shift-Z / Mod-Y and the
// browser's own undo requests (beforeinput historyUndo/historyRedo) run our history.
//
// Layout (all boxes share one font and one fixed line height; no soft wrap):
//
//   .ed                     the root (position: relative)
//     .ed-search            the search / go-to-line panel (hidden until Mod-F / Mod-Alt-G)
//     .ed-body              gutter + text, side by side
//       .ed-gutter > .ed-gin    line numbers and diagnostic marks (visible lines only)
//       .ed-main
//         .ed-active        the active line's background (follows vertical scroll only)
//         .ed-layer         translated by the textarea's scroll offsets:
//           .ed-marks         search matches, bracket matches, diagnostic underlines
//           .ed-text          the coloured text of the visible lines (.ed-line, .ed-line.active)
//         textarea.ed-input the editing surface: transparent text, visible caret and selection
//     .ed-tip               diagnostic popup (hover, gutter click, Mod-. or F8)
//
// API (imported by crates/web/src/editor.rs through a wasm-bindgen extern block):
//   create(parent, text, onChange) -> view     onChange(text) after every document change
//   setText(view, text)                        replace the document (one undoable step)
//   getText(view)
//   setDiagnostics(view, json)                 [{from,to,severity,message,source,fixes:[{title,edits:[{from,to,insert}]}]}]
//   applyEdits(view, json)                     [{from,to,insert}] as one undoable change
//   selectRange(view, from, to)                select, scroll into view (centred), focus
//   setReadOnly(view, readOnly)
//
// Offsets are UTF-16 code units, a textarea's own unit.

// Dockerfile colouring: a few regular expressions per visible line (comments, instruction
// keywords, flags, quoted strings, variables) with the tok-* classes www/style.css colours. The
// core does the real parsing; this is only colour.
const KEYWORDS =
  "FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL";
const TOKENS = new RegExp(
  `^(\\s*)(#.*)$|^(\\s*)(${KEYWORDS})(?=\\s|$)|(\\s)(--[A-Za-z-]+)|("(?:[^"\\\\]|\\\\.)*"?|'[^']*'?)|(\\$\\{[^}]*\\}?|\\$[A-Za-z_][A-Za-z0-9_]*)|(\\s)(AS)(?=\\s|$)`,
  "gi",
);

// Documents over this many characters report their changes at most once per frame: each report
// copies the whole text into the app, which for a megabyte is worth coalescing while someone types.
const LARGE = 200_000;
// Lines rendered beyond the visible ones, so small scrolls only move the layers.
const MARGIN = 12;
// Lines longer than this are drawn without colours (colouring is cosmetic; keep frames short).
const LONG_LINE = 5000;
const INDENT = "    ";
// Lines the textarea holds either side of the viewport (see the window, above).
const RADIUS = 150;
// Pastes longer than this go straight into the document (and the window), not through the textarea.
const BIG_PASTE = 20000;
const RANK = { hint: 0, info: 1, warning: 2, error: 3 };
const BRACKETS = { "(": ")", "[": "]", "{": "}", ")": "(", "]": "[", "}": "{" };
const mac = /Mac|iP/.test(navigator.platform);
let ids = 0;

const esc = (s) => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));

function node(tag, cls, parent, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  parent?.append(e);
  return e;
}

function button(parent, text, title, onClick) {
  const b = node("button", "ed-btn", parent, text);
  b.type = "button";
  b.title = title;
  b.setAttribute("aria-label", title);
  b.onclick = onClick;
  return b;
}

/** The coloured HTML of one line. */
function lineHTML(s) {
  if (s.length > LONG_LINE) return esc(s);
  let out = "";
  let last = 0;
  let m;
  TOKENS.lastIndex = 0;
  while ((m = TOKENS.exec(s))) {
    // The leading group (indent or one blank) is not part of the token.
    const [lead, cls] =
      m[2] !== undefined ? [m[1].length, "comment"]
      : m[4] !== undefined ? [m[3].length, "keyword"]
      : m[6] !== undefined ? [1, "meta"]
      : m[7] !== undefined ? [0, "string"]
      : m[8] !== undefined ? [0, "variableName"]
      : [1, "keyword"];
    const a = m.index + lead;
    out += `${esc(s.slice(last, a))}<span class="tok-${cls}">${esc(s.slice(a, m.index + m[0].length))}</span>`;
    last = m.index + m[0].length;
  }
  return out + esc(s.slice(last));
}

/** Index of the last element of the sorted `a` that is ≤ `x` (or -1). */
function floorIndex(a, x) {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The changed region between `a` (before) and `b` (after) as [from, toBefore, toAfter].
 * `hint` (the caret before and after, whichever is first) is usually where the change starts,
 * so the common prefix is checked there in one native comparison instead of char by char.
 */
function diff(a, b, hint, caret) {
  const n = Math.min(a.length, b.length);
  let p = Math.min(hint, n);
  if (a.slice(0, p) !== b.slice(0, p)) p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = Math.max(0, Math.min(b.length - Math.max(p, caret), n - p));
  if (s && a.slice(a.length - s) !== b.slice(b.length - s)) s = 0;
  while (s < n - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return [p, a.length - s, b.length - s];
}

export function create(parent, text, onChange) {
  const root = node("div", "ed", parent);
  const id = `ed${++ids}`;

  // ---- DOM ----------------------------------------------------------------------------------
  const panel = node("div", "ed-search", root);
  panel.hidden = true;
  panel.setAttribute("role", "search");
  const body = node("div", "ed-body", root);
  const gutter = node("div", "ed-gutter", body);
  const gin = node("div", "ed-gin", gutter);
  const main = node("div", "ed-main", body);
  const spacer = node("div", "ed-spacer", main);
  const activeBg = node("div", "ed-active", main);
  const layer = node("div", "ed-layer", main);
  const marks = node("div", "ed-marks", layer);
  const lines = node("div", "ed-text", layer);
  const probe = node("span", "ed-probe", layer, "0".repeat(64));
  const probeWide = node("span", "ed-probe", layer); // one wide character at a time
  const ta = node("textarea", "ed-input", main);
  node("div", "ed-ring", body); // the focus ring, drawn over the scrolled content
  const help = node(
    "p",
    "ed-help",
    root,
    "Dockerfile editor. Tab indents; press Escape then Tab to move focus out. " +
      `${mac ? "Cmd" : "Ctrl"}-F searches, ${mac ? "Cmd-Option" : "Ctrl-Alt"}-G goes to a line, ` +
      `${mac ? "Cmd" : "Ctrl"}-. shows the problem at the caret and its fixes, F8 goes to the next problem.`,
  );
  help.id = `${id}-help`;
  const tip = node("div", "ed-tip", root);
  tip.hidden = true;
  tip.tabIndex = -1;
  tip.setAttribute("role", "dialog");
  tip.setAttribute("aria-label", "Problems");

  for (const [k, v] of Object.entries({
    "aria-label": "Dockerfile",
    "aria-describedby": help.id,
    spellcheck: "false",
    autocapitalize: "off",
    autocomplete: "off",
    autocorrect: "off",
    wrap: "off",
    translate: "no",
  }))
    ta.setAttribute(k, v);
  gutter.setAttribute("aria-hidden", "true");
  layer.setAttribute("aria-hidden", "true");

  // ---- state --------------------------------------------------------------------------------
  let doc = "";
  let starts = [0]; // offset of each line's first character
  let version = 0; // bumped on every document change
  let diags = [];
  let lh = 20; // line height, character width and the textarea's padding, measured
  let cw = 8;
  let padT = 0;
  let padL = 0;
  let padB = 0;
  let hint = 0; // where the next input probably starts (see diff)
  let undo = []; // history entries {from, removed, inserted, before, after, at, kind}
  let redo = [];
  let sel = [0, 0]; // the selection before the change being recorded
  let kind = ""; // "" for typing; a name for programmatic edits (never merged with typing)
  // The window: lines [w0, w1) are in the textarea as `win`, starting at document offset `base`.
  let w0 = 0;
  let w1 = 1;
  let base = 0;
  let win = "";
  let lost = null; // the selection, when scrolling moved the window away from it: [from, to, backward]
  let frame = 0;
  let drawn = ""; // what the text layer shows (first, last, version), to skip needless redraws
  let marked = ""; // the same for the marks layer
  let shown = []; // the text of each drawn line
  let gutterHTML = "";
  let dver = 0; // bumped when the diagnostics change
  let escaped = false; // Escape was the last key: the next Tab leaves the editor
  let pending = false;

  const lineOf = (pos) => Math.max(0, floorIndex(starts, pos));
  const lineEnd = (l) => (l + 1 < starts.length ? starts[l + 1] - 1 : doc.length);
  const lineText = (l) => doc.slice(starts[l], lineEnd(l));
  const clamp = (n) => Math.max(0, Math.min(n | 0, doc.length));

  /** The selection in document offsets: [from, to, backward]. */
  const getSel = () => lost ?? [base + ta.selectionStart, base + ta.selectionEnd, ta.selectionDirection === "backward"];
  const head = () => {
    const [a, b, back] = getSel();
    return back ? a : b;
  };

  /** Selects [from, to) (document offsets), moving the window to it if needed. */
  function setSel(from, to, back = false) {
    if (from < base || to > base + win.length) rewindow(lineOf(from), lineOf(to));
    lost = null;
    ta.setSelectionRange(from - base, to - base, back ? "backward" : "forward");
    schedule();
  }

  /**
   * Sizes the scrolled content: the spacer is the whole document, the textarea (which does not
   * scroll itself) sits over the window's lines. Widths come from the longest line (tabs
   * counted as one column, hence some slack).
   */
  function pad() {
    let long = 0;
    for (let l = 1; l < starts.length; l++) long = Math.max(long, starts[l] - starts[l - 1]);
    long = Math.max(long, doc.length - starts[starts.length - 1]);
    const w = `max(100%, ${Math.ceil(2 * padL + (long + 8) * cw)}px)`;
    spacer.style.height = `${padT + starts.length * lh + padB}px`;
    spacer.style.width = ta.style.width = activeBg.style.width = w;
    ta.style.top = `${w0 * lh}px`;
    ta.style.height = `${padT + (w1 - w0) * lh + padB}px`;
  }

  /**
   * Puts lines [l0 - RADIUS, l1 + RADIUS] in the textarea (all of them for small documents),
   * keeping the scroll position and, if it is still inside, the selection.
   */
  function rewindow(l0, l1, force) {
    const n = starts.length;
    const a = n <= 2 * RADIUS + 200 ? 0 : Math.max(0, l0 - RADIUS);
    const b = n <= 2 * RADIUS + 200 ? n : Math.min(n, l1 + RADIUS + 1);
    if (!force && a === w0 && b === w1) return;
    const [s, e, back] = getSel();
    const [top, left] = [main.scrollTop, main.scrollLeft];
    w0 = a;
    w1 = b;
    base = starts[a];
    win = doc.slice(base, b < n ? starts[b] - 1 : doc.length);
    ta.value = win;
    pad();
    main.scrollTop = top;
    main.scrollLeft = left;
    if (s >= base && e <= base + win.length) {
      lost = null;
      ta.setSelectionRange(s - base, e - base, back ? "backward" : "forward");
    } else {
      // The selection is outside: remembered, and restored when a key is pressed.
      lost = [s, e, back];
      ta.setSelectionRange(0, 0);
    }
  }

  /**
   * Moves the window when the visible lines come near its edge (on scroll; a caret moving by
   * keys scrolls .ed-main too), or when it grew much larger than needed (a select-all).
   */
  function follow() {
    const n = starts.length;
    if (n <= 2 * RADIUS + 200 && w0 === 0 && w1 === n) return;
    const top = Math.floor(main.scrollTop / lh);
    const bottom = Math.ceil((main.scrollTop + main.clientHeight) / lh);
    const margin = RADIUS / 4;
    const far = (w0 > 0 && top < w0 + margin) || (w1 < n && bottom > w1 - margin) || w1 - w0 > 4 * RADIUS;
    if (far) rewindow(top, bottom);
  }

  // Widths in columns (multiples of the measured digit width `cw`). The font is monospaced for
  // the scripts Dockerfiles are mostly written in, but CJK, emoji and other wide or fallback-font
  // characters are not one column: they are measured once each, laid out in the layer's own
  // font (so with the same fallback fonts as the text), and underlines, hovers and scrolling
  // line up with the text the browser draws.
  let wide = new Map();
  function advance(v, i) {
    const c = doc.charCodeAt(i);
    if (c === 9) return Math.floor(v / 4) * 4 + 4;
    // `!(c >= …)`: past the end of the text (a diagnostic of an older text, while typing
    // fast) charCodeAt is NaN; such a column counts as one, as it always did.
    if (!(c >= 0x300)) return v + 1;
    if (c < 0x370) return v; // combining diacritics draw over the previous character
    if (c < 0x1100) return v + 1;
    if (c >= 0xdc00 && c < 0xe000) return v; // the second half of a surrogate pair
    const ch = c >= 0xd800 && c < 0xdc00 ? doc.slice(i, i + 2) : doc[i];
    let w = wide.get(ch);
    if (w === undefined) {
      probeWide.textContent = ch.repeat(8);
      w = probeWide.getBoundingClientRect().width / 8 / cw;
      wide.set(ch, w);
    }
    return v + w;
  }

  /** The visual column of `pos` (tabs expand to the next multiple of 4). */
  function col(pos) {
    const s = starts[lineOf(pos)];
    let c = 0;
    for (let i = s; i < pos; i++) c = advance(c, i);
    return c;
  }

  /** The offset in line `l` at visual column `c` (or -1 past the end). */
  function offsetAt(l, c) {
    const end = lineEnd(l);
    let v = 0;
    for (let i = starts[l]; i < end; i++) {
      v = advance(v, i);
      if (v > c) return i;
    }
    return -1;
  }

  function measure() {
    const cs = getComputedStyle(ta);
    lh = parseFloat(cs.lineHeight) || 20;
    padT = parseFloat(cs.paddingTop) || 0;
    padB = parseFloat(cs.paddingBottom) || 0;
    padL = parseFloat(cs.paddingLeft) || 0;
    cw = probe.getBoundingClientRect().width / 64 || 8;
    wide = new Map(); // the font may have changed
    pad();
    lines.style.left = marks.style.left = "0";
    drawn = "";
    schedule();
  }

  function report() {
    if (kind === "init") return;
    if (doc.length <= LARGE) onChange(doc);
    else if (!pending) {
      // At most once per frame, in a task of its own after the frame (so the app's work and
      // the frame's rendering are two shorter tasks rather than one long one).
      pending = true;
      requestAnimationFrame(() =>
        setTimeout(() => {
          pending = false;
          onChange(doc);
        }),
      );
    }
  }

  /** Brings the model up to date after the user changed the textarea's text (the window). */
  function changed() {
    const next = ta.value;
    if (next === win) return;
    const caret = ta.selectionEnd;
    const [from, toOld, toNew] = diff(win, next, Math.min(hint, ta.selectionStart), caret);
    hint = caret;
    win = next;
    commit(base + from, base + toOld, next.slice(from, toNew));
  }

  /** Replaces [from, to) of the document with `ins` (the textarea already shows it, or will). */
  function commit(from, to, ins) {
    record(from, doc.slice(from, to), ins);
    const delta = ins.length - (to - from);
    // Line starts: drop those inside the replaced text, add the new ones, shift the rest.
    const i = floorIndex(starts, from) + 1;
    const j = floorIndex(starts, to) + 1;
    const added = [];
    for (let k = ins.indexOf("\n"); k >= 0; k = ins.indexOf("\n", k + 1)) added.push(from + k + 1);
    const tail = starts.slice(j);
    for (let k = 0; k < tail.length; k++) tail[k] += delta;
    w1 += added.length - (j - i);
    starts = starts.slice(0, i).concat(added, tail);
    // Diagnostics follow the text until the app sends new ones (within milliseconds); their
    // fixes are withheld meanwhile, since their edits were computed for the old text.
    const map = (p, end) => (p < from || (p === from && !end) ? p : p >= to ? p + delta : end ? from + ins.length : from);
    for (const d of diags) {
      d.from = map(d.from, false);
      d.to = Math.max(d.from, map(d.to, true));
      d.stale = true;
    }
    doc = doc.slice(0, from) + ins + doc.slice(to);
    pad();
    version++;
    if (tipMode) hideTip();
    schedule();
    report();
  }

  /**
   * Adds a change to the history. Typing merges into the previous entry while it continues it
   * (more characters at its end, backspacing into it, deleting next to it) within a second and
   * without a new line, so one undo takes back a burst of typing, as in other editors.
   */
  function record(from, removed, inserted) {
    if (kind === "history" || kind === "init") return;
    const now = Date.now();
    const last = undo.at(-1);
    const after = getSel();
    redo = [];
    if (last && !kind && !last.kind && now - last.at < 1000 && !inserted.includes("\n")) {
      const end = last.from + last.inserted.length;
      if (from >= last.from && from + removed.length <= end) {
        // Inside what the entry inserted: typing on, backspacing it, IME composition updates.
        last.inserted = last.inserted.slice(0, from - last.from) + inserted + last.inserted.slice(from - last.from + removed.length);
        Object.assign(last, { after, at: now });
        return;
      }
      if (!inserted && !last.inserted && (from + removed.length === last.from || from === last.from)) {
        // Backspace or Delete next to the previous deletion.
        last.removed = from < last.from ? removed + last.removed : last.removed + removed;
        Object.assign(last, { from, after, at: now });
        return;
      }
    }
    undo.push({ from, removed, inserted, before: sel, after, at: now, kind });
    if (undo.length > 200) undo.shift();
  }

  /** Undoes (`back`) or redoes the last step. */
  function history(back) {
    const e = ta.readOnly ? null : (back ? undo : redo).pop();
    if (!e) return;
    (back ? redo : undo).push(e);
    const [a, b] = back ? [e.inserted, e.removed] : [e.removed, e.inserted];
    replace(e.from, e.from + a.length, b, false, "history");
    const [s, t, bk] = back ? e.before : e.after;
    setSel(s, t, bk);
    reveal(bk ? s : t, bk ? s : t, false);
  }

  /**
   * Replaces [from, to) of the document with `text` as one step of the history; the caret goes
   * after it, or it is selected (`select`).
   */
  function replace(from, to, text, select, what = "edit") {
    sel = getSel();
    kind = what;
    if (from < base || to > base + win.length || text.length > BIG_PASTE) {
      // Outside the window, or big: into the document, then a new window around the result.
      commit(from, to, text);
      const last = lineOf(from + text.length);
      rewindow(select ? lineOf(from) : last, last, true);
    } else {
      ta.setRangeText(text, from - base, to - base);
      win = ta.value;
      commit(from, to, text);
    }
    pad();
    kind = "";
    if (select) setSel(from, from + text.length);
    else setSel(from + text.length, from + text.length);
    if (what !== "history" && undo.length) undo.at(-1).after = getSel();
  }

  function applyEdits(edits) {
    const list = edits
      .map((e) => ({ from: clamp(e.from), to: clamp(e.to), insert: String(e.insert ?? "") }))
      .sort((a, b) => a.from - b.from || a.to - b.to);
    if (!list.length) return;
    // One insertion over the range all edits cover: one undo step. Overlapping edits are dropped.
    const lo = list[0].from;
    const hi = Math.max(...list.map((e) => e.to));
    let out = "";
    let at = lo;
    for (const e of list) {
      if (e.from < at) continue;
      out += doc.slice(at, e.from) + e.insert;
      at = e.to;
    }
    replace(lo, hi, out + doc.slice(at, hi).replace(/\r\n?/g, "\n"));
  }

  function setText(text) {
    text = String(text).replace(/\r\n?/g, "\n");
    if (text === doc) return;
    // Replace only the part that differs: a small undo entry and fewer bytes through the editor.
    const [from, to, toNew] = diff(doc, text, 0, 0);
    replace(from, to, text.slice(from, toNew), false, "load");
    setSel(0, 0);
    main.scrollTop = main.scrollLeft = 0;
    schedule();
  }

  /** Scrolls so that [from, to) is visible; vertically centred if `centre` or out of view. */
  function reveal(from, to, centre) {
    const l = lineOf(from);
    const y = padT + l * lh;
    if (centre || y < main.scrollTop || y + lh > main.scrollTop + main.clientHeight)
      main.scrollTop = Math.max(0, y - (main.clientHeight - lh) / 2);
    const x0 = padL + col(from) * cw;
    const x1 = padL + col(lineOf(to) === l ? to : from) * cw;
    if (x0 < main.scrollLeft + padL || x1 > main.scrollLeft + main.clientWidth - padL)
      main.scrollLeft = Math.max(0, x0 - main.clientWidth / 2);
    schedule();
  }

  function select(from, to, centre) {
    setSel(Math.min(from, to), Math.max(from, to), from > to);
    reveal(from, to, centre);
  }

  // ---- drawing ------------------------------------------------------------------------------
  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  /** Absolutely placed box over columns [c0, c1) of line `l` in the marks layer. */
  function box(l, c0, c1, cls) {
    const b = node("div", cls, marks);
    b.style.cssText = `top:${padT + l * lh}px;left:${padL + c0 * cw}px;width:${Math.max(1, c1 - c0) * cw}px;height:${lh}px`;
    return b;
  }

  /** Boxes over [from, to), one per line it spans. */
  function span(from, to, cls, first, last) {
    const l0 = Math.max(lineOf(from), first);
    const l1 = Math.min(lineOf(to), last);
    for (let l = l0; l <= l1; l++) {
      const a = l === lineOf(from) ? col(from) : 0;
      const b = l === lineOf(to) ? col(to) : col(lineEnd(l)) + 1;
      const w = Math.max(b, a + 1) - a;
      // Underlines are text decoration, so they need (blank) text to decorate.
      box(l, a, a + w, cls).textContent = cls.startsWith("ed-diag") ? "\u00a0".repeat(Math.ceil(w)) : "";
    }
  }

  function draw() {
    frame = 0;
    const st = main.scrollTop;
    const h = main.clientHeight || 400;
    const top = Math.floor((st - padT) / lh);
    const bottom = Math.ceil((st + h) / lh);
    gin.style.transform = `translateY(${-st}px)`;
    const [s0, s1] = getSel();
    const caret = head();
    const cl = lineOf(caret);
    activeBg.style.transform = `translateY(${padT + cl * lh}px)`;
    activeBg.style.height = `${lh}px`;

    // The text and the gutter: redrawn when the document changed or the visible lines left
    // the drawn window.
    let [first, last, ver] = drawn.split(",").map(Number);
    if (ver !== version || top < first || bottom > last || drawn === "") {
      first = Math.max(0, top - MARGIN);
      last = Math.min(starts.length - 1, bottom + MARGIN);
      const same = drawn.startsWith(`${first},${last},`);
      drawn = `${first},${last},${version}`;
      if (same) {
        // Same lines in view (typing): only the lines whose text changed are redrawn.
        for (let l = first; l <= last; l++) {
          const t = lineText(l);
          if (t !== shown[l - first]) {
            shown[l - first] = t;
            lines.children[l - first].innerHTML = lineHTML(t);
          }
        }
      } else {
        shown = [];
        let html = "";
        for (let l = first; l <= last; l++) html += `<div class="ed-line">${lineHTML((shown[l - first] = lineText(l)))}</div>`;
        lines.innerHTML = html;
      }
      lines.style.top = `${padT + first * lh}px`;
      lines.style.left = `${padL}px`;
      const digits = String(starts.length).length;
      gutter.style.width = `${digits + 2.2}ch`;
    }
    last = Math.min(last, starts.length - 1);
    lines.querySelector(".active")?.classList.remove("active");
    lines.children[cl - first]?.classList.add("active");

    // Worst diagnostic severity per drawn line, for the gutter.
    const worst = new Map();
    const lo = starts[first];
    const hi = lineEnd(last);
    const visible = diags.filter((d) => d.to >= lo && d.from <= hi);
    for (const d of visible) {
      const l = lineOf(d.from);
      if ((RANK[worst.get(l)] ?? -1) < RANK[d.severity]) worst.set(l, d.severity);
    }
    let gut = "";
    for (let l = first; l <= last; l++) {
      const sev = worst.get(l);
      gut += `<div class="ed-ln${l === cl ? " active" : ""}${sev ? ` sev-${sev}` : ""}" data-l="${l}"${sev ? ` title="${sev}: click for details"` : ""}>${l + 1}</div>`;
    }
    if (gut !== gutterHTML) gin.innerHTML = gutterHTML = gut;
    gin.style.paddingTop = `${padT + first * lh}px`;

    // Marks: search matches, the bracket pair at the caret, diagnostics (rebuilt only when one
    // of them may have changed, so the hovered elements stay put).
    const key = `${drawn},${dver},${s0},${s1},${panel.hidden ? "" : q.value + caseBtn.getAttribute("aria-pressed")}`;
    if (key === marked) return;
    marked = key;
    marks.textContent = "";
    if (!panel.hidden) {
      const ms = matches();
      for (let k = Math.max(0, floorIndex(ms, lo)); k < ms.length && ms[k] <= hi; k++) {
        const cur = ms[k] === s0 && s1 - s0 === queryLen;
        span(ms[k], ms[k] + queryLen, cur ? "ed-match cur" : "ed-match", first, last);
      }
    }
    if (s0 === s1) {
      for (const p of [caret - 1, caret]) {
        const c = doc[p];
        if (!BRACKETS[c]) continue;
        const q = matchBracket(p);
        box(lineOf(p), col(p), col(p) + 1, q < 0 ? "ed-bracket bad" : "ed-bracket");
        if (q >= 0 && lineOf(q) >= first && lineOf(q) <= last) box(lineOf(q), col(q), col(q) + 1, "ed-bracket");
        break;
      }
    }
    for (const d of visible) span(d.from, Math.max(d.to, d.from + 1), `ed-diag sev-${d.severity}`, first, last);
  }

  /** The bracket matching the one at `p`, or -1 (looks at most 20,000 characters away). */
  function matchBracket(p) {
    const open = doc[p];
    const close = BRACKETS[open];
    const dir = "([{".includes(open) ? 1 : -1;
    let depth = 0;
    for (let i = p, n = 0; i >= 0 && i < doc.length && n < 20000; i += dir, n++) {
      if (doc[i] === open) depth++;
      else if (doc[i] === close && --depth === 0) return i;
    }
    return -1;
  }

  // ---- search and go to line ----------------------------------------------------------------
  const q = node("input", "ed-q", panel);
  q.placeholder = "Find, or :line";
  q.setAttribute("aria-label", "Find (or :line to go to a line)");
  const caseBtn = button(panel, "Aa", "Match case", () => {
    caseBtn.setAttribute("aria-pressed", String(caseBtn.getAttribute("aria-pressed") !== "true"));
    found = "";
    find(0);
  });
  caseBtn.setAttribute("aria-pressed", "false");
  const count = node("span", "ed-count", panel);
  count.setAttribute("aria-live", "polite");
  button(panel, "↑", "Previous match (Shift-Enter)", () => find(-1));
  button(panel, "↓", "Next match (Enter)", () => find(1));
  const r = node("input", "ed-r", panel);
  r.placeholder = "Replace";
  r.setAttribute("aria-label", "Replace with");
  const rep = button(panel, "Replace", "Replace this match", () => replaceOne());
  const all = button(panel, "All", "Replace all matches", () => replaceAll());
  rep.classList.add("ed-rep");
  all.classList.add("ed-rep");
  button(panel, "×", "Close search (Escape)", () => closeSearch());

  let found = ""; // the query and version the match list was computed for
  let found_ = [];
  let queryLen = 0;
  let origin = 0; // where incremental search starts

  function matches() {
    const key = `${version}\u0000${caseBtn.getAttribute("aria-pressed")}\u0000${q.value}`;
    if (key !== found) {
      found = key;
      found_ = [];
      queryLen = q.value.length;
      if (q.value && !q.value.startsWith(":")) {
        const flags = caseBtn.getAttribute("aria-pressed") === "true" ? "g" : "gi";
        const re = new RegExp(q.value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), flags);
        let m;
        while ((m = re.exec(doc)) && found_.length < 100000) found_.push(m.index);
      }
    }
    return found_;
  }

  /** Moves to the next (1), previous (-1) or nearest-from-origin (0) match; updates the count. */
  function find(dir) {
    const ms = matches();
    if (q.value.startsWith(":")) {
      count.textContent = "Enter: go to line";
      return;
    }
    let k = -1;
    if (ms.length) {
      const [s] = getSel();
      if (dir === 0) k = floorIndex(ms, origin - 1) + 1;
      else if (dir > 0) k = floorIndex(ms, s);
      else k = floorIndex(ms, s - 1);
      if (dir > 0) k++;
      k = (k + ms.length) % ms.length;
      select(ms[k], ms[k] + queryLen, false);
    }
    count.textContent = q.value ? (ms.length ? `${k + 1} of ${ms.length}` : "no matches") : "";
    schedule();
  }

  function replaceOne() {
    const ms = matches();
    const [s, e] = getSel();
    if (ms.includes(s) && e - s === queryLen) replace(s, s + queryLen, r.value);
    find(1);
  }

  function replaceAll() {
    const ms = matches();
    if (!ms.length) return;
    // One insertion over the covering range: one undo step.
    let out = "";
    for (let k = 0; k < ms.length; k++) out += r.value + doc.slice(ms[k] + queryLen, ms[k + 1] ?? ms[k] + queryLen);
    const n = ms.length;
    replace(ms[0], ms[n - 1] + queryLen, out);
    count.textContent = `replaced ${n}`;
  }

  function goToLine() {
    const [l, c] = q.value.slice(1).split(/[:,]/).map(Number);
    if (!l) return;
    const line = Math.max(0, Math.min(l - 1, starts.length - 1));
    const p = Math.min(starts[line] + Math.max(0, (c || 1) - 1), lineEnd(line));
    closeSearch();
    select(p, p, true);
  }

  function openSearch(prefix) {
    hideTip();
    panel.hidden = false;
    const [s, e] = getSel();
    const sel = doc.slice(s, e);
    origin = s;
    q.value = prefix || (sel && !sel.includes("\n") ? sel : q.value);
    q.focus();
    q.select();
    if (prefix) q.setSelectionRange(1, 1);
    found = "";
    find(0);
  }

  function closeSearch() {
    panel.hidden = true;
    count.textContent = "";
    ta.focus();
    schedule();
  }

  q.oninput = () => find(0);
  panel.onkeydown = (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      closeSearch();
    } else if ((e.key === "Enter" && e.target === q) || e.key === "F3") {
      e.preventDefault();
      if (q.value.startsWith(":")) goToLine();
      else find(e.shiftKey ? -1 : 1);
    } else if (e.key === "Enter" && e.target === r) {
      e.preventDefault();
      if (e.altKey || e.ctrlKey || e.metaKey) replaceAll();
      else replaceOne();
    }
  };

  // ---- diagnostics popup --------------------------------------------------------------------
  let tipMode = ""; // "", "hover" or "pinned" (opened by keyboard or a gutter click: focusable)
  let tipFor = [];
  let hideTimer = 0;

  function hideTip() {
    clearTimeout(hideTimer);
    tip.hidden = true;
    tipMode = "";
    tipFor = [];
  }

  /** Shows the diagnostics `list` below line `l`, at x offset `x` (px from the root's left). */
  function showTip(list, l, x, mode) {
    clearTimeout(hideTimer);
    if (mode === "hover" && tipMode === "pinned") return;
    if (list.length === tipFor.length && list.every((d, k) => d === tipFor[k]) && tipMode === mode) return;
    tipFor = list;
    tipMode = mode;
    tip.textContent = "";
    for (const d of list) {
      const item = node("div", `ed-tip-item sev-${d.severity}`, tip);
      node("div", "ed-tip-msg", item, d.message);
      if (d.source) node("span", "ed-tip-src", item, `${d.severity} · ${d.source}`);
      if (!d.stale)
        for (const f of d.fixes ?? [])
          button(item, f.title, `Fix: ${f.title}`, () => {
            hideTip();
            ta.focus();
            applyEdits(f.edits ?? []);
          }).classList.add("ed-fix");
    }
    tip.hidden = false;
    const y = body.offsetTop + main.offsetTop + padT + (l + 1) * lh - main.scrollTop;
    const room = root.clientHeight - y;
    tip.style.top = `${room > tip.offsetHeight || y < tip.offsetHeight + lh ? y : y - lh - tip.offsetHeight}px`;
    tip.style.left = `${Math.max(0, Math.min(x, root.clientWidth - tip.offsetWidth - 4))}px`;
    if (mode === "pinned") (tip.querySelector("button") ?? tip).focus();
  }

  const covering = (p, edge) => diags.filter((d) => d.from <= p && (p < d.to || (edge ? p <= d.to : d.from === d.to && p === d.from)));

  /** The popup for the diagnostics at the caret (keyboard). */
  function tipAtCaret() {
    const p = head();
    const list = covering(p, true);
    if (!list.length) return false;
    reveal(p, p, false);
    draw();
    showTip(list, lineOf(p), main.offsetLeft + padL + col(p) * cw - main.scrollLeft, "pinned");
    return true;
  }

  function nextDiag(dir) {
    if (!diags.length) return;
    const sorted = [...diags].sort((a, b) => a.from - b.from);
    const p = head();
    const k = dir > 0 ? sorted.findIndex((d) => d.from > p) : sorted.findLastIndex((d) => d.from < getSel()[0]);
    const d = sorted[k >= 0 ? k : dir > 0 ? 0 : sorted.length - 1];
    setSel(d.from, d.from);
    tipAtCaret();
  }

  let mx = 0;
  let my = 0;
  let hoverFrame = 0;
  ta.addEventListener("mousemove", (e) => {
    mx = e.clientX;
    my = e.clientY;
    hoverFrame ||= requestAnimationFrame(() => {
      hoverFrame = 0;
      const b = main.getBoundingClientRect();
      const l = Math.floor((my - b.top + main.scrollTop - padT) / lh);
      const c = (mx - b.left + main.scrollLeft - padL) / cw;
      const p = l >= 0 && l < starts.length && c >= 0 ? offsetAt(l, c) : -1;
      const list = p < 0 ? [] : covering(p, false);
      if (list.length) showTip(list, l, mx - root.getBoundingClientRect().left, "hover");
      else if (tipMode === "hover") hideSoon();
    });
  });
  const hideSoon = () => {
    clearTimeout(hideTimer);
    if (tipMode === "hover") hideTimer = setTimeout(hideTip, 300);
  };
  ta.addEventListener("mouseleave", hideSoon);
  tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  tip.addEventListener("mouseleave", hideSoon);
  tip.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      hideTip();
      ta.focus();
    }
  });
  tip.addEventListener("focusout", (e) => {
    if (tipMode === "pinned" && !tip.contains(e.relatedTarget)) hideTip();
  });
  gutter.addEventListener("click", (e) => {
    const l = Number(e.target.closest?.("[data-l]")?.dataset.l ?? -1);
    const list = diags.filter((d) => lineOf(d.from) === l);
    if (list.length) showTip(list, l, main.offsetLeft, "pinned");
  });

  // ---- keys and events ----------------------------------------------------------------------
  function indent(out) {
    const [s, e] = getSel();
    if (!out && !doc.slice(s, e).includes("\n")) {
      // A caret or a part of one line: spaces up to the next tab stop.
      replace(s, e, INDENT.slice(col(s) % 4));
      return;
    }
    const l0 = lineOf(s);
    const l1 = lineOf(e > s && doc[e - 1] === "\n" ? e - 1 : e);
    const from = starts[l0];
    const block = doc
      .slice(from, lineEnd(l1))
      .split("\n")
      .map((t) => (out ? t.replace(/^( {1,4}|\t)/, "") : t && INDENT + t))
      .join("\n");
    replace(from, lineEnd(l1), block, true);
  }

  ta.addEventListener("keydown", (e) => {
    const mod = mac ? e.metaKey : e.ctrlKey;
    const k = e.key;
    const key = k.length === 1 ? k.toLowerCase() : k;
    const was = escaped;
    escaped = k === "Escape";
    if (lost && !/^(Shift|Control|Alt|Meta)$/.test(k)) {
      // The window moved away from the selection (scrolling): bring it back first.
      setSel(...lost);
      reveal(head(), head(), false);
    }
    // Keys that act on the whole document need it (or the part they reach) in the window.
    const n = starts.length;
    if (mod && key === "a") rewindow(0, n - 1);
    const home = (mod && k === "Home") || (mac && e.metaKey && k === "ArrowUp");
    const end = (mod && k === "End") || (mac && e.metaKey && k === "ArrowDown");
    if (home || end) {
      const [a, b, back] = getSel();
      const anchor = lineOf(back ? b : a);
      const t = home ? 0 : n - 1;
      if (e.shiftKey) rewindow(Math.min(anchor, t), Math.max(anchor, t));
      else rewindow(t, t);
      lost = null; // the key itself places the caret, then we scroll to it
      requestAnimationFrame(() => reveal(head(), head(), false));
    }
    let done = true;
    if (k === "Escape") {
      if (tipMode) hideTip();
      else if (!panel.hidden) closeSearch();
      done = false;
    } else if (k === "Tab" && !mod && !e.altKey) {
      // After Escape (or when read-only) Tab moves focus on, as keyboard users expect.
      if (was || ta.readOnly) done = false;
      else indent(e.shiftKey);
    } else if (mod && e.code === "KeyG" && e.altKey) openSearch(":");
    else if (mod && !e.altKey && key === "f") openSearch("");
    else if (k === "F3" || (mod && key === "g")) {
      if (panel.hidden) openSearch("");
      else find(e.shiftKey ? -1 : 1);
    } else if (mod && k === ".") tipAtCaret();
    else if (k === "F8") nextDiag(e.shiftKey ? -1 : 1);
    else if (mod && (key === "z" || (!mac && key === "y"))) history(key === "z" && !e.shiftKey);
    else done = false;
    if (done) e.preventDefault();
  });
  ta.addEventListener("beforeinput", (e) => {
    hint = ta.selectionStart;
    sel = getSel();
    // The browser's own undo (context menu, mobile gestures) runs ours instead.
    if (e.inputType.startsWith("history")) {
      e.preventDefault();
      history(e.inputType === "historyUndo");
    }
  });
  ta.addEventListener("input", changed);
  ta.addEventListener("mousedown", () => (lost = null));
  ta.addEventListener("paste", (e) => {
    const text = e.clipboardData?.getData("text/plain") ?? "";
    if (ta.readOnly || text.length <= BIG_PASTE) return;
    // A big paste goes into the document directly; only the window around it into the textarea.
    e.preventDefault();
    const [a, b] = getSel();
    replace(a, b, text.replace(/\r\n?/g, "\n"), false, "paste");
    reveal(head(), head(), false);
  });
  main.addEventListener("scroll", () => {
    if (tipMode === "hover") hideTip();
    follow();
    schedule();
  });
  const onSelection = () => document.activeElement === ta && schedule();
  document.addEventListener("selectionchange", onSelection);
  new ResizeObserver(measure).observe(ta);
  document.fonts?.ready.then(measure);

  // ---- start --------------------------------------------------------------------------------
  kind = "init";
  commit(0, 0, String(text).replace(/\r\n?/g, "\n"));
  kind = "";
  rewindow(0, 0, true);
  measure();

  const view = {
    setText,
    getText: () => doc,
    applyEdits,
    select(from, to) {
      ta.focus({ preventScroll: true });
      select(clamp(from), clamp(to), true);
    },
    setDiagnostics(list) {
      diags = list.map((d) => ({ ...d, from: clamp(d.from), to: Math.max(clamp(d.from), clamp(d.to)) }));
      dver++;
      if (tipMode === "hover") hideTip();
      schedule();
    },
    setReadOnly(v) {
      ta.readOnly = v;
      root.classList.toggle("ro", v);
    },
  };
  // For tests and debugging: the textarea holds only a window of a long document.
  root.getText = view.getText;
  return view;
}

export const setText = (view, text) => view.setText(text);
export const getText = (view) => view.getText();
export const setDiagnostics = (view, json) => view.setDiagnostics(JSON.parse(json));
export const applyEdits = (view, json) => view.applyEdits(JSON.parse(json));
export const selectRange = (view, from, to) => view.select(from, to);
export const setReadOnly = (view, value) => view.setReadOnly(Boolean(value));
