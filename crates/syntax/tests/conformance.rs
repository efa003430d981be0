//! Conformance runner: our parser against BuildKit's own outputs in `shared/conformance/`.
//!
//! Cases are discovered by listing directories (no hand-kept lists):
//! - BuildKit's `parser/testfiles/*/{Dockerfile,result}`: the dump must match byte for byte;
//! - BuildKit's `parser/testfiles-negative/*/Dockerfile`: must be rejected;
//! - `corpus/NAME.Dockerfile` with `NAME.dump` (dump must match) or `NAME.error` (must be
//!   rejected with the same message), plus the parser warnings and error lines recorded in
//!   `NAME.stages.json`.
//!
//! The counts go to `tests/conformance-summary.txt`; the test fails if any case fails or if
//! the committed summary differs (set `STAGECRAFT_BLESS=1` to rewrite it).
//! `STAGECRAFT_SHARED` overrides where `shared/` is.

#![allow(clippy::disallowed_methods, clippy::unwrap_used)] // A test runner reads files.

use stagecraft_syntax::{parse_bytes, Parse, NO_EMPTY_CONTINUATION};
use std::fs;
use std::path::{Path, PathBuf};

fn shared_dir() -> PathBuf {
    match std::env::var_os("STAGECRAFT_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    v.sort();
    v
}

/// Line (1-based) of a byte offset, counting `\n` as BuildKit's scanner does.
fn line_of(src: &[u8], offset: u32) -> u32 {
    let end = (offset as usize).min(src.len());
    src[..end].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

fn dump_or_error(p: &Parse) -> Result<String, String> {
    match &p.rejection {
        Some(r) => Err(r.message.clone()),
        None => Ok(p.file.dump()),
    }
}

struct Tally {
    name: &'static str,
    pass: usize,
    total: usize,
    failures: Vec<String>,
}

impl Tally {
    fn new(name: &'static str) -> Self {
        Tally {
            name,
            pass: 0,
            total: 0,
            failures: Vec::new(),
        }
    }

    fn record(&mut self, case: &str, problem: Option<String>) {
        self.total += 1;
        match problem {
            None => self.pass += 1,
            Some(p) => self.failures.push(format!("{case}: {p}")),
        }
    }
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n    ours:   {x}\n    theirs: {y}", i + 1);
        }
    }
    format!(
        "line count differs: ours {} vs theirs {}",
        a.lines().count(),
        b.lines().count()
    )
}

fn buildkit_testfiles(root: &Path) -> Tally {
    let mut t = Tally::new("buildkit testfiles");
    let dir = root.join("conformance/buildkit/frontend/dockerfile/parser/testfiles");
    for case in sorted_entries(&dir) {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let src = fs::read(case.join("Dockerfile")).expect("Dockerfile");
        let expected = fs::read_to_string(case.join("result")).expect("result");
        let p = parse_bytes(&src);
        let problem = match dump_or_error(&p) {
            Ok(d) if d == expected => None,
            Ok(d) => Some(first_diff(&d, &expected)),
            Err(e) => Some(format!("rejected: {e}")),
        };
        t.record(&name, problem);
    }
    t
}

fn buildkit_negative(root: &Path) -> Tally {
    let mut t = Tally::new("buildkit negative");
    let dir = root.join("conformance/buildkit/frontend/dockerfile/parser/testfiles-negative");
    for case in sorted_entries(&dir) {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let src = fs::read(case.join("Dockerfile")).expect("Dockerfile");
        let p = parse_bytes(&src);
        let problem = if p.rejection.is_some() {
            None
        } else {
            Some("accepted, BuildKit rejects it".to_string())
        };
        t.record(&name, problem);
    }
    t
}

