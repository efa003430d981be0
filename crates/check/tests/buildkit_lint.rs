//! BuildKit's own lint test cases (extracted from moby/buildkit's
//! `frontend/dockerfile/dockerfile_check_test.go` into `tests/buildkit/lint_cases.json`):
//! the same rules must fire on the same lines with the same message, and nothing else.

// Tests read their fixtures from disk and may unwrap: the purity rules are for the library.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use stagecraft_check::{check, rules, CheckOptions, DockerIgnore, Origin};
use stagecraft_syntax::LineIndex;

#[test]
fn buildkit_lint_cases() {
    run_cases("current", include_str!("buildkit/lint_cases.json"));
}

/// Inputs that only older versions of BuildKit's lint tests used (still valid today).
#[test]
fn buildkit_lint_cases_from_history() {
    run_cases("history", include_str!("buildkit/lint_cases_history.json"));
}

fn run_cases(label: &str, json: &str) {
    let cases: serde_json::Value = serde_json::from_str(json).expect("valid json");
    let cases = cases.as_array().expect("array");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let text = case["dockerfile"].as_str().unwrap();
        let mut options = CheckOptions::default();
        if let Some(ig) = case["dockerignore"].as_str() {
            options.dockerignore = Some(DockerIgnore::parse(ig));
        }
        for (k, v) in case["build_args"].as_object().unwrap() {
            options
                .build_args
                .push((k.clone(), v.as_str().unwrap().to_string()));
        }
        let index = LineIndex::new(text);
        let mut got: Vec<(String, String, u32)> = check(text, &options)
            .into_iter()
            .filter(|d| rules::get(&d.code).is_some_and(|r| r.origin == Origin::BuildKit))
            .map(|d| {
                let line = index.line_col(text, d.range.start).0;
                (d.code, d.message, line)
            })
            .collect();
        let mut want: Vec<(String, String, u32)> = case["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                (
                    w["rule"].as_str().unwrap().to_string(),
                    w["detail"].as_str().unwrap().to_string(),
                    w["line"].as_u64().unwrap() as u32,
                )
            })
            .collect();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!("{name}:\n  want {want:?}\n  got  {got:?}"));
        }
        // `docker build --check` (BuildKit's lint subrequest) checks every stage: compare
        // with `--all-stages` (BuildKit's test compares rule and message there, not lines).
        options.all_stages = true;
        let mut got_all: Vec<(String, String)> = check(text, &options)
            .into_iter()
            .filter(|d| rules::get(&d.code).is_some_and(|r| r.origin == Origin::BuildKit))
            .map(|d| (d.code, d.message))
            .collect();
        let mut want_all: Vec<(String, String)> = match case.get("unmarshal_warnings") {
            Some(serde_json::Value::Array(ws)) => ws
                .iter()
                .map(|w| {
                    (
                        w["rule"].as_str().unwrap().to_string(),
                        w["detail"].as_str().unwrap().to_string(),
                    )
                })
                .collect(),
            _ => want
                .iter()
                .map(|(r, d, _)| (r.clone(), d.clone()))
                .collect(),
        };
        got_all.sort();
        want_all.sort();
        if got_all != want_all {
            failures.push(format!(
                "{name} (all stages):\n  want {want_all:?}\n  got  {got_all:?}"
            ));
        }
    }
    println!(
        "buildkit lint cases ({label}): {}/{} agree",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
