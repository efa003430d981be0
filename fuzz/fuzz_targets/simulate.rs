//! The whole pipeline through `analysis::analyze` (parse → lower → `simulate::run` → check)
//! and the findings renderers. Invariants: no panic; every diagnostic of every
//! phase points into the text (in bounds, `LineIndex` converts it); the JSON renderings serialise.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stagecraft_analysis::{analyze, Options};
use stagecraft_check::render::{to_json, to_sarif, to_text, FileFindings};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = match data.split_first() {
        Some((s, r)) => (*s, r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest);

    let mut options = Options::default();
    if sel & 1 != 0 {
        let word = text
            .split_whitespace()
            .nth(usize::from(sel >> 4))
            .unwrap_or("");
        options.target = Some(word.to_string());
        options.build_args = vec![(word.to_string(), "1".to_string())];
    }
    if sel & 2 != 0 {
        options.platform = Some("linux/arm64".to_string());
    }

    // `analyze` is parse → lower → simulate::run → check, exactly once each.
    let analysis = analyze(&text, &options);
    if let Err(e) = serde_json::to_string(&analysis.simulation) {
        panic!("simulation does not serialise: {e}");
    }
    for d in analysis.diagnostics() {
        common::assert_diagnostic_in_bounds(&text, &analysis.line_index, &d);
    }
    let files = [FileFindings {
        file: "Dockerfile",
        text: &text,
        findings: &analysis.findings,
    }];
    let _ = to_json(&files).to_string();
    let _ = to_sarif(&files).to_string();
    let _ = to_text(&files);
});
