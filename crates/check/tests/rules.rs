//! Fixture pairs per rule, discovered from `tests/fixtures/<Code>/{fires,quiet}*.Dockerfile`
//! (a sibling `<name>.dockerignore` is passed as the context's `.dockerignore`):
//! - `fires*` must produce the rule, `quiet*` must not;
//! - every fixture's findings are snapshotted (`tests/snapshots/`);
//! - every fix is applied, the result re-parsed and re-checked: that finding is gone, no other
//!   rule's findings change, and the stage graph is the same;
//! - every rule has at least one `fires` and one `quiet` fixture, and its documentation's bad
//!   example fires it while the good example does not.

// Tests read their fixtures from disk and may unwrap: the purity rules are for the library.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use stagecraft_check::render::{to_text, FileFindings};
use stagecraft_check::{check, rules, CheckOptions, DockerIgnore};
use stagecraft_syntax::Diagnostic;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

struct Fixture {
    code: String,
    name: String,
    text: String,
    options: CheckOptions,
}

fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let code = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_stem().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&f).unwrap();
            let mut options = CheckOptions::default();
            let ig = f.with_extension("dockerignore");
            if ig.exists() {
                options.dockerignore =
                    Some(DockerIgnore::parse(&std::fs::read_to_string(ig).unwrap()));
            }
            out.push(Fixture {
                code: code.clone(),
                name,
                text,
                options,
            });
        }
    }
    out
}

fn codes(findings: &[Diagnostic]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for d in findings {
        *m.entry(d.code.clone()).or_insert(0) += 1;
    }
    m
}

/// The stage graph's shape: stages and their dependency edges (kind, source kind/index, to).
fn graph_shape(text: &str) -> (usize, Vec<String>) {
    let parse = stagecraft_syntax::parse(text);
    let model = stagecraft_model::lower(&parse, &stagecraft_model::BuildOptions::default());
    let edges = model
        .edges
        .iter()
        .map(|e| {
            let src = match e.source {
                stagecraft_model::Source::Stage(i) => format!("stage {i}"),
                stagecraft_model::Source::Image(_) => "image".to_string(),
                stagecraft_model::Source::Scratch => "scratch".to_string(),
            };
            format!("{} {} -> {}", e.kind.as_str(), src, e.to)
        })
        .collect();
    (model.stages.len(), edges)
}

#[test]
fn fixtures_fire_and_stay_quiet() {
    let mut failures = Vec::new();
    for fx in fixtures() {
        assert!(
            rules::get(&fx.code).is_some(),
            "fixture directory {} is not a rule",
            fx.code
        );
        let findings = check(&fx.text, &fx.options);
        let n = findings.iter().filter(|d| d.code == fx.code).count();
        let fires = fx.name.starts_with("fires");
        if fires && n == 0 {
            failures.push(format!(
                "{}/{}: expected {} to fire",
                fx.code, fx.name, fx.code
            ));
        }
        if !fires && n > 0 {
            failures.push(format!(
                "{}/{}: {} fired {n} time(s)",
                fx.code, fx.name, fx.code
            ));
        }
        let file = format!("{}/{}.Dockerfile", fx.code, fx.name);
        let rendered = to_text(&[FileFindings {
            file: &file,
            text: &fx.text,
            findings: &findings,
        }]);
        insta::assert_snapshot!(format!("{}__{}", fx.code, fx.name), rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_fixture_pair() {
    let fx = fixtures();
    for r in rules::all() {
        let fires = fx
            .iter()
            .any(|f| f.code == r.code && f.name.starts_with("fires"));
        let quiet = fx
            .iter()
            .any(|f| f.code == r.code && f.name.starts_with("quiet"));
        assert!(fires && quiet, "{} needs fires*/quiet* fixtures", r.code);
    }
}

#[test]
fn documentation_examples_are_true() {
    let mut failures = Vec::new();
    for r in rules::all() {
        let mut options = CheckOptions::default();
        if r.code == "CopyIgnoredFile" {
            options.dockerignore = Some(DockerIgnore::parse("tmp\n"));
        }
        let bad = check(r.doc().bad, &options);
        if !bad.iter().any(|d| d.code == r.code) {
            failures.push(format!("{}: bad example does not fire", r.code));
        }
        let good = check(r.doc().good, &options);
        if good.iter().any(|d| d.code == r.code) {
            failures.push(format!("{}: good example fires", r.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fix_removes_its_finding_and_nothing_else() {
    let mut failures = Vec::new();
    let mut applied = 0;
    for fx in fixtures() {
        let before = check(&fx.text, &fx.options);
        let shape = graph_shape(&fx.text);
        for d in before.iter().filter(|d| d.fix.is_some()) {
            let fix = d.fix.as_ref().unwrap();
            let fixed = fix.apply(&fx.text);
            applied += 1;
            let after = check(&fixed, &fx.options);
            let (mut b, mut a) = (codes(&before), codes(&after));
            let nb = b.remove(&d.code).unwrap_or(0);
            let na = a.remove(&d.code).unwrap_or(0);
            let at = format!("{}/{} [{}: {}]", fx.code, fx.name, d.code, fix.title);
            if na >= nb {
                failures.push(format!(
                    "{at}: still {na} finding(s) after the fix:\n{fixed}"
                ));
            }
            // Other rules may only lose findings (a fix can resolve a related one), never gain.
            let worse = a.iter().any(|(k, n)| b.get(k).copied().unwrap_or(0) < *n);
            if worse {
                failures.push(format!(
                    "{at}: other findings appeared: {b:?} -> {a:?}\n{fixed}"
                ));
            }
            if graph_shape(&fixed) != shape {
                failures.push(format!("{at}: the stage graph changed\n{fixed}"));
            }
            let reparsed = stagecraft_syntax::parse(&fixed);
            if !reparsed.errors.is_empty() {
                failures.push(format!("{at}: the fixed file has parse errors\n{fixed}"));
            }
        }
    }
    assert!(applied >= 15, "only {applied} fixes exercised");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
