//! Text → parse → `model::lower` under a few option combinations → graph JSON, DOT, Mermaid
//! and SVG. Invariants: no panic; the graph JSON is valid JSON; the SVG is well-formed XML
//! with no script elements or handlers (user text is escaped); model diagnostics point into
//! the text (in bounds; see `common::assert_diagnostic_in_bounds`).

#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use stagecraft_model::{
    lower, render_dot, render_mermaid, render_svg, BuildOptions, Graph, SizeLabel, SvgOptions,
};
use stagecraft_syntax::LineIndex;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, the rest is the Dockerfile.
    let (sel, rest) = match data.split_first() {
        Some((s, r)) => (*s, r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest);
    let parse = stagecraft_syntax::parse(&text);

    // A word from the text, so targets and build args sometimes hit real names.
    let word = text
        .split_whitespace()
        .nth(usize::from(sel >> 4))
        .unwrap_or("")
        .to_string();
    let mut opts = vec![BuildOptions::default()];
    let mut o = BuildOptions {
        target: Some(word.clone()),
        ..BuildOptions::default()
    };
    if sel & 1 != 0 {
        o.platform = Some(if sel & 2 != 0 {
            "linux/arm64/v8".into()
        } else {
            word.clone()
        });
    }
    if sel & 4 != 0 {
        o.build_args =
            BTreeMap::from([(word.clone(), "<x>&\"'".into()), ("A".into(), word.clone())]);
    }
    if sel & 8 != 0 {
        o.build_platform = Some("windows/amd64".into());
    }
    opts.push(o);

    let index = LineIndex::new(&text);
    for o in &opts {
        let model = lower(&parse, o);
        for d in &model.diagnostics {
            common::assert_diagnostic_in_bounds(&text, &index, d);
        }
        let graph = Graph::new(&model, &text);
        let json = graph.to_json();
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
            panic!("graph JSON does not parse: {e}\n{json}");
        }
        let _ = render_dot(&graph);
        let _ = render_mermaid(&graph);
        let sizes: Vec<Option<SizeLabel>> = (0..graph.stages.len())
            .map(|i| {
                (i % 2 == 0).then(|| SizeLabel {
                    text: format!("<b>{word}</b> & ~{i} MB"),
                    fraction: if i == 0 { f64::NAN } else { i as f64 / 3.0 },
                })
            })
            .collect();
        let svg = render_svg(
            &graph,
            &SvgOptions {
                sizes: &sizes,
                id_prefix: Some(if sel & 16 != 0 { &word } else { "sc" }),
            },
        );
        common::assert_safe_svg(&svg);
    }
});
