//! Python lookups and the pip resolver against committed fixtures (tests/fixtures/kb/pip:
//! pip's own `--dry-run --report` resolutions, made by scripts/kb/pip_reports.sh).

use stagecraft_knowledge::pypi::{normalize_name, python_package_count};
use stagecraft_knowledge::{parse_requirement, python_package, resolve_pip, PipOptions, WheelKind};
use std::collections::BTreeSet;

fn fixture(tsv: &'static str) -> BTreeSet<&'static str> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect()
}

/// Names pip resolves vs ours; returns (missing, extra).
fn compare(tsv: &'static str, reqs: &[&str]) -> (Vec<String>, Vec<String>) {
    let want = fixture(tsv);
    let r = resolve_pip(reqs, &PipOptions::default());
    assert!(r.unknown.is_empty(), "{reqs:?}: unknown {:?}", r.unknown);
    let ours: BTreeSet<&str> = r.names().into_iter().collect();
    (
        want.difference(&ours).map(|s| s.to_string()).collect(),
        ours.difference(&want).map(|s| s.to_string()).collect(),
    )
}

#[test]
fn closures_match_pip() {
    let cases: [(&'static str, &[&str]); 4] = [
        (
            include_str!("../../../tests/fixtures/kb/pip/flask.tsv"),
            &["flask"],
        ),
        (
            include_str!("../../../tests/fixtures/kb/pip/fastapi-standard.tsv"),
            &["fastapi[standard]"],
        ),
        (
            include_str!("../../../tests/fixtures/kb/pip/django-gunicorn.tsv"),
            &["django", "gunicorn", "psycopg2-binary"],
        ),
        (
            include_str!("../../../tests/fixtures/kb/pip/scikit-learn.tsv"),
            &["scikit-learn"],
        ),
    ];
    for (tsv, reqs) in cases {
        let (missing, extra) = compare(tsv, reqs);
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{reqs:?}: missing {missing:?} extra {extra:?}"
        );
    }
}

#[test]
fn pandas_closure_close_to_pip() {
    // PyPI's JSON `requires_dist` for python-dateutil 4.0.0 lists `six`; the wheel pip reads
    // does not (the JSON API shows the metadata of the first uploaded file).
    let (missing, extra) = compare(
        include_str!("../../../tests/fixtures/kb/pip/pandas.tsv"),
        &["pandas"],
    );
    assert!(
        missing.is_empty() && extra.len() <= 1,
        "missing {missing:?} extra {extra:?}"
    );
}

#[test]
fn torch_pulls_its_cuda_wheels() {
    // The fixture was resolved for manylinux_2_28 platform tags, where pip settles on torch
    // 2.7.1 (newer torch needs cu13 wheels with newer tags): pin it to compare.
    let (missing, extra) = compare(
        include_str!("../../../tests/fixtures/kb/pip/transformers-torch.tsv"),
        &["transformers", "torch==2.7.1"],
    );
    assert!(
        missing.len() + extra.len() <= 4,
        "missing {missing:?} extra {extra:?}"
    );
    let r = resolve_pip(&["torch"], &PipOptions::default());
    assert!(r.names().iter().any(|n| n.starts_with("nvidia-")));
    // Multi-GB once installed; download several hundred MB at least.
    assert!(r.installed.estimate > 2_000_000_000, "{}", r.installed);
    assert!(r.download.estimate > 500_000_000, "{}", r.download);
}

#[test]
fn pinned_releases_and_names() {
    assert_eq!(normalize_name("Flask_SQLAlchemy"), "flask-sqlalchemy");
    assert_eq!(normalize_name("ruamel.yaml"), "ruamel-yaml");
    let latest = python_package("numpy", None).expect("numpy");
    assert!(latest.latest);
    assert_eq!(latest.kind, WheelKind::Binary);
    assert!(latest.cp312.unwrap_or(0) > 5_000_000);
    if let Some(old) = python_package("torch", Some("2.5.1")) {
        assert_eq!(old.version, "2.5.1");
        // torch 2.5.1 pins its cu12 wheels exactly.
        assert!(old
            .dependencies()
            .iter()
            .any(|d| d.starts_with("nvidia-cudnn-cu12==")));
    }
    assert!(python_package("flask", Some("0.0.1-not-embedded")).is_some_and(|p| p.latest));
    assert!(python_package_count() > 500);
}

#[test]
fn requirement_lines() {
    let r = parse_requirement("uvicorn[standard]==0.30.1 ; python_version > '3.8'").expect("req");
    assert_eq!(r.name, "uvicorn");
    assert_eq!(r.extras, vec!["standard".to_string()]);
    assert_eq!(r.pinned.as_deref(), Some("0.30.1"));
    assert_eq!(
        parse_requirement("Django>=4.2,<5").expect("req").pinned,
        None
    );
    for skip in [
        "# comment",
        "-r base.txt",
        "--index-url https://x",
        "./local",
        "git+https://x/y",
        "",
    ] {
        assert!(parse_requirement(skip).is_none(), "{skip}");
    }
}

#[test]
fn sizes_unknowns_and_installed_set() {
    let r = resolve_pip(&["flask"], &PipOptions::default());
    // Pure wheels with .pyc: several times the wheel size.
    assert!(r.installed.estimate > r.download.estimate * 3);
    assert!(r.download.is_exact());
    let no_pyc = resolve_pip(
        &["flask"],
        &PipOptions {
            compile: false,
            ..PipOptions::default()
        },
    );
    assert!(no_pyc.installed.estimate < r.installed.estimate);
    // Already installed costs nothing.
    let mut opts = PipOptions::default();
    opts.installed
        .extend(["werkzeug".to_string(), "jinja2".to_string()]);
    let r2 = resolve_pip(&["flask"], &opts);
    assert!(!r2.names().contains(&"werkzeug"));
    // Unknown → unknown, never zero.
    let u = resolve_pip(&["surely-not-a-real-project-xyz"], &PipOptions::default());
    assert_eq!(u.unknown, vec!["surely-not-a-real-project-xyz".to_string()]);
    assert!(u.installed.estimate > 0 && u.installed.has_unknown());
}

#[test]
fn pytorch_cpu_index_drops_cuda_wheels() {
    use stagecraft_knowledge::resolve_pip_index;
    let opts = PipOptions::default();
    let cuda = resolve_pip(&["torch"], &opts);
    let cpu = resolve_pip_index(
        &["torch"],
        &opts,
        Some("https://download.pytorch.org/whl/cpu"),
    );
    assert!(!cpu
        .names()
        .iter()
        .any(|n| n.starts_with("nvidia-") || *n == "triton"));
    assert!(
        cpu.installed.high < cuda.installed.low,
        "{} vs {}",
        cpu.installed,
        cuda.installed
    );
    // The published CPU wheel figure: 150–200 MB.
    let torch = cpu
        .packages
        .iter()
        .find(|p| p.name == "torch")
        .expect("torch");
    assert!(torch.download.low >= 150_000_000 && torch.download.high <= 200_000_000);
    // Any other index behaves like PyPI.
    let other = resolve_pip_index(&["torch"], &opts, Some("https://pypi.org/simple"));
    assert_eq!(other.installed, cuda.installed);
}