fn corpus(root: &Path) -> (Tally, Tally) {
    let mut t = Tally::new("corpus");
    let mut w = Tally::new("corpus stages.json facts");
    let dir = root.join("conformance/corpus");
    for path in sorted_entries(&dir) {
        let fname = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(name) = fname.strip_suffix(".Dockerfile") else {
            continue;
        };
        let src = fs::read(&path).expect("input");
        let p = parse_bytes(&src);
        let dump_path = dir.join(format!("{name}.dump"));
        let error_path = dir.join(format!("{name}.error"));
        let problem = if dump_path.exists() {
            let expected = fs::read_to_string(&dump_path).expect("dump");
            match dump_or_error(&p) {
                Ok(d) if d == expected => None,
                Ok(d) => Some(first_diff(&d, &expected)),
                Err(e) => Some(format!("rejected: {e}")),
            }
        } else if error_path.exists() {
            let expected = fs::read_to_string(&error_path).expect("error");
            match dump_or_error(&p) {
                Ok(_) => Some(format!("accepted, BuildKit says: {}", expected.trim_end())),
                Err(e) if format!("{e}\n") == expected => None,
                Err(e) => Some(format!("error differs: ours {e:?}, theirs {expected:?}")),
            }
        } else {
            Some("no .dump or .error file".to_string())
        };
        t.record(name, problem);

        let stages_path = dir.join(format!("{name}.stages.json"));
        if let Ok(text) = fs::read_to_string(&stages_path) {
            let v: serde_json::Value = serde_json::from_str(&text).expect("stages.json");
            let mut problems = Vec::new();
            let expected_w: Vec<(String, u64)> = v["warnings"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|w| {
                            (
                                w["short"].as_str().unwrap_or_default().to_string(),
                                w["line"].as_u64().unwrap_or(0),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let ours_w: Vec<(String, u64)> = if p.rejection.is_some() {
                Vec::new()
            } else {
                p.warnings
                    .iter()
                    .filter(|d| d.code == NO_EMPTY_CONTINUATION)
                    .map(|d| (d.message.clone(), u64::from(line_of(&src, d.range.end))))
                    .collect()
            };
            if ours_w != expected_w {
                problems.push(format!("warnings: ours {ours_w:?}, theirs {expected_w:?}"));
            }
            if p.rejection.is_none() {
                problems.extend(tree_facts(&p, &src, &v));
            }
            if let Some(lines) = v["error_lines"].as_array() {
                let theirs: Vec<u64> = lines.iter().filter_map(|l| l.as_u64()).collect();
                let ours: Vec<u64> = p
                    .rejection
                    .as_ref()
                    .map(|r| r.lines.iter().map(|&l| u64::from(l)).collect())
                    .unwrap_or_default();
                if ours != theirs {
                    problems.push(format!("error lines: ours {ours:?}, theirs {theirs:?}"));
                }
            }
            w.record(
                name,
                if problems.is_empty() {
                    None
                } else {
                    Some(problems.join("; "))
                },
            );
        }
    }
    (t, w)
}

/// Compare what the typed tree says with the reference facts in stages.json: instruction
/// count, heredocs, stages (base, name, platform, line) and `--from` / `--mount from=` refs.
fn tree_facts(p: &Parse, src: &[u8], v: &serde_json::Value) -> Vec<String> {
    use serde_json::json;
    use stagecraft_syntax::Keyword;
    let mut problems = Vec::new();
    let file = &p.file;
    if v["instructions"].as_u64() != Some(file.instructions.len() as u64) {
        problems.push(format!(
            "instructions: ours {}, theirs {}",
            file.instructions.len(),
            v["instructions"]
        ));
    }
    let heredocs: Vec<serde_json::Value> = file
        .instructions
        .iter()
        .flat_map(|i| {
            i.heredocs.iter().map(move |h| {
                json!({"line": i.line, "instruction": i.keyword.to_lowercase(), "name": h.name,
                       "fd": h.fd, "expand": h.expand, "chomp": h.chomp, "content": h.body})
            })
        })
        .collect();
    if v["heredocs"].as_array() != Some(&heredocs) {
        problems.push(format!("heredocs differ: ours {heredocs:?}"));
    }
    let mut stages = Vec::new();
    let mut refs = Vec::new();
    let mut stage: i64 = -1;
    for ins in &file.instructions {
        match ins.kind {
            Keyword::From => {
                stage += 1;
                stages.push(json!({
                    "line": ins.line,
                    "base": ins.args.from_image().map_or("", |w| w.as_str()),
                    "name_raw": ins.args.from_stage_name().map(|w| w.as_str()),
                    "platform": ins.flag("platform").and_then(|f| f.value.clone()),
                }));
            }
            Keyword::Copy | Keyword::Add => {
                for f in ins.flags_named("from") {
                    refs.push(json!({"stage": stage, "line": ins.line, "flag": "from",
                        "value": f.value.clone().unwrap_or_default()}));
                }
            }
            Keyword::Run => {
                for f in ins.flags_named("mount") {
                    for o in f.mount_options().unwrap_or_default() {
                        if o.key == "from" {
                            refs.push(json!({"stage": stage, "line": ins.line, "flag": "mount",
                                "value": o.value.unwrap_or_default()}));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let theirs_stages: Vec<serde_json::Value> = v["stages"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    json!({"line": s["line"], "base": s["base"], "name_raw": s["name_raw"],
                           "platform": s["platform"]})
                })
                .collect()
        })
        .unwrap_or_default();
    if theirs_stages != stages {
        problems.push(format!("stages: ours {stages:?}, theirs {theirs_stages:?}"));
    }
    let theirs_refs: Vec<serde_json::Value> = v["from_refs"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| {
                    json!({"stage": r["stage"], "line": r["line"], "flag": r["flag"],
                           "value": r["value"]})
                })
                .collect()
        })
        .unwrap_or_default();
    if theirs_refs != refs {
        problems.push(format!("from_refs: ours {refs:?}, theirs {theirs_refs:?}"));
    }
    let _ = src;
    problems
}

#[test]
fn conformance() {
    let root = shared_dir();
    assert!(
        root.join("conformance").is_dir(),
        "shared/conformance not found at {} (set STAGECRAFT_SHARED)",
        root.display()
    );
    let (c, w) = corpus(&root);
    let tallies = [buildkit_testfiles(&root), buildkit_negative(&root), c, w];
    let mut summary = String::new();
    summary.push_str("# Parser conformance against BuildKit (generated by tests/conformance.rs)\n");
    for t in &tallies {
        summary.push_str(&format!("{} {}/{}\n", t.name, t.pass, t.total));
    }
    let mut failures = Vec::new();
    for t in &tallies {
        for f in &t.failures {
            failures.push(format!("[{}] {f}", t.name));
        }
    }
    for f in &failures {
        summary.push_str(&format!("FAIL {}\n", f.lines().next().unwrap_or_default()));
    }
    let summary_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance-summary.txt");
    let on_disk = fs::read_to_string(&summary_path).unwrap_or_default();
    if std::env::var_os("STAGECRAFT_BLESS").is_some() {
        fs::write(&summary_path, &summary).expect("write summary");
    }
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} conformance failures:\n{summary}",
        failures.len()
    );
    if std::env::var_os("STAGECRAFT_BLESS").is_none() {
        assert_eq!(
            on_disk, summary,
            "conformance summary changed; rerun with STAGECRAFT_BLESS=1 and commit it"
        );
    }
}
