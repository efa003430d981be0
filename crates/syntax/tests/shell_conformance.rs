//! Conformance of the shell lexer with BuildKit.
//!
//! 1. BuildKit's own tables `envVarTest` and `wordsTest` (from ../shared/conformance/buildkit),
//!    read and run the way BuildKit's `lex_test.go` does, on Linux.
//! 2. The same tables with `\` and `` ` `` swapped, run with the backtick escape character.
//! 3. `shell_differential.txt` next to this file: inputs with the exact outputs of BuildKit's
//!    `lex.go` (value or full error text, matched/unmatched variables, words).
//!
//! The counts are written to `shell-conformance-summary.txt`; the test fails on any mismatch
//! or when the summary differs from the committed one (`STAGECRAFT_BLESS=1` rewrites it).
//! `STAGECRAFT_SHELL_DIFF=FILE` runs an extra differential file of the same format.
#![allow(clippy::disallowed_methods)] // tests read fixtures and configuration

use std::collections::BTreeMap;
use std::path::PathBuf;

use stagecraft_syntax::shell::Lexer;

fn shared_dir() -> PathBuf {
    match std::env::var_os("STAGECRAFT_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

fn table(name: &str) -> String {
    let path = shared_dir()
        .join("conformance/buildkit/frontend/dockerfile/shell")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// Swaps `\` and `` ` `` so a table written for the backslash escape tests the backtick one.
fn mirror(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\\' => '`',
            '`' => '\\',
            c => c,
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    run: usize,
    passed: usize,
    skipped_windows: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.run += 1;
        if ok {
            self.passed += 1;
        } else {
            self.failures.push(what());
        }
    }
}

/// `TestShellParser4EnvVars`: `PLATFORM | SOURCE | EXPECTED`, expected `error` for failures.
fn env_var_test(text: &str, escape: char) -> Tally {
    let tr = |s: &str| {
        if escape == '\\' {
            s.to_string()
        } else {
            mirror(s)
        }
    };
    let env = [
        ("PWD", "/home"),
        ("SHELL", "bash"),
        ("KOREAN", "한국어"),
        ("NULL", ""),
    ];
    let lexer = Lexer::new(escape);
    let mut t = Tally::default();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let line = line.trim();
        let parts: Vec<&str> = line.split('|').collect();
        assert_eq!(parts.len(), 3, "envVarTest line {}: {line:?}", i + 1);
        let platform = parts[0].trim();
        let source = tr(parts[1].trim());
        let expected = tr(parts[2].trim());
        match platform {
            "A" | "U" => {}
            "W" => {
                t.skipped_windows += 1;
                continue;
            }
            other => panic!("envVarTest line {}: bad platform {other:?}", i + 1),
        }
        let got = lexer.process_word(&source, &env[..]);
        let ok = match &got {
            Ok(w) => expected != "error" && w.value == expected,
            Err(_) => expected == "error",
        };
        t.check(ok, || {
            format!(
                "envVarTest line {} (escape {escape}): {source:?} expected {expected:?}, got {got:?}",
                i + 1
            )
        });
    }
    t
}

/// `TestShellParser4Words`: `ENV k=v` lines accumulate; `SOURCE | w1,w2,…` rows.
///
/// BuildKit's test means to run a second mode (raw quotes, skip unset), but it reuses an
/// exhausted file scanner, so only this first mode ever runs upstream and the expectations
/// only hold for it.
fn words_test(text: &str, escape: char) -> Tally {
    let tr = |s: &str| {
        if escape == '\\' {
            s.to_string()
        } else {
            mirror(s)
        }
    };
    let lexer = Lexer::new(escape);
    let mut env: Vec<(String, String)> = Vec::new();
    let mut t = Tally::default();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(kv) = line.strip_prefix("ENV ") {
            let kv = kv.trim_start_matches(' ');
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            env.push((k.to_string(), v.to_string()));
            continue;
        }
        let parts: Vec<&str> = line.split('|').collect();
        assert_eq!(parts.len(), 2, "wordsTest line {}: {line:?}", i + 1);
        let source = tr(parts[0].trim());
        let expected: Vec<String> = parts[1]
            .trim_start_matches(' ')
            .split(',')
            .map(tr)
            .collect();
        let got = lexer
            .process_words(&source, &env)
            .unwrap_or_else(|_| vec!["error".to_string()]);
        t.check(got == expected, || {
            format!(
                "wordsTest line {} (escape {escape}): {source:?} expected {expected:?}, got {got:?}",
                i + 1
            )
        });
    }
    t
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => {
                assert_eq!(it.next(), Some('{'));
                let hex: String = it.by_ref().take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).expect("hex escape");
                out.push(char::from_u32(cp).expect("scalar value"));
            }
            other => panic!("bad escape \\{other:?} in differential file"),
        }
    }
    out
}

#[derive(Default, Debug)]
struct Case {
    word: String,
    escape: char,
    flags: [bool; 4],
    env: Vec<(String, String)>,
    value: Option<String>,
    error: Option<String>,
    matched: Vec<String>,
    unmatched: Vec<String>,
    words: Option<Vec<String>>,
    words_error: Option<String>,
}

