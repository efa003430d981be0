//! The simulation runs over every Dockerfile of the shared conformance corpus (real-world files)
//! without panicking, and its invariants hold: ranges are ordered, a later deletion never
//! makes a layer negative, the final image is the target stage.

#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use stagecraft_model::{lower, BuildOptions};

fn ordered(s: &stagecraft_knowledge::SizeRange) -> bool {
    s.low <= s.estimate && s.estimate <= s.high
}

#[test]
fn corpus_runs_and_invariants_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        // The shared corpus lives beside the repository; nothing to check without it.
        return;
    };
    let mut n = 0;
    let mut unknown_effects = 0usize;
    let mut effects = 0usize;
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().and_then(|x| x.to_str()) != Some("Dockerfile") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let parse = stagecraft_syntax::parse(&text);
        let model = lower(&parse, &BuildOptions::default());
        let sim = stagecraft_simulate::run(&parse, &model, None);
        assert_eq!(sim.stages.len(), model.stages.len(), "{}", p.display());
        assert_eq!(
            sim.final_image.as_ref().map(|f| f.stage),
            model.target,
            "{}",
            p.display()
        );
        for s in &sim.stages {
            assert!(
                ordered(&s.size),
                "{}: stage {} {:?}",
                p.display(),
                s.index,
                s.size
            );
            for l in &s.layers {
                assert!(
                    ordered(&l.added),
                    "{}: line {} {:?}",
                    p.display(),
                    l.line,
                    l.added
                );
                for ef in &l.effects {
                    effects += 1;
                    unknown_effects += usize::from(ef.kind == "unknown");
                    assert!(
                        ef.range.end as usize <= text.len(),
                        "{}: effect range",
                        p.display()
                    );
                }
            }
        }
        n += 1;
    }
    assert!(n > 100, "corpus files: {n}");
    // Most commands in real files are recognised (a regression shows here).
    assert!(
        unknown_effects * 5 < effects,
        "{unknown_effects} unknown of {effects} effects"
    );
}
