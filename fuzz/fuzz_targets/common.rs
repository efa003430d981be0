//! Invariant checks shared by the targets (included with `#[path]`/`mod`).

#![allow(dead_code)]

use stagecraft_syntax::{Diagnostic, LineIndex, Parse, TextRange};

/// Every byte of the input belongs to exactly one top-level instruction or trivia range, and
/// these ranges tile `0..len` in order; nested ranges stay inside their instruction.
pub fn assert_tiles(parse: &Parse, len: usize) {
    let file = &parse.file;
    assert_eq!(
        file.len as usize, len,
        "Dockerfile::len is the input length"
    );
    let mut ranges: Vec<(TextRange, &str)> = file
        .instructions
        .iter()
        .map(|i| (i.range, "instruction"))
        .chain(file.trivia.iter().map(|t| (t.range, "trivia")))
        .collect();
    ranges.sort_by_key(|(r, _)| (r.start, r.end));
    let mut at = 0u32;
    for (r, what) in &ranges {
        assert!(r.start <= r.end, "{what} range {r:?} is reversed");
        assert_eq!(
            r.start, at,
            "{what} range {r:?} does not start where the previous ended"
        );
        at = r.end;
    }
    assert_eq!(at as usize, len, "ranges end at {at}, input is {len} bytes");
    for i in &file.instructions {
        for inner in [i.keyword_range, i.span] {
            assert!(
                i.range.start <= inner.start && inner.end <= i.range.end,
                "{inner:?} outside its instruction {:?}",
                i.range
            );
        }
        assert!(
            i.line >= 1 && i.line <= i.end_line,
            "lines {}..{}",
            i.line,
            i.end_line
        );
    }
    for d in &file.directives {
        assert!(
            d.range.end as usize <= len,
            "directive {:?} out of bounds",
            d.range
        );
    }
}

/// A range points into `text` on character boundaries (so that consumers may slice it).
pub fn assert_range_in(text: &str, r: TextRange, what: &str) {
    assert!(r.start <= r.end, "{what}: reversed range {r:?}");
    assert!(
        (r.end as usize) <= text.len(),
        "{what}: range {r:?} past the end ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start as usize) && text.is_char_boundary(r.end as usize),
        "{what}: range {r:?} not on char boundaries"
    );
}

/// Every range of a diagnostic (main, labels, fix edits) points into `text` on character
/// boundaries. Holds for the parser's own diagnostics.
pub fn assert_diagnostic_in(text: &str, d: &Diagnostic) {
    for r in diagnostic_ranges(d) {
        assert_range_in(text, r, &d.code);
    }
}

/// Every range of a diagnostic is in bounds and ordered, and `LineIndex` converts both ends
/// (also to UTF-16) without panicking. Not on character boundaries: ranges built from flags
/// may end inside a character, because BuildKit splits flags at the bytes 0x85 and 0xA0
/// (`unicode.IsSpace(rune(line[pos]))`), which also occur inside UTF-8 sequences
/// (`fuzz/regressions/lower-1.bin`; reported, see docs/fuzzing.md).
pub fn assert_diagnostic_in_bounds(text: &str, index: &LineIndex, d: &Diagnostic) {
    for r in diagnostic_ranges(d) {
        assert!(r.start <= r.end, "{}: reversed range {r:?}", d.code);
        assert!(
            (r.end as usize) <= text.len(),
            "{}: range {r:?} past the end ({} bytes)",
            d.code,
            text.len()
        );
        for at in [r.start, r.end] {
            let _ = index.line_col(text, at);
            let _ = index.line_col_utf16(text, at);
        }
    }
}

fn diagnostic_ranges(d: &Diagnostic) -> Vec<TextRange> {
    let mut out = vec![d.range];
    out.extend(d.labels.iter().map(|l| l.range));
    if let Some(fix) = &d.fix {
        out.extend(fix.edits.iter().map(|e| e.range));
    }
    out
}

/// The SVG is well-formed XML with no scriptable content: user text can only have landed
/// in text nodes and attribute values, escaped.
pub fn assert_safe_svg(svg: &str) {
    let doc = match roxmltree::Document::parse(svg) {
        Ok(doc) => doc,
        Err(e) => panic!("SVG is not well-formed XML: {e}\n{svg}"),
    };
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !matches!(
                name.to_ascii_lowercase().as_str(),
                "script" | "foreignobject" | "iframe" | "a" | "use" | "image" | "animate" | "set"
            ),
            "unexpected <{name}> element in SVG"
        );
        for a in node.attributes() {
            let n = a.name().to_ascii_lowercase();
            assert!(!n.starts_with("on"), "event handler attribute {n} in SVG");
            assert!(!n.ends_with("href"), "link attribute {n} in SVG");
        }
    }
}