fn parse_cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let tag = fields.next().unwrap_or_default();
        let rest: Vec<String> = fields.map(unescape).collect();
        if tag == "case" {
            let flags: Vec<bool> = rest[2].chars().map(|c| c == '1').collect();
            cases.push(Case {
                word: rest[0].clone(),
                escape: rest[1].chars().next().expect("escape"),
                flags: [flags[0], flags[1], flags[2], flags[3]],
                ..Case::default()
            });
            continue;
        }
        let case = cases.last_mut().expect("a case line first");
        match tag {
            "env" => case.env.push((rest[0].clone(), rest[1].clone())),
            "value" => case.value = Some(rest[0].clone()),
            "error" => case.error = Some(rest[0].clone()),
            "matched" => case.matched = rest,
            "unmatched" => case.unmatched = rest,
            "words" => case.words = Some(rest),
            "words-error" => case.words_error = Some(rest[0].clone()),
            other => panic!("unknown tag {other:?}"),
        }
    }
    cases
}

fn differential(text: &str) -> Tally {
    let mut t = Tally::default();
    for case in parse_cases(text) {
        let [rq, re, sq, su] = case.flags;
        let lexer = Lexer::new(case.escape)
            .with_raw_quotes(rq)
            .with_raw_escapes(re)
            .with_skip_process_quotes(sq)
            .with_skip_unset_env(su);
        // Same semantics as BuildKit's map-based env: the last pair wins.
        let env: BTreeMap<String, String> = case.env.iter().cloned().collect();
        let got = lexer.process_word(&case.word, &env);
        let ok = match (&got, &case.error) {
            (Ok(w), None) => {
                Some(&w.value) == case.value.as_ref()
                    && w.matched.iter().eq(case.matched.iter())
                    && w.unmatched.iter().eq(case.unmatched.iter())
            }
            (Err(e), Some(msg)) => {
                &e.to_string() == msg
                    && e.matched().iter().eq(case.matched.iter())
                    && e.unmatched().iter().eq(case.unmatched.iter())
            }
            _ => false,
        };
        t.check(ok, || format!("word {case:?}: got {got:?}"));
        let got = lexer.process_words(&case.word, &env);
        let ok = match (&got, &case.words_error) {
            (Ok(w), None) => Some(w) == case.words.as_ref(),
            (Err(e), Some(msg)) => &e.to_string() == msg,
            _ => false,
        };
        t.check(ok, || format!("words {case:?}: got {got:?}"));
    }
    t
}

#[test]
fn shell_conformance() {
    let env_text = table("envVarTest");
    let words_text = table("wordsTest");
    let ev = env_var_test(&env_text, '\\');
    let wt = words_test(&words_text, '\\');
    let ev_bt = env_var_test(&env_text, '`');
    let wt_bt = words_test(&words_text, '`');
    let diff_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/shell_differential.txt");
    let diff_text = std::fs::read_to_string(&diff_path).expect("differential cases");
    let df = differential(&diff_text);

    let mut failures: Vec<&String> = [&ev, &wt, &ev_bt, &wt_bt, &df]
        .iter()
        .flat_map(|t| t.failures.iter())
        .collect();
    let extra = std::env::var_os("STAGECRAFT_SHELL_DIFF").map(|p| {
        let text = std::fs::read_to_string(&p).expect("extra differential file");
        differential(&text)
    });
    if let Some(x) = &extra {
        println!("extra differential file: {}/{}", x.passed, x.run);
        failures.extend(x.failures.iter());
    }
    for f in failures.iter().take(40) {
        eprintln!("MISMATCH {f}");
    }
    assert!(
        failures.is_empty(),
        "{} shell conformance mismatches",
        failures.len()
    );

    let summary = format!(
        "lexer envVarTest {}/{}, wordsTest {}/{}\n\
         envVarTest: Linux rows (A and U) run; {} Windows-only (W) rows skipped\n\
         wordsTest: normal mode only (the only mode BuildKit's own test actually runs)\n\
         escape=` (tables with \\ and ` swapped): envVarTest {}/{}, wordsTest {}/{}\n\
         differential vs BuildKit lex.go (tests/shell_differential.txt): {}/{} checks\n",
        ev.passed,
        ev.run,
        wt.passed,
        wt.run,
        ev.skipped_windows,
        ev_bt.passed,
        ev_bt.run,
        wt_bt.passed,
        wt_bt.run,
        df.passed,
        df.run,
    );
    let summary_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/shell-conformance-summary.txt");
    if std::env::var_os("STAGECRAFT_BLESS").is_some() {
        std::fs::write(&summary_path, &summary).expect("write summary");
    } else {
        let committed = std::fs::read_to_string(&summary_path).unwrap_or_default();
        assert_eq!(
            committed, summary,
            "shell conformance summary drifted (STAGECRAFT_BLESS=1 rewrites it)"
        );
    }
}
