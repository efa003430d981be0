//! A partial build context (the files a playground user pasted) sizes what it knows and leaves
//! every other COPY source unknown, where a complete one (`--context DIR`) treats a source it
//! lacks as missing.

use std::collections::BTreeMap;

use stagecraft_model::{lower, BuildOptions};
use stagecraft_simulate::context::{Context, ContextFile};
use stagecraft_simulate::{run, Simulation};

const FILE: &str =
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY main.py .\nCOPY . .\n";

fn simulate(ctx: Option<&Context>) -> Simulation {
    let parse = stagecraft_syntax::parse(FILE);
    let model = lower(&parse, &BuildOptions::default());
    run(&parse, &model, ctx)
}

fn requirements_only() -> Context {
    Context::new(
        vec![ContextFile {
            path: "requirements.txt".into(),
            size: 14,
        }],
        BTreeMap::from([("requirements.txt".to_string(), "flask==3.0.3\n".to_string())]),
        None,
    )
}

/// Bytes added by the layer on `line` (1-based) of the last stage: (estimate, low, high).
fn added(sim: &Simulation, line: u32) -> (u64, u64, u64) {
    let stage = sim.stages.last().expect("a stage");
    let layer = stage
        .layers
        .iter()
        .find(|l| l.line == line)
        .unwrap_or_else(|| panic!("no layer on line {line}"));
    (layer.added.estimate, layer.added.low, layer.added.high)
}

#[test]
fn complete_context_treats_missing_sources_as_missing() {
    let ctx = requirements_only();
    assert!(ctx.complete);
    let sim = simulate(Some(&ctx));
    assert_eq!(added(&sim, 3), (14, 14, 14));
    // main.py is not in a complete context: the build would fail, nothing is added.
    assert_eq!(added(&sim, 4), (0, 0, 0));
    // `COPY . .` copies exactly the context.
    assert_eq!(added(&sim, 5), (14, 14, 14));
}

#[test]
fn partial_context_sizes_what_it_knows_and_leaves_the_rest_unknown() {
    let none = simulate(None);
    let sim = simulate(Some(&requirements_only().partial()));
    assert_eq!(added(&sim, 3), (14, 14, 14));
    // main.py: unknown, exactly as without any context.
    assert_eq!(added(&sim, 4), added(&none, 4));
    assert!(added(&sim, 4).2 > 0);
    // `COPY . .`: the known file plus the unknown rest of the context.
    let (est, low, high) = added(&sim, 5);
    let (n_est, n_low, n_high) = added(&none, 5);
    assert_eq!((est, low, high), (n_est + 14, n_low + 14, n_high + 14));
}
