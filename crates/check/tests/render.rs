//! Output formats: JSON against `schemas/findings.schema.json`, SARIF against the official
//! SARIF 2.1.0 schema (`schemas/sarif-2.1.0.json`), text snapshots; the generated rule pages
//! in `docs/rules/` must match the rule data (set `UPDATE_RULE_DOCS=1` to regenerate).

// Tests read their fixtures from disk and may unwrap: the purity rules are for the library.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use std::path::{Path, PathBuf};

use stagecraft_check::render::{to_json, to_sarif, to_text, FileFindings};
use stagecraft_check::{check, docs, rules, CheckOptions};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(repo_root().join("schemas").join(name)).expect("schema");
    serde_json::from_str(&text).expect("schema json")
}

const SAMPLE: &str = "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM python:3.12 as Runtime\nRUN pip install flask\nCOPY --from=0 /out/app /usr/local/bin/app\nMAINTAINER me@example.com\nCMD app --serve\n";
const SAMPLE2: &str = "FROM alpine\nrun echo é > /x\nEXPOSE 80/TCP\n";

fn sample_findings() -> Vec<(String, &'static str, Vec<stagecraft_syntax::Diagnostic>)> {
    vec![
        (
            "Dockerfile".to_string(),
            SAMPLE,
            check(SAMPLE, &CheckOptions::default()),
        ),
        (
            "sub dir/Dockerfile.dev".to_string(),
            SAMPLE2,
            check(SAMPLE2, &CheckOptions::default()),
        ),
    ]
}

fn views<'a>(
    items: &'a [(String, &'static str, Vec<stagecraft_syntax::Diagnostic>)],
) -> Vec<FileFindings<'a>> {
    items
        .iter()
        .map(|(f, t, d)| FileFindings {
            file: f,
            text: t,
            findings: d,
        })
        .collect()
}

#[test]
fn json_matches_schema_and_snapshot() {
    let items = sample_findings();
    let doc = to_json(&views(&items));
    let validator =
        jsonschema::validator_for(&schema("findings.schema.json")).expect("valid schema");
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(doc["findings"].as_array().unwrap().len() > 5);
    insta::assert_json_snapshot!("findings_json", doc);
}

#[test]
fn sarif_matches_official_schema() {
    let items = sample_findings();
    let doc = to_sarif(&views(&items));
    let mut sarif_schema = schema("sarif-2.1.0.json");
    // The published schema's `run.language` patterns have a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) that the validator's regex engine rejects
    // while checking the schema itself. We never emit `language`; use the intended pattern.
    fix_language_pattern(&mut sarif_schema);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&sarif_schema)
        .expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does check: a wrong version and a bad level are rejected.
    let mut broken = doc.clone();
    broken["version"] = serde_json::json!("2.0.9");
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(validator.iter_errors(&broken).count() >= 2);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["fixes"].is_array()));
    assert_eq!(
        doc["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        rules::all().len()
    );
    // A file name with a space is percent-encoded in the artifact URI.
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "sub%20dir/Dockerfile.dev"
    ));
}

fn fix_language_pattern(v: &mut serde_json::Value) {
    const BAD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "pattern" && x.as_str() == Some(BAD) {
                    *x = serde_json::json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                } else {
                    fix_language_pattern(x);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(fix_language_pattern),
        _ => {}
    }
}

#[test]
fn text_snapshot() {
    let items = sample_findings();
    insta::assert_snapshot!("findings_text", to_text(&views(&items)));
}

#[test]
fn rule_pages_are_generated_from_the_data() {
    let dir = repo_root().join("docs/rules");
    let update = std::env::var_os("UPDATE_RULE_DOCS").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut expected: Vec<(String, String)> = rules::all()
        .iter()
        .map(|r| (format!("{}.md", r.code), docs::markdown(r)))
        .collect();
    expected.push(("README.md".to_string(), docs::index_markdown()));
    let mut stale = Vec::new();
    for (name, content) in &expected {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, content).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            stale.push(name.clone());
        }
    }
    // The playground's copy of the documentation (served beside the page, fetched on demand).
    let web = repo_root().join("www/rule-docs.json");
    if update {
        std::fs::write(&web, docs::web_json()).unwrap();
    } else if std::fs::read_to_string(&web).ok() != Some(docs::web_json()) {
        stale.push("../../www/rule-docs.json".to_string());
    }
    // No page for a rule that does not exist.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !expected.iter().any(|(n, _)| *n == name) {
            stale.push(format!("{name} (no such rule)"));
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is out of date ({stale:?}); run `UPDATE_RULE_DOCS=1 cargo test -p stagecraft-check --test render`"
    );
}
