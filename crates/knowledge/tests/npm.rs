//! npm lookups and closures against the committed table (data/npm.tsv) and the npm CLI's own
//! resolutions (tests/fixtures/kb/npm, made by scripts/kb/npm_fixtures.sh).

use stagecraft_knowledge::npm::npm_package_count;
use stagecraft_knowledge::{npm_lock_size, npm_package, resolve_npm, Certainty};
use std::collections::BTreeSet;

/// `name@version` lines of an `npm ls --all --omit=dev --parseable --long` style fixture.
fn fixture(tsv: &'static str) -> (BTreeSet<&'static str>, u64) {
    let mut names = BTreeSet::new();
    let mut bytes = 0;
    for l in tsv.lines() {
        if let Some(b) = l.strip_prefix("# node_modules_bytes: ") {
            bytes = b.trim().parse().unwrap_or(0);
        }
        if l.starts_with('#') || l.is_empty() {
            continue;
        }
        if let Some(n) = l.split('\t').next() {
            names.insert(n);
        }
    }
    (names, bytes)
}

#[test]
fn express_closure_matches_npm() {
    let (want, bytes) = fixture(include_str!("../../../tests/fixtures/kb/npm/express.tsv"));
    let r = resolve_npm(&[("express", "*")]);
    let ours: BTreeSet<&str> = r.names().into_iter().collect();
    let missing: Vec<_> = want.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&want).collect();
    assert!(
        missing.len() + extra.len() <= 2,
        "missing {missing:?} extra {extra:?}"
    );
    assert!(r.unknown.is_empty());
    let err = (r.total.estimate as f64 - bytes as f64) / bytes as f64;
    assert!(err.abs() < 0.15, "express: ours {} real {bytes}", r.total);
}

#[test]
fn react_and_axios_sizes_close_to_npm() {
    for (tsv, deps) in [
        (
            include_str!("../../../tests/fixtures/kb/npm/react.tsv"),
            &[("react", "*"), ("react-dom", "*")][..],
        ),
        (
            include_str!("../../../tests/fixtures/kb/npm/axios.tsv"),
            &[("axios", "*")][..],
        ),
    ] {
        let (want, bytes) = fixture(tsv);
        let r = resolve_npm(deps);
        let ours: BTreeSet<&str> = r.names().into_iter().collect();
        let missing: Vec<_> = want.difference(&ours).collect();
        let extra: Vec<_> = ours.difference(&want).collect();
        assert!(
            missing.len() + extra.len() <= 8,
            "{deps:?}: missing {missing:?} extra {extra:?}"
        );
        let err = (r.total.estimate as f64 - bytes as f64) / bytes as f64;
        assert!(err.abs() < 0.25, "{deps:?}: ours {} real {bytes}", r.total);
    }
}

#[test]
fn popular_packages_are_known() {
    for name in [
        "react",
        "typescript",
        "webpack",
        "vite",
        "lodash",
        "axios",
        "next",
    ] {
        let (p, ok) = npm_package(name, None).unwrap_or_else(|| panic!("{name} missing"));
        assert!(ok);
        assert!(p.seed, "{name} should be a seed");
        assert!(p.unpacked.unwrap_or(0) > 10_000, "{name}");
    }
    assert!(npm_package_count() > 300);
}

#[test]
fn ranges_pick_matching_versions() {
    let (p, ok) = npm_package("debug", Some("^2.6.0")).expect("debug 2.x");
    if ok {
        assert!(p.version.starts_with("2."), "{}", p.version);
    }
    // A range nothing satisfies falls back to the newest we have, flagged as not matching.
    let (_, ok) = npm_package("lodash", Some("^0.0.1")).expect("lodash");
    assert!(!ok);
}

#[test]
fn lockfile_entries_and_unknowns() {
    let r = npm_lock_size(&[
        ("left-pad-surely-unknown-xyz", "1.0.0"),
        ("lodash", "0.0.1"),
    ]);
    assert_eq!(r.unknown, vec!["left-pad-surely-unknown-xyz".to_string()]);
    assert!(r.total.estimate > 0 && r.total.has_unknown());
    assert_eq!(r.packages.len(), 2);
    assert_eq!(r.packages[1].certainty, Certainty::Inferred);
    let (p, _) = npm_package("lodash", None).expect("lodash");
    let exact = npm_lock_size(&[("lodash", p.version)]);
    assert_eq!(exact.packages[0].certainty, Certainty::Measured);
}
