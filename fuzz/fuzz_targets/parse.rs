//! Arbitrary bytes → `parse_bytes`, and the same bytes as lossy UTF-8 → `parse`.
//! Invariants: no panic; the tree's ranges tile the input in order; the dump does not panic;
//! every diagnostic range of the `&str` parse lies on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let parse = stagecraft_syntax::parse_bytes(data);
    common::assert_tiles(&parse, data.len());
    let _ = parse.dump();
    let _ = parse.file.dump();

    let text = String::from_utf8_lossy(data);
    let parse = stagecraft_syntax::parse(&text);
    common::assert_tiles(&parse, text.len());
    for i in &parse.file.instructions {
        common::assert_range_in(&text, i.range, "instruction");
        common::assert_range_in(&text, i.keyword_range, "keyword");
        common::assert_range_in(&text, i.span, "span");
    }
    for d in parse.errors.iter().chain(&parse.warnings) {
        common::assert_diagnostic_in(&text, d);
    }
    if let Some(r) = &parse.rejection {
        common::assert_range_in(&text, r.range, "rejection");
    }
    let _ = parse.dump();
});
