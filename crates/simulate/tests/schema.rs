//! The simulation's JSON (as `stagecraft analyze --format json` embeds it) validates against
//! `schemas/analysis.schema.json`, for every fixture.

#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::{json, Value};
use stagecraft_model::{lower, BuildOptions, Graph};

fn load(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// The analysis schema with the graph and findings schemas embedded (resolved by `$id`,
/// without any network).
fn validator() -> jsonschema::Validator {
    let mut schema = load("analysis.schema.json");
    let defs = schema["$defs"].as_object_mut().unwrap();
    defs.insert("embedded_graph".into(), load("graph.schema.json"));
    defs.insert("embedded_findings".into(), load("findings.schema.json"));
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

#[test]
fn fixtures_validate() {
    let v = validator();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for e in std::fs::read_dir(root).unwrap().flatten() {
        let Ok(text) = std::fs::read_to_string(e.path().join("Dockerfile")) else {
            continue;
        };
        let parse = stagecraft_syntax::parse(&text);
        let model = lower(&parse, &BuildOptions::default());
        let sim = stagecraft_simulate::run(&parse, &model, None);
        let graph = Graph::new(&model, &text);
        let doc = json!({
            "version": 1,
            "graph": serde_json::to_value(&graph).unwrap(),
            "stages": sim.stages,
            "final": sim.final_image,
            "findings": [],
        });
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", e.path().display());
        n += 1;
    }
    assert!(n >= 8);
    // A file with no stage has `final: null`.
    let parse = stagecraft_syntax::parse("# nothing\n");
    let model = lower(&parse, &BuildOptions::default());
    let sim = stagecraft_simulate::run(&parse, &model, None);
    let doc = json!({"version": 1, "graph": serde_json::to_value(Graph::new(&model, "# nothing\n")).unwrap(), "stages": sim.stages, "final": sim.final_image, "findings": []});
    assert!(v.is_valid(&doc));
}
