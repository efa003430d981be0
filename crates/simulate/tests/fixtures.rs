//! Annotated Dockerfile fixtures, discovered by glob: `tests/fixtures/*/Dockerfile`, with an
//! optional `context/` directory next to it. Expectations are comments in the Dockerfile:
//!
//! ```text
//! RUN apt-get update && apt-get install -y gcc
//! # ^ added: 60MB..120MB          bytes the layer of the instruction above adds
//! # ^ effects: apt_update apt_install   effect kinds it must contain
//! # ^ unknown | # ^ known        whether some effect could not be sized from facts
//! # final size: 100MB..300MB     final image size estimate
//! # final tools: gcc make        tools present (names)      # final no-tools: go
//! # final files: /usr/bin/app    paths present (prefix)     # final no-files: /root/.cache
//! # final caches: apt_lists      cache kinds present        # final no-caches
//! # final secrets: API_TOKEN     secret names present
//! ```

#![allow(clippy::disallowed_methods, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use stagecraft_simulate::{context::is_manifest_name, Context, ContextFile, Simulation};

fn parse_size(s: &str) -> u64 {
    let s = s.trim();
    let (num, mult) = if let Some(n) = s.strip_suffix("GB") {
        (n, 1e9)
    } else if let Some(n) = s.strip_suffix("MB") {
        (n, 1e6)
    } else if let Some(n) = s.strip_suffix("kB") {
        (n, 1e3)
    } else {
        (s.strip_suffix('B').unwrap_or(s), 1.0)
    };
    (num.parse::<f64>()
        .unwrap_or_else(|_| panic!("bad size {s}"))
        * mult) as u64
}

fn parse_bounds(s: &str) -> (u64, u64) {
    let (a, b) = s.split_once("..").expect("LOW..HIGH");
    (parse_size(a), parse_size(b))
}

fn read_context(dir: &Path) -> Option<Context> {
    if !dir.is_dir() {
        return None;
    }
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
            let rel = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read(&p).unwrap();
            // `NAME.size` files stand for a file of that many bytes (keeps fixtures small).
            if let Some(name) = rel.strip_suffix(".size") {
                let n: u64 = String::from_utf8_lossy(&text).trim().parse().unwrap();
                files.push(ContextFile {
                    path: name.to_string(),
                    size: n,
                });
                continue;
            }
            if is_manifest_name(&rel) {
                manifests.insert(rel.clone(), String::from_utf8_lossy(&text).into_owned());
            }
            files.push(ContextFile {
                path: rel,
                size: text.len() as u64,
            });
        }
    }
    let ignore = manifests.get(".dockerignore").cloned();
    Some(Context::new(files, manifests, ignore.as_deref()))
}

/// Checks one fixture; returns the failed expectations.
fn check(text: &str, sim: &Simulation) -> Vec<String> {
    let mut fails = Vec::new();
    let fin = sim.final_image.as_ref().expect("a final image");
    // Layers by line, across stages.
    let layers: BTreeMap<u32, &stagecraft_simulate::LayerInfo> = sim
        .stages
        .iter()
        .flat_map(|s| s.layers.iter())
        .map(|l| (l.line, l))
        .collect();
    let mut last_instruction_line = 0u32;
    let mut in_continuation = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let t = raw.trim();
        if let Some(rest) = t.strip_prefix("# ^ ") {
            let layer = layers.get(&last_instruction_line);
            let Some(layer) = layer else {
                fails.push(format!(
                    "line {line_no}: no layer for line {last_instruction_line}"
                ));
                continue;
            };
            if let Some(b) = rest.strip_prefix("added:") {
                let (lo, hi) = parse_bounds(b);
                if !(lo..=hi).contains(&layer.added.estimate) {
                    fails.push(format!(
                        "line {line_no}: added {:?} not in {b}",
                        layer.added
                    ));
                }
            } else if let Some(k) = rest.strip_prefix("effects:") {
                for kind in k.split_whitespace() {
                    if !layer.effects.iter().any(|e| e.kind == kind) {
                        let have: Vec<&str> = layer.effects.iter().map(|e| e.kind).collect();
                        fails.push(format!("line {line_no}: effect {kind} missing ({have:?})"));
                    }
                }
            } else if rest.trim() == "unknown" || rest.trim() == "known" {
                let any = layer.effects.iter().any(|e| e.unknown);
                if any != (rest.trim() == "unknown") {
                    fails.push(format!(
                        "line {line_no}: expected {rest}, effects {:?}",
                        layer.effects
                    ));
                }
            } else {
                fails.push(format!("line {line_no}: unknown marker {rest}"));
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("# final ") {
            let (key, val) = rest
                .split_once(':')
                .map_or((rest.trim(), ""), |(k, v)| (k.trim(), v.trim()));
            let words: Vec<&str> = val.split_whitespace().collect();
            let tools: Vec<&str> = fin.tools.iter().map(|t| &*t.name).collect();
            let caches: Vec<&str> = fin.caches.iter().map(|c| c.kind.as_str()).collect();
            match key {
                "size" => {
                    let (lo, hi) = parse_bounds(val);
                    if !(lo..=hi).contains(&fin.size.estimate) {
                        fails.push(format!(
                            "line {line_no}: final size {:?} not in {val}",
                            fin.size
                        ));
                    }
                }
                "tools" => words.iter().filter(|w| !tools.contains(w)).for_each(|w| {
                    fails.push(format!("line {line_no}: tool {w} missing ({tools:?})"))
                }),
                "no-tools" => words
                    .iter()
                    .filter(|w| tools.contains(w))
                    .for_each(|w| fails.push(format!("line {line_no}: tool {w} present"))),
                "files" => words
                    .iter()
                    .filter(|w| !fin.files.iter().any(|f| f.path.starts_with(**w)))
                    .for_each(|w| {
                        fails.push(format!(
                            "line {line_no}: file {w} missing ({:?})",
                            fin.files.iter().map(|f| &f.path).collect::<Vec<_>>()
                        ))
                    }),
                "no-files" => words
                    .iter()
                    .filter(|w| fin.files.iter().any(|f| f.path.starts_with(**w)))
                    .for_each(|w| fails.push(format!("line {line_no}: file {w} present"))),
                "caches" => words.iter().filter(|w| !caches.contains(w)).for_each(|w| {
                    fails.push(format!("line {line_no}: cache {w} missing ({caches:?})"))
                }),
                "no-caches" => {
                    if !caches.is_empty() {
                        fails.push(format!("line {line_no}: caches present {caches:?}"));
                    }
                }
                "secrets" => words
                    .iter()
                    .filter(|w| !fin.secrets.iter().any(|s| s.name.ends_with(**w)))
                    .for_each(|w| fails.push(format!("line {line_no}: secret {w} missing"))),
                _ => fails.push(format!("line {line_no}: unknown final marker {key}")),
            }
            continue;
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if !in_continuation {
            last_instruction_line = line_no;
        }
        in_continuation = t.ends_with('\\');
    }
    fails
}

#[test]
fn annotated_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("Dockerfile").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 8, "fixtures found: {}", dirs.len());
    let mut report = Vec::new();
    for d in &dirs {
        let text = std::fs::read_to_string(d.join("Dockerfile")).unwrap();
        let ctx = read_context(&d.join("context"));
        let sim = common::simulate(&text, ctx.as_ref());
        for f in check(&text, &sim) {
            report.push(format!("{}: {f}", d.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
