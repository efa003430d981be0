//! Invariants of the model over every fixture and every named stage as `--target`:
//! the target is reachable, reachability is closed under FROM/--from/from= edges, and every
//! reachable stage is reached from the target.

mod common;

use std::collections::BTreeSet;

use stagecraft_model::{BuildOptions, Source};

#[test]
fn reachability_is_exactly_the_closure_from_the_target() {
    let mut checked = 0;
    for f in &common::all_fixtures() {
        let (base_model, _) = f.lower(&BuildOptions::default());
        let mut targets: Vec<Option<String>> = vec![None];
        targets.extend(
            base_model
                .stages
                .iter()
                .filter_map(|s| s.name.clone())
                .map(Some),
        );
        for t in targets {
            let opts = BuildOptions {
                target: t.clone(),
                ..BuildOptions::default()
            };
            let (m, _) = f.lower(&opts);
            let Some(target) = m.target else {
                assert!(m.stages.is_empty(), "{}: no target with stages", f.name);
                continue;
            };
            // Closure from the target over stage-to-stage edges.
            let mut seen = BTreeSet::new();
            let mut stack = vec![target];
            while let Some(s) = stack.pop() {
                if !seen.insert(s) {
                    continue;
                }
                for e in m.edges.iter().filter(|e| e.to == s) {
                    if let Source::Stage(src) = e.source {
                        stack.push(src);
                    }
                }
            }
            for s in &m.stages {
                assert_eq!(
                    s.reachable,
                    seen.contains(&s.index),
                    "{} --target {:?}: stage {} reachability",
                    f.name,
                    t,
                    s.index
                );
            }
            if let Some(name) = &t {
                assert_eq!(
                    m.stages[target as usize].name.as_deref(),
                    Some(name.as_str())
                );
            }
            checked += 1;
        }
    }
    println!("reachability checked for {checked} (file, target) pairs");
}
