//! The editor: a Yew component over the playground's own editor module (`www/editor/editor.js`,
//! a textarea over a highlight layer).
//!
//! The bridge is one typed `extern` block over six functions. Offsets cross it as UTF-16 code
//! units (a textarea's unit); the conversion from the core's UTF-8 byte offsets happens here,
//! once, with [`Utf16Map`]. Marks and edits cross as small JSON texts written here by hand.

use stagecraft_syntax::write_json_string as json_string;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(raw_module = "./editor.js")]
extern "C" {
    /// The editor's view object, owned by the JS side.
    #[derive(Debug, Clone)]
    pub type EditorView;

    #[wasm_bindgen(js_name = create)]
    fn cm_create(
        parent: &web_sys::Element,
        text: &str,
        on_change: &Closure<dyn FnMut(String)>,
    ) -> EditorView;
    #[wasm_bindgen(js_name = setText)]
    fn cm_set_text(view: &EditorView, text: &str);
    #[wasm_bindgen(js_name = setDiagnostics)]
    fn cm_set_diagnostics(view: &EditorView, json: &str);
    #[wasm_bindgen(js_name = applyEdits)]
    fn cm_apply_edits(view: &EditorView, json: &str);
    #[wasm_bindgen(js_name = selectRange)]
    fn cm_select_range(view: &EditorView, from: u32, to: u32);
    #[wasm_bindgen(js_name = setReadOnly)]
    fn cm_set_read_only(view: &EditorView, read_only: bool);
}

/// Converts UTF-8 byte offsets of one text to UTF-16 offsets.
///
/// Stores one checkpoint per non-ASCII character only, so ASCII text costs nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Utf16Map {
    /// `(byte offset just after a non-ASCII char, bytes minus UTF-16 units up to there)`.
    checkpoints: Vec<(u32, u32)>,
    len: u32,
}

impl Utf16Map {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::new();
        let mut delta = 0u32;
        for (i, c) in text.char_indices() {
            let bytes = c.len_utf8() as u32;
            if bytes > 1 {
                delta += bytes - c.len_utf16() as u32;
                checkpoints.push((i as u32 + bytes, delta));
            }
        }
        Self {
            checkpoints,
            len: text.len() as u32,
        }
    }

    /// The UTF-16 offset of byte offset `byte` (clamped to the text; an offset inside a
    /// character maps to that character's end).
    pub fn utf16(&self, byte: u32) -> u32 {
        let byte = byte.min(self.len);
        let idx = self.checkpoints.partition_point(|&(end, _)| end <= byte);
        let delta = idx
            .checked_sub(1)
            .and_then(|i| self.checkpoints.get(i))
            .map_or(0, |&(_, d)| d);
        byte - delta
    }
}

/// A text edit in UTF-16 offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkEdit {
    /// Start (UTF-16 offset).
    pub from: u32,
    /// End (UTF-16 offset).
    pub to: u32,
    /// Replacement text.
    pub insert: String,
}

/// Appends `edits` to `out` as the JSON array `applyEdits` takes: `[{"from","to","insert"}]`.
fn edits_json(out: &mut String, edits: impl IntoIterator<Item = MarkEdit>) {
    out.push('[');
    for (i, e) in edits.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"from\":{},\"to\":{},\"insert\":", e.from, e.to);
        json_string(out, &e.insert);
        out.push('}');
    }
    out.push(']');
}

/// The diagnostics as the JSON array `setDiagnostics` takes (UTF-16 offsets of `utf16`'s text):
/// `[{"from","to","severity","message","source","fixes":[{"title","edits":[…]}]}]`. The help
/// text, if any, follows the message on its own line.
pub fn marks_json(diagnostics: &[stagecraft_syntax::Diagnostic], utf16: &Utf16Map) -> String {
    let mut out = String::from("[");
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push('\n');
            message.push_str(help);
        }
        let _ = write!(
            out,
            "{{\"from\":{},\"to\":{},\"severity\":",
            utf16.utf16(d.range.start),
            utf16.utf16(d.range.end)
        );
        json_string(&mut out, crate::view::severity_name(d.severity));
        out.push_str(",\"message\":");
        json_string(&mut out, &message);
        out.push_str(",\"source\":");
        json_string(&mut out, &d.code);
        out.push_str(",\"fixes\":[");
        for (j, f) in d.fix.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str("{\"title\":");
            json_string(&mut out, &f.title);
            out.push_str(",\"edits\":");
            edits_json(
                &mut out,
                f.edits.iter().map(|e| MarkEdit {
                    from: utf16.utf16(e.range.start),
                    to: utf16.utf16(e.range.end),
                    insert: e.text.clone(),
                }),
            );
            out.push('}');
        }
        out.push_str("]}");
    }
    out.push(']');
    out
}

