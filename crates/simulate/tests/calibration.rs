//! Calibration against real builds: `tests/calibration/*/measured.tsv` holds the bytes each
//! layer added in a real Docker build (see `tests/calibration/measure.sh` and its README).
//! The estimator must keep the real value inside `[low, high]` and its estimate close.

#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use std::collections::BTreeMap;
use std::path::Path;

use stagecraft_model::{lower, BuildOptions};
use stagecraft_simulate::{context::is_manifest_name, Context, ContextFile};

fn context_of(dir: &Path) -> Context {
    let mut files = Vec::new();
    let mut manifests = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            // Written after the build: not part of the context that was measured.
            if rel == "measured.tsv" {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            if is_manifest_name(&rel) {
                manifests.insert(rel.clone(), String::from_utf8_lossy(&bytes).into_owned());
            }
            files.push(ContextFile {
                path: rel,
                size: bytes.len() as u64,
            });
        }
    }
    let ignore = manifests.get(".dockerignore").cloned();
    Context::new(files, manifests, ignore.as_deref())
}

#[test]
fn estimates_contain_real_layer_sizes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/calibration");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("measured.tsv").is_file())
        .collect();
    dirs.sort();
    // Layers known to fall outside their range, with who owns the fact and why.
    let misses_text = std::fs::read_to_string(root.join("known-misses.tsv")).unwrap();
    let known_misses: Vec<(String, u32)> = misses_text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some((c.first()?.to_string(), c.get(1)?.parse().ok()?))
        })
        .collect();
    let mut problems = Vec::new();
    let (mut total, mut inside) = (0usize, 0usize);
    let mut rel_errors = Vec::new();
    // The same instruction on the same parent is one layer measured once, even when several
    // cases share it (the builder's cache): the distinct figures say how the estimator does
    // without that repetition.
    let mut distinct: BTreeMap<(String, u64), (bool, Option<f64>)> = BTreeMap::new();
    let mut table = String::new();
    for d in &dirs {
        let text = std::fs::read_to_string(d.join("Dockerfile")).unwrap();
        let ctx = context_of(d);
        let measured = std::fs::read_to_string(d.join("measured.tsv")).unwrap();
        for row in measured.lines().skip(1) {
            let cols: Vec<&str> = row.split('\t').collect();
            let (target, line, real): (&str, u32, u64) =
                (cols[0], cols[1].parse().unwrap(), cols[2].parse().unwrap());
            let opts = BuildOptions {
                target: (target != "-").then(|| target.to_string()),
                ..BuildOptions::default()
            };
            let parse = stagecraft_syntax::parse(&text);
            let model = lower(&parse, &opts);
            let sim = stagecraft_simulate::run(&parse, &model, Some(&ctx));
            let Some(layer) = sim
                .stages
                .iter()
                .flat_map(|s| s.layers.iter())
                .find(|l| l.line == line)
            else {
                panic!("{}: no layer at line {line}", d.display());
            };
            if !layer.creates_layer {
                continue;
            }
            total += 1;
            let ok = layer.added.contains(real);
            inside += usize::from(ok);
            let case = d.file_name().unwrap().to_string_lossy().into_owned();
            let listed = known_misses.contains(&(case.clone(), line));
            if !ok && !listed {
                problems.push(format!(
                    "{case} line {line}: real {real} outside {:?}",
                    layer.added
                ));
            }
            if ok && listed {
                problems.push(format!(
                    "{case} line {line}: now inside its range — remove it from known-misses.tsv"
                ));
            }
            // Signed relative error; only layers ≥ 100 kB count towards the median (a few
            // bytes of useradd or metadata would dominate it otherwise).
            let err = (layer.added.estimate as f64 - real as f64) / real.max(1) as f64;
            if real >= 100_000 {
                rel_errors.push(err.abs());
            }
            distinct.insert(
                (layer.instruction.clone(), real),
                (ok, (real >= 100_000).then_some(err.abs())),
            );
            table.push_str(&format!(
                "{:<22} {:>3} {:>12} {:>12} [{:>12} {:>12}] {:<3} {}\n",
                case,
                line,
                real,
                layer.added.estimate,
                layer.added.low,
                layer.added.high,
                if ok { "ok" } else { "OUT" },
                if real >= 100_000 {
                    format!("{:+.1} %", err * 100.0)
                } else {
                    String::new()
                }
            ));
        }
    }
    rel_errors.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = rel_errors.get(rel_errors.len() / 2).copied().unwrap_or(0.0);
    println!(
        "{:<22} {:>3} {:>12} {:>12} [{:>12} {:>12}] in  error\n{table}",
        "case", "line", "real", "estimate", "low", "high"
    );
    println!(
        "inside: {inside}/{total}; median |error| of layers ≥ 100 kB: {:.1} % ({} layers)",
        median * 100.0,
        rel_errors.len()
    );
    let mut distinct_errors: Vec<f64> = distinct.values().filter_map(|v| v.1).collect();
    distinct_errors.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "distinct layers: inside {}/{}; median |error| of those ≥ 100 kB: {:.1} % ({} layers)",
        distinct.values().filter(|v| v.0).count(),
        distinct.len(),
        distinct_errors
            .get(distinct_errors.len() / 2)
            .copied()
            .unwrap_or(0.0)
            * 100.0,
        distinct_errors.len()
    );
    assert!(total >= 20, "measured layers: {total}");
    assert!(problems.is_empty(), "{}\n{table}", problems.join("\n"));
    // Acceptance: estimated added bytes within ±15 % (median) of the real ones.
    assert!(
        median <= 0.15,
        "median error {:.1} %\n{table}",
        median * 100.0
    );
}
