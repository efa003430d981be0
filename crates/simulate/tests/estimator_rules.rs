//! The estimator's rules from the calibration lab (tests/calibration), each on a minimal
//! Dockerfile: what fact a recognised command is priced with.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::simulate;
use stagecraft_simulate::{Context, ContextFile, Simulation};

/// (estimate, low, high) of the layer at `line`.
fn added(sim: &Simulation, line: u32) -> (u64, u64, u64) {
    let l = sim
        .stages
        .iter()
        .flat_map(|s| s.layers.iter())
        .find(|l| l.line == line)
        .expect("layer");
    (l.added.estimate, l.added.low, l.added.high)
}

fn ctx(files: &[(&str, &str)], sizes: &[(&str, u64)]) -> Context {
    let mut list: Vec<ContextFile> = files
        .iter()
        .map(|(p, t)| ContextFile {
            path: (*p).into(),
            size: t.len() as u64,
        })
        .collect();
    list.extend(sizes.iter().map(|(p, s)| ContextFile {
        path: (*p).into(),
        size: *s,
    }));
    let manifests: BTreeMap<String, String> = files
        .iter()
        .map(|(p, t)| ((*p).to_string(), (*t).to_string()))
        .collect();
    Context::new(list, manifests, None)
}

const PY3: &str = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv && rm -rf /var/lib/apt/lists/*\n";

#[test]
fn debian_venv_seeds_the_bundled_pip_and_setuptools() {
    let sim = simulate(&format!("{PY3}RUN python3 -m venv /opt/venv\n"), None);
    // The lab's measured layer (python-venv line 3), not PyPI's latest wheels.
    assert_eq!(added(&sim, 3).0, 21_620_833);
}

#[test]
fn pip_upgrade_reinstalls_pip() {
    let text = format!(
        "{PY3}RUN python3 -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install --no-cache-dir --upgrade pip\nRUN pip install --no-cache-dir pip\n"
    );
    let sim = simulate(&text, None);
    assert!(added(&sim, 5).0 > 5_000_000, "{:?}", added(&sim, 5));
    // Without -U an installed pip is left alone.
    assert_eq!(added(&sim, 6).0, 0);
    // Upgraded in the layer that created the venv: replaced in place.
    let text = format!("{PY3}RUN python3 -m venv /v && /v/bin/pip install --no-cache-dir -U pip\n");
    assert_eq!(added(&simulate(&text, None), 3).0, 21_620_833);
}

#[test]
fn pip_cache_low_bound_is_the_install_alone() {
    let text = format!("{PY3}RUN python3 -m venv /v\nRUN /v/bin/pip install flask==3.1.3\nRUN /v/bin/pip install --no-cache-dir flask==3.1.3\n");
    let with = added(&simulate(&text, None), 4);
    let text2 = format!(
        "{PY3}RUN python3 -m venv /v\nRUN /v/bin/pip install --no-cache-dir flask==3.1.3\n"
    );
    let without = added(&simulate(&text2, None), 4);
    assert!(with.0 > without.0);
    assert_eq!(with.1, without.1);
}

#[test]
fn uv_pip_install_neither_compiles_nor_copies_its_cache() {
    let text = format!("{PY3}RUN python3 -m venv /v && python3 -m venv /w\nENV VIRTUAL_ENV=/v PATH=/v/bin:$PATH\nRUN uv pip install flask==3.1.3\nRUN /w/bin/pip install --no-cache-dir flask==3.1.3\n");
    let sim = simulate(&text, None);
    let (uv, pip) = (added(&sim, 5), added(&sim, 6));
    assert!(uv.0 < pip.0, "uv {uv:?} pip {pip:?}");
}

#[test]
fn add_of_a_local_tar_gz_is_the_extracted_tree() {
    let c = ctx(&[], &[("vendor.tar.gz", 10_000)]);
    let sim = simulate(
        "FROM debian:bookworm\nADD vendor.tar.gz /opt/vendor/\nRUN chown -R 1000 /opt/vendor\n",
        Some(&c),
    );
    assert_eq!(added(&sim, 2), (35_000, 15_000, 100_000));
    // The copy-up of the tree is the tree.
    assert_eq!(added(&sim, 3).0, 35_000);
}

#[test]
fn registry_downloads_are_sized_from_the_tables() {
    let sim = simulate(
        "FROM debian:bookworm\nRUN curl -fsSLo /w/flask-3.1.3-py3-none-any.whl https://files.pythonhosted.org/packages/7f/9c/x/flask-3.1.3-py3-none-any.whl\nRUN curl -fsSLO https://example.com/tool.bin\n",
        None,
    );
    assert_eq!(added(&sim, 2), (103_424, 103_424, 103_424));
    // An unknown download: a few MB, still a wide range.
    let (est, low, high) = added(&sim, 3);
    assert!((1_000_000..10_000_000).contains(&est) && low <= 1_000 && high >= 100_000_000);
}

#[test]
fn npm_tarball_extracts_to_its_unpacked_size() {
    let sim = simulate(
        "FROM debian:bookworm\nRUN curl -fsSL https://registry.npmjs.org/yarn/-/yarn-1.22.22.tgz -o /tmp/y.tgz && mkdir -p /opt/y && tar -xzf /tmp/y.tgz -C /opt/y && rm /tmp/y.tgz\n",
        None,
    );
    let (est, low, high) = added(&sim, 2);
    // yarn 1.22.22 unpacks to 5,340,487 B (npm pack of the tarball).
    assert_eq!((est, low, high), (5_340_487, 5_340_487, 5_340_487));
}

#[test]
fn poetry_in_project_venv_is_under_the_project() {
    let lock = "[[package]]\nname = \"flask\"\nversion = \"3.1.3\"\n\n[metadata]\n";
    let c = ctx(
        &[
            ("pyproject.toml", "[tool.poetry]\nname='x'\n"),
            ("poetry.lock", lock),
        ],
        &[],
    );
    let text = format!("{PY3}ENV POETRY_VIRTUALENVS_IN_PROJECT=1\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root\nFROM debian:bookworm\nCOPY --from=0 /app/.venv /app/.venv\n");
    let sim = simulate(&text, Some(&c));
    let (copied, _, _) = added(&sim, 8);
    assert!(copied > 100_000, "{copied}");
}

#[test]
fn cargo_build_scales_with_the_lock() {
    let lock: String = (0..12)
        .map(|i| format!("[[package]]\nname = \"c{i}\"\nversion = \"1.0.0\"\n\n"))
        .collect();
    let c = ctx(
        &[
            ("Cargo.toml", "[package]\nname = \"app\"\n"),
            ("Cargo.lock", &lock),
        ],
        &[],
    );
    let sim = simulate(
        "FROM rust:1.85\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n",
        Some(&c),
    );
    let (est, low, high) = added(&sim, 4);
    assert!((100_000_000..200_000_000).contains(&est), "{est}");
    assert!(low < est && est < high);
}

#[test]
fn go_build_without_requirements_is_small() {
    let c = ctx(
        &[("go.mod", "module example.com/hello\n\ngo 1.22\n")],
        &[("main.go", 80)],
    );
    let sim = simulate(
        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/hello .\n",
        Some(&c),
    );
    let (est, _, _) = added(&sim, 4);
    assert!(est < 20_000_000, "{est}");
}

#[test]
fn add_of_an_archive_uses_the_measured_extracted_size() {
    let mut c = ctx(&[], &[("vendor.tar.gz", 23_398)]);
    c.archives.insert("vendor.tar.gz".into(), 93_342);
    let sim = simulate(
        "FROM debian:bookworm\nADD vendor.tar.gz /opt/vendor/\n",
        Some(&c),
    );
    assert_eq!(added(&sim, 2), (93_342, 93_342, 93_342));
}
