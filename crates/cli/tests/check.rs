//! `stagecraft check` and `stagecraft explain` end to end: exit codes, formats, several files,
//! stdin, `--fail-level`, `--context` (.dockerignore), `--target` and `--all-stages`.

// Test helpers may unwrap (the lint allowance only covers #[test] functions themselves).
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stagecraft"))
}

/// A fresh directory under the target dir for this test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("check-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().to_string()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

const CLEAN: &str = "FROM alpine:3.20\nCOPY app /app\nCMD [\"/app\"]\n";
const WARNS: &str = "FROM alpine:3.20 as Build\nCMD /app\n";

#[test]
fn exit_codes_follow_the_fail_level() {
    let dir = scratch("exit");
    let clean = write(&dir, "clean.Dockerfile", CLEAN);
    let warns = write(&dir, "warns.Dockerfile", WARNS);
    assert_eq!(run(&["check", &clean]).status.code(), Some(0));
    assert_eq!(run(&["check", &warns]).status.code(), Some(1));
    assert_eq!(
        run(&["check", "--fail-level", "error", &warns])
            .status
            .code(),
        Some(0)
    );
    // `# check=error=true` promotes BuildKit findings to errors.
    let strict = write(
        &dir,
        "strict.Dockerfile",
        &format!("# check=error=true\n{WARNS}"),
    );
    assert_eq!(
        run(&["check", "--fail-level", "error", &strict])
            .status
            .code(),
        Some(1)
    );
    // Usage and input errors are 2.
    assert_eq!(
        run(&["check", &dir.join("missing").to_string_lossy()])
            .status
            .code(),
        Some(2)
    );
    // `--build-arg NAME` takes the value from the environment, as `docker build` does.
    assert_eq!(
        bin()
            .args(["check", "--build-arg", "STAGECRAFT_TEST_ARG", &clean])
            .env("STAGECRAFT_TEST_ARG", "1")
            .output()
            .unwrap()
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "--build-arg", "=x", &clean]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--format", "xml", &clean]).status.code(),
        Some(2)
    );
}

#[test]
fn several_files_each_finding_names_its_file() {
    let dir = scratch("multi");
    let a = write(&dir, "a.Dockerfile", WARNS);
    let b = write(&dir, "b.Dockerfile", "FROM alpine\nMAINTAINER me\n");
    let out = run(&["check", "--format", "json", &a, &b]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    let findings = doc["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .any(|f| f["file"] == a.as_str() && f["code"] == "StageNameCasing"));
    assert!(findings
        .iter()
        .any(|f| f["file"] == b.as_str() && f["code"] == "MaintainerDeprecated"));
    let f = findings
        .iter()
        .find(|f| f["code"] == "FromAsCasing")
        .unwrap();
    assert_eq!(
        f["message"],
        "'as' and 'FROM' keywords' casing do not match"
    );
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(18))
    );
    assert_eq!(f["span"], serde_json::json!([17, 19]));
    assert_eq!(
        f["url"],
        "https://docs.docker.com/go/dockerfile/rule/from-as-casing/"
    );
    assert_eq!(f["fix"]["edits"][0]["text"], "AS");
}

#[test]
fn stdin_sarif_and_text() {
    let mut child = bin()
        .args(["check", "--format", "sarif", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(WARNS.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "JSONArgsRecommended"));
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "stdin"
    );

    let dir = scratch("text");
    let f = write(&dir, "Dockerfile", WARNS);
    let out = run(&["check", &f]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning[StageNameCasing]: Stage name 'Build' should be lowercase"));
    assert!(text.contains(&format!("--> {f}:1:21")));
    assert!(text.contains("1 | FROM alpine:3.20 as Build"));
    assert!(text.contains("^^^^^"));
    assert!(
        text.ends_with("0 errors, 3 warnings, 0 infos in 1 file\n"),
        "{text}"
    );
}

#[test]
fn context_dockerignore_enables_copy_ignored_file() {
    let dir = scratch("ctx");
    let f = write(&dir, "Dockerfile", "FROM scratch\nCOPY secrets.txt /s\n");
    let ctx = dir.to_string_lossy().to_string();
    let without = json(&run(&["check", "--format", "json", &f]));
    assert!(without["findings"].as_array().unwrap().is_empty());
    write(&dir, ".dockerignore", "*.txt\n");
    let with = json(&run(&["check", "--format", "json", "--context", &ctx, &f]));
    assert_eq!(with["findings"][0]["code"], "CopyIgnoredFile");
    assert_eq!(
        with["findings"][0]["message"],
        "Attempting to Copy file \"secrets.txt\" that is excluded by .dockerignore"
    );
}

#[test]
fn target_and_all_stages_choose_what_is_checked() {
    let dir = scratch("target");
    let f = write(
        &dir,
        "Dockerfile",
        "FROM alpine AS dev\nENV foo bar\n\nFROM alpine AS prod\nCOPY app /app\n",
    );
    let codes = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        a.push(&f);
        json(&run(&a))["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!codes(&[]).contains(&"LegacyKeyValueFormat".to_string()));
    assert!(codes(&["--target", "dev"]).contains(&"LegacyKeyValueFormat".to_string()));
    assert!(codes(&["--all-stages"]).contains(&"LegacyKeyValueFormat".to_string()));
}

#[test]
fn explain_prints_the_rule_page() {
    let out = run(&["explain", "unnamedstagereference"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("UnnamedStageReference: "));
    for section in ["WHAT", "WHY", "BAD", "GOOD", "FIX"] {
        assert!(
            text.contains(&format!("\n{section}\n")),
            "{section} missing"
        );
    }
    let md = String::from_utf8(run(&["explain", "--markdown", "StageNameCasing"]).stdout).unwrap();
    assert!(md.contains("# StageNameCasing"));
    assert_eq!(run(&["explain", "NoSuchRule"]).status.code(), Some(2));
    let list = String::from_utf8(run(&["explain"]).stdout).unwrap();
    assert!(list.lines().count() >= 34);
}

#[test]
fn context_secrets_reach_the_final_image() {
    let dir = scratch("secrets");
    write(&dir, ".env", "TOKEN=1\n");
    write(&dir, "app.py", "print(1)\n");
    let f = write(
        &dir,
        "Dockerfile",
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
    );
    let ctx = dir.to_string_lossy().to_string();
    let out = run(&["check", "--format", "json", "--context", &ctx, &f]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let secret = &doc["findings"][0];
    assert_eq!(secret["code"], "SecretInFinalImage");
    assert_eq!(secret["line"], 3);
    assert!(secret["message"].as_str().unwrap().contains("/app/.env"));
    // Excluded by .dockerignore: nothing to report.
    write(&dir, ".dockerignore", ".env\n");
    let out = run(&["check", "--format", "json", "--context", &ctx, &f]);
    assert_eq!(out.status.code(), Some(0));
}
