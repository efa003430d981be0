//! Every real-world and adversarial file of `../shared/conformance/corpus`, whole and cut at
//! many points, is checked without a panic, with spans inside the text and in order.

// Tests read their fixtures from disk and may unwrap: the purity rules are for the library.
#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

use std::path::Path;

use stagecraft_check::{check, checked_stages, CheckOptions, DockerIgnore};

#[test]
fn corpus_never_panics_and_spans_are_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("../shared/conformance/corpus beside the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    assert!(files.len() > 100);
    let options = CheckOptions {
        all_stages: true,
        dockerignore: Some(DockerIgnore::parse("*.md\n.git\nnode_modules\n")),
        ..CheckOptions::default()
    };
    let mut total = 0usize;
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let cuts: Vec<usize> = (1..8)
            .map(|k| text.len() * k / 8)
            .filter(|&i| text.is_char_boundary(i))
            .chain(std::iter::once(text.len()))
            .collect();
        for cut in cuts {
            let part = &text[..cut];
            let findings = check(part, &options);
            for d in &findings {
                assert!(
                    d.range.start <= d.range.end && d.range.end as usize <= part.len(),
                    "{}: span {:?} outside the text",
                    f.display(),
                    d.range
                );
                if let Some(fix) = &d.fix {
                    for e in &fix.edits {
                        assert!(e.range.end as usize <= part.len());
                    }
                }
            }
            if cut == text.len() {
                total += findings.len();
            }
        }
    }
    assert!(total > 100, "only {total} findings on the whole corpus");
}

/// The stages checked by default are exactly the stages the model (BuildKit's reachability,
/// implemented separately in stagecraft-model) says the target needs.
#[test]
fn checked_stages_agree_with_the_model() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/corpus");
    let mut compared = 0;
    let mut differ = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for f in entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
    {
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        let parse = stagecraft_syntax::parse(&text);
        let ours = checked_stages(&parse, &CheckOptions::default());
        if ours.is_empty() {
            continue;
        }
        let model = stagecraft_model::lower(&parse, &stagecraft_model::BuildOptions::default());
        if !model
            .diagnostics
            .iter()
            .all(|d| d.severity != stagecraft_syntax::Severity::Error)
        {
            continue;
        }
        let theirs: Vec<bool> = model.stages.iter().map(|s| s.reachable).collect();
        compared += 1;
        if ours != theirs {
            differ.push(format!("{}: check {ours:?} model {theirs:?}", f.display()));
        }
    }
    assert!(compared > 100, "only {compared} files compared");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