/// A request from another panel for the editor to select a range, in byte offsets of the
/// editor's text (converted to UTF-16 here, at the edge). `seq` makes repeated requests for the
/// same range distinct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Start (byte offset).
    pub from: u32,
    /// End (byte offset).
    pub to: u32,
    /// Request counter.
    pub seq: u32,
}

/// Edits to apply in the editor (from a "Fix" button outside it), in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    /// `(start, end, replacement)`, byte offsets of the editor's text.
    pub edits: Rc<Vec<(u32, u32, String)>>,
    /// Request counter.
    pub seq: u32,
}

/// Properties of [`Editor`].
#[derive(Debug, Properties, PartialEq)]
pub struct EditorProps {
    /// The text; when it differs from the editor's (an example was loaded), it replaces it.
    pub text: Rc<str>,
    /// Called with the full text after every change made in the editor.
    pub on_change: Callback<Rc<str>>,
    /// The marks to show: the JSON `setDiagnostics` takes. Set again only when the pointer
    /// changes (the view keeps the previous `Rc` for equal marks).
    #[prop_or_default]
    pub marks: Rc<str>,
    /// The latest selection request.
    #[prop_or_default]
    pub select: Option<Selection>,
    /// The latest edit request.
    #[prop_or_default]
    pub edit: Option<EditRequest>,
    /// Read-only (embed mode).
    #[prop_or_default]
    pub read_only: bool,
}

/// What the last render gave the editor: the inputs an update compares against, so only what
/// changed crosses to the editor.
#[derive(Debug)]
struct Given {
    text: Rc<str>,
    marks: Rc<str>,
    select: Option<Selection>,
    edit: Option<EditRequest>,
    read_only: bool,
}

/// `(latest on_change, last text reported)`.
type Link = (Callback<Rc<str>>, Option<Rc<str>>);
/// The closure the editor calls with its text after every change.
type OnChange = Closure<dyn FnMut(String)>;

/// The component's state across renders: one hook (rather than one per input), since every
/// hook adds its own code to the wasm.
#[derive(Debug, Default)]
struct Bridge {
    host: NodeRef,
    view: RefCell<Option<EditorView>>,
    /// The latest `on_change` and the last text this editor reported, shared with the closure
    /// the editor calls (a cell of their own: the editor calls it while `view` is borrowed).
    link: Rc<RefCell<Link>>,
    /// The closure the editor calls; it lives exactly as long as the component.
    closure: RefCell<Option<OnChange>>,
    /// The inputs of the last update (`None` before the first).
    given: RefCell<Option<Given>>,
}

