//! The pitfalls of the seed tutorials (`../shared/seeds/`), as Dockerfiles in `tests/seeds/`:
//! `<name>.pitfall.Dockerfile` starts with `# expect: <Code> `<span text>``, and that rule must
//! fire exactly there; on `<name>.fixed.Dockerfile` (the tutorial's correction) nothing fires.

// Tests read their fixtures from disk and may unwrap: the purity rules are for the library.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use std::path::Path;

use stagecraft_check::{check, CheckOptions};

#[test]
fn seed_pitfalls_fire_and_fixes_are_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().to_string();
            n.strip_suffix(".pitfall.Dockerfile").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 7);
    let mut failures = Vec::new();
    for name in &names {
        let bad = std::fs::read_to_string(dir.join(format!("{name}.pitfall.Dockerfile"))).unwrap();
        let good = std::fs::read_to_string(dir.join(format!("{name}.fixed.Dockerfile"))).unwrap();
        let header = bad.lines().next().unwrap();
        let rest = header.strip_prefix("# expect: ").expect("expect header");
        let (code, span) = rest.split_once(' ').unwrap();
        let span = span.trim_matches('`');
        let findings = check(&bad, &CheckOptions::default());
        let hit = findings
            .iter()
            .any(|d| d.code == code && &bad[d.range.as_usize()] == span);
        if !hit {
            let got: Vec<String> = findings
                .iter()
                .map(|d| format!("{} `{}`", d.code, &bad[d.range.as_usize()]))
                .collect();
            failures.push(format!("{name}: expected {code} on `{span}`, got {got:?}"));
        }
        let clean = check(&good, &CheckOptions::default());
        if !clean.is_empty() {
            let got: Vec<String> = clean
                .iter()
                .map(|d| format!("{} `{}`: {}", d.code, &good[d.range.as_usize()], d.message))
                .collect();
            failures.push(format!("{name}: the fixed version has findings {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
