// The playground's editor: CodeMirror 6, bundled locally by scripts/build-editor.mjs.
//
// This module is the whole bridge between the Yew app and the editor. It knows nothing about
// Dockerfiles beyond syntax colouring: diagnostics and fixes arrive from the Rust core already
// converted to UTF-16 offsets (CodeMirror's unit), and edits go back as the full text.
//
// API (imported by crates/web/src/editor.rs through a wasm-bindgen extern block):
//   create(parent, text, onChange) -> view     onChange(text) after every document change
//   setText(view, text)                        replace the document (keeps history)
//   setDiagnostics(view, json)                 [{from,to,severity,message,source,fixes:[{title,edits:[{from,to,insert}]}]}]
//   applyEdits(view, json)                     [{from,to,insert}] as one undoable change
//   selectRange(view, from, to)                select, scroll into view, focus
//   setReadOnly(view, readOnly)

import { EditorState, Compartment } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { searchKeymap } from "@codemirror/search";
import { bracketMatching } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics as cmSetDiagnostics } from "@codemirror/lint";

// Dockerfile colouring: a few regular expressions over the visible lines (comments,
// instruction keywords, flags, quoted strings, variables), with the same tok-* classes
// www/style.css colours. Smaller than a stream-parser language mode and enough for colour;
// the core does the real parsing.
const KEYWORDS =
  "FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL";
const TOKENS = new RegExp(
  `^(\\s*)(#.*)$|^(\\s*)(${KEYWORDS})(?=\\s|$)|(\\s)(--[A-Za-z-]+)|("(?:[^"\\\\]|\\\\.)*"?|'[^']*'?)|(\\$\\{[^}]*\\}?|\\$[A-Za-z_][A-Za-z0-9_]*)|(\\s)(AS)(?=\\s|$)`,
  "gi",
);
const mark = (cls) => Decoration.mark({ class: cls });
const MARKS = { comment: mark("tok-comment"), keyword: mark("tok-keyword"), meta: mark("tok-meta"), string: mark("tok-string"), variable: mark("tok-variableName") };
const tokens = new MatchDecorator({
  regexp: TOKENS,
  decorate(add, from, _to, m) {
    if (m[2] !== undefined) add(from + m[1].length, from + m[0].length, MARKS.comment);
    else if (m[4] !== undefined) add(from + m[3].length, from + m[0].length, MARKS.keyword);
    else if (m[6] !== undefined) add(from + m[5].length, from + m[0].length, MARKS.meta);
    else if (m[7] !== undefined) add(from, from + m[0].length, MARKS.string);
    else if (m[8] !== undefined) add(from, from + m[0].length, MARKS.variable);
    else if (m[10] !== undefined) add(from + m[9].length, from + m[0].length, MARKS.keyword);
  },
});
const dockerfileColours = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = tokens.createDeco(view);
    }
    update(update) {
      this.decorations = tokens.updateDeco(update, this.decorations);
    }
  },
  { decorations: (v) => v.decorations },
);

const readOnly = new Compartment();

// Documents over this many characters report their changes at most once per frame: each
// report copies the whole text into the app, which for a megabyte is worth coalescing while
// someone types. Smaller ones report at once (lowest latency).
const LARGE = 200_000;

export function create(parent, text, onChange) {
  let pending = false;
  const changed = (view) => {
    if (view.state.doc.length <= LARGE) {
      onChange(view.state.doc.toString());
    } else if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        onChange(view.state.doc.toString());
      });
    }
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        bracketMatching(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        lintGutter(),
        // Token classes (tok-keyword, tok-string, ...) are coloured in www/style.css, so the
        // light and dark themes live in one place.
        dockerfileColours,
        readOnly.of(readOnlyExtensions(false)),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": "Dockerfile", spellcheck: "false" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed(update.view);
        }),
      ],
    }),
  });
  return view;
}

export function setText(view, text) {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

export function getText(view) {
  return view.state.doc.toString();
}

function clamp(view, n) {
  return Math.max(0, Math.min(n, view.state.doc.length));
}

export function setDiagnostics(view, json) {
  const list = JSON.parse(json);
  const diagnostics = list.map((d) => ({
    from: clamp(view, d.from),
    to: clamp(view, d.to),
    severity: d.severity,
    message: d.message,
    source: d.source,
    actions: (d.fixes ?? []).map((fix) => ({
      name: fix.title,
      // Fix edits are relative to the text the diagnostics were computed for, which is the
      // current document (diagnostics are replaced on every change).
      apply: (v) => applyEditList(v, fix.edits),
    })),
  }));
  view.dispatch(cmSetDiagnostics(view.state, diagnostics));
}

function applyEditList(view, edits) {
  view.dispatch({
    changes: edits.map((e) => ({ from: clamp(view, e.from), to: clamp(view, e.to), insert: e.insert })),
    userEvent: "input.fix",
  });
}

export function applyEdits(view, json) {
  applyEditList(view, JSON.parse(json));
}

export function selectRange(view, from, to) {
  const anchor = clamp(view, from);
  const head = clamp(view, to);
  view.dispatch({ selection: { anchor, head }, scrollIntoView: true });
  view.focus();
}

function readOnlyExtensions(value) {
  // Read-only embeds are not editable at all (no caret, contenteditable=false).
  return [EditorState.readOnly.of(value), EditorView.editable.of(!value)];
}

export function setReadOnly(view, value) {
  view.dispatch({ effects: readOnly.reconfigure(readOnlyExtensions(Boolean(value))) });
}