/// The code editor (`data-testid="editor"` is its root).
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let bridge = use_ref(Bridge::default);
    // The closure the editor calls must always reach the latest callback.
    bridge.link.borrow_mut().0 = props.on_change.clone();

    let now = Given {
        text: props.text.clone(),
        marks: props.marks.clone(),
        select: props.select,
        edit: props.edit.clone(),
        read_only: props.read_only,
    };
    let b = bridge.clone();
    // After every render; each input is sent to the editor when it differs from the last
    // render's (all of them the first time), in this order.
    use_effect(move || {
        if b.closure.borrow().is_none() {
            let link = b.link.clone();
            let closure = OnChange::new(move |text: String| {
                let text: Rc<str> = Rc::from(text);
                let cb = {
                    let mut link = link.borrow_mut();
                    link.1 = Some(text.clone());
                    link.0.clone()
                };
                cb.emit(text);
            });
            if let Some(el) = b.host.cast::<web_sys::Element>() {
                *b.view.borrow_mut() = Some(cm_create(&el, &now.text, &closure));
            }
            *b.closure.borrow_mut() = Some(closure);
        }
        let last = b.given.borrow_mut().take();
        if let Some(v) = b.view.borrow().as_ref() {
            let last = last.as_ref();
            // The text: when it comes back as the `text` prop, the editor already shows it
            // (no need to read the whole document back from the editor).
            if last.is_none_or(|l| l.text != now.text) {
                let known = b
                    .link
                    .borrow()
                    .1
                    .as_ref()
                    .is_some_and(|r| Rc::ptr_eq(r, &now.text) || **r == *now.text);
                if !known {
                    cm_set_text(v, &now.text);
                }
            }
            // Marks by pointer: re-sent only for a new `Rc` (the view keeps the previous one
            // for equal marks).
            if last.is_none_or(|l| !Rc::ptr_eq(&l.marks, &now.marks)) && !now.marks.is_empty() {
                cm_set_diagnostics(v, &now.marks);
            }
            if last.is_none_or(|l| l.select != now.select) {
                if let Some(s) = now.select {
                    let map = Utf16Map::new(&now.text);
                    cm_select_range(v, map.utf16(s.from), map.utf16(s.to));
                }
            }
            if last.is_none_or(|l| l.edit != now.edit) {
                if let Some(e) = &now.edit {
                    let map = Utf16Map::new(&now.text);
                    let mut json = String::new();
                    edits_json(
                        &mut json,
                        e.edits.iter().map(|(from, to, insert)| MarkEdit {
                            from: map.utf16(*from),
                            to: map.utf16(*to),
                            insert: insert.clone(),
                        }),
                    );
                    cm_apply_edits(v, &json);
                }
            }
            if last.is_none_or(|l| l.read_only != now.read_only) {
                cm_set_read_only(v, now.read_only);
            }
        }
        *b.given.borrow_mut() = Some(now);
    });

    crate::dom::el("div")
        .class("editor")
        .testid("editor")
        .node_ref(bridge.host.clone())
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_unchanged() {
        let map = Utf16Map::new("FROM alpine\nRUN true\n");
        assert_eq!(map.utf16(0), 0);
        assert_eq!(map.utf16(12), 12);
        assert_eq!(map.utf16(999), 21, "clamped to the text length");
    }

    #[test]
    fn multibyte_characters_shift_later_offsets() {
        // "é" is 2 bytes / 1 unit; "😀" is 4 bytes / 2 units.
        let text = "é😀x";
        let map = Utf16Map::new(text);
        assert_eq!(map.utf16(0), 0);
        assert_eq!(map.utf16(2), 1);
        assert_eq!(map.utf16(6), 3);
        assert_eq!(map.utf16(7), 4);
        assert_eq!(text.encode_utf16().count(), 4);
    }

    #[test]
    fn json_strings_escape_quotes_backslashes_and_control_characters() {
        let mut out = String::new();
        json_string(&mut out, "say \"hi\"\\\n\t\r\u{1}é😀");
        assert_eq!(out, r#""say \"hi\"\\\n\t\r\u0001é😀""#);
    }

    #[test]
    fn marks_json_has_utf16_offsets_help_and_fixes() {
        use stagecraft_syntax::{Diagnostic, Fix, TextEdit, TextRange};
        // "é" is 2 bytes / 1 UTF-16 unit, so byte 16 ("B" of Build) is unit 15.
        let text = "FROM é AS Build\n";
        let d = Diagnostic::warning(
            "StageNameCasing",
            "Stage name \"Build\" is not lower case",
            TextRange::new(11, 16),
        )
        .with_help("Use `build`")
        .with_fix(Fix {
            title: "Rename to build".into(),
            edits: vec![TextEdit {
                range: TextRange::new(11, 16),
                text: "build".into(),
            }],
        });
        let json = marks_json(&[d], &Utf16Map::new(text));
        assert_eq!(
            json,
            r#"[{"from":10,"to":15,"severity":"warning","message":"Stage name \"Build\" is not lower case\nUse `build`","source":"StageNameCasing","fixes":[{"title":"Rename to build","edits":[{"from":10,"to":15,"insert":"build"}]}]}]"#
        );
        assert_eq!(marks_json(&[], &Utf16Map::new("")), "[]");
    }

    #[test]
    fn edits_json_lists_every_edit() {
        let mut out = String::new();
        edits_json(
            &mut out,
            [
                MarkEdit {
                    from: 0,
                    to: 1,
                    insert: "a".into(),
                },
                MarkEdit {
                    from: 4,
                    to: 4,
                    insert: "\"".into(),
                },
            ],
        );
        assert_eq!(
            out,
            r#"[{"from":0,"to":1,"insert":"a"},{"from":4,"to":4,"insert":"\""}]"#
        );
    }
}
