#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The seed scenarios of issue 7 item 8 (from /work/shared/seeds): the right files and tools
//! reach the final image, and sizes are in the right place.

mod common;

use common::{simulate, MB};
use stagecraft_simulate::{Context, ContextFile, FileSource};
use std::collections::BTreeMap;

fn ctx(files: &[(&str, &str)]) -> Context {
    let mut manifests = BTreeMap::new();
    let files = files
        .iter()
        .map(|(p, content)| {
            if stagecraft_simulate::context::is_manifest_name(p) {
                manifests.insert(p.to_string(), content.to_string());
            }
            ContextFile {
                path: p.to_string(),
                size: content.len() as u64,
            }
        })
        .collect();
    Context::new(files, manifests, None)
}

fn tool_names(sim: &stagecraft_simulate::Simulation) -> Vec<String> {
    sim.final_image
        .as_ref()
        .unwrap()
        .tools
        .iter()
        .map(|t| t.name.to_string())
        .collect()
}

#[test]
fn go_builder_to_alpine() {
    let text = "FROM golang:1.20 AS builder\nWORKDIR /app\nCOPY . .\nRUN go build -o myapp\n\nFROM alpine:latest\nCOPY --from=builder /app/myapp /usr/local/bin/myapp\nCMD [\"myapp\"]\n";
    let c = ctx(&[
        ("main.go", "package main\nfunc main() {}\n"),
        ("go.mod", "module example.com/hello\n\ngo 1.20\n"),
    ]);
    let sim = simulate(text, Some(&c));
    let fin = sim.final_image.as_ref().unwrap();
    assert_eq!(fin.stage, 1);
    // The binary from the builder, and nothing else from it.
    let from_builder: Vec<&str> = fin
        .files
        .iter()
        .filter(|f| f.source == FileSource::Stage(0))
        .map(|f| &*f.path)
        .collect();
    assert_eq!(from_builder, ["/usr/local/bin/myapp"]);
    let bin = fin
        .files
        .iter()
        .find(|f| &*f.path == "/usr/local/bin/myapp")
        .unwrap();
    assert_eq!(
        bin.why.len(),
        2,
        "COPY --from, then go build: {:?}",
        bin.why
    );
    assert_eq!(bin.why[1].line, 4);
    // No Go toolchain.
    let tools = tool_names(&sim);
    assert!(!tools.iter().any(|t| t == "go" || t == "gcc"), "{tools:?}");
    // ≈ alpine + binary: well under 100 MB, far below the builder.
    assert!(fin.size.estimate < 40 * MB, "{:?}", fin.size);
    assert!(sim.stages[0].size.estimate > 10 * fin.size.estimate);
    assert!(fin.caches.is_empty());
}

#[test]
fn python39_with_build_essential_keeps_compilers() {
    let text = "FROM python:3.9\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /app\nRUN make /app\nCMD [\"python\", \"/app/app.py\"]\n";
    let sim = simulate(
        text,
        Some(&ctx(&[("app.py", "print(1)\n"), ("Makefile", "all:\n")])),
    );
    let tools = tool_names(&sim);
    for t in ["gcc", "make", "g++", "python3", "pip"] {
        assert!(tools.iter().any(|x| x == t), "{t} missing from {tools:?}");
    }
    let fin = sim.final_image.as_ref().unwrap();
    let gcc = fin.tools.iter().find(|t| &*t.name == "gcc").unwrap();
    assert_eq!(gcc.kind, stagecraft_simulate::ToolKind::Compiler);
    assert!(gcc.is_build_tool());
    let pip = fin.tools.iter().find(|t| &*t.name == "pip").unwrap();
    assert_eq!(pip.kind, stagecraft_simulate::ToolKind::PackageManager);
    assert!(!pip.is_build_tool());
    assert_eq!(
        gcc.why[0].line, 1,
        "python:3.9 already ships gcc: {:?}",
        gcc.why
    );
    // apt lists were not removed: a cache in the final image.
    assert!(fin.caches.iter().any(|c| c.kind == "apt_lists"));
}

#[test]
fn python_slim_builder_copies_site_packages() {
    let text = "FROM python:3.10-slim-buster AS builder\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n\nFROM python:3.10-slim\nWORKDIR /app\nCOPY --from=builder /usr/local/lib/python3.10/site-packages /usr/local/lib/python3.10/site-packages\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n";
    let sim = simulate(
        text,
        Some(&ctx(&[
            ("requirements.txt", "flask\n"),
            ("app.py", "import flask\n"),
        ])),
    );
    let fin = sim.final_image.as_ref().unwrap();
    let flask = fin
        .files
        .iter()
        .find(|f| {
            f.path
                .starts_with("/usr/local/lib/python3.10/site-packages/")
                && f.what.to_lowercase().starts_with("flask ")
        })
        .unwrap_or_else(|| {
            panic!(
                "flask not in final files: {:#?}",
                fin.files.iter().map(|f| &f.path).collect::<Vec<_>>()
            )
        });
    assert_eq!(flask.source, FileSource::Stage(0));
    assert_eq!(flask.why[1].line, 4);
    // Its dependencies came along too.
    assert!(fin
        .files
        .iter()
        .any(|f| f.what.to_lowercase().starts_with("werkzeug ")));
    assert!(fin.caches.is_empty(), "--no-cache-dir: {:?}", fin.caches);
    assert!(fin
        .files
        .iter()
        .any(|f| &*f.path == "/app/app.py" && f.source == FileSource::Context(true)));
    assert!(!tool_names(&sim).iter().any(|t| t == "gcc"));
}

#[test]
fn node18_runtime_has_npm_yarn_and_toolchain() {
    let text = "FROM node:18 AS builder\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\nRUN npm run build\n\nFROM node:18\nCOPY --from=builder /app/dist ./dist\nCMD [\"node\", \"./dist/server.js\"]\n";
    let sim = simulate(text, None);
    let tools = tool_names(&sim);
    for t in ["npm", "yarn", "gcc", "make", "git", "python3"] {
        assert!(tools.iter().any(|x| x == t), "{t} missing from {tools:?}");
    }
    let fin = sim.final_image.as_ref().unwrap();
    // The final image is node:18 itself plus dist: hundreds of MB.
    assert!(fin.size.estimate > 300 * MB, "{:?}", fin.size);
    assert!(fin.files.iter().any(|f| f.path.starts_with("/dist")));
    assert!(!fin.files.iter().any(|f| f.path.contains("node_modules")));
}

#[test]
fn later_deletion_does_not_shrink_but_same_layer_does() {
    let split = "FROM debian:bookworm-slim\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n";
    let joined = "FROM debian:bookworm-slim\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n";
    let a = simulate(split, None);
    let b = simulate(joined, None);
    let fa = a.final_image.as_ref().unwrap();
    let fb = b.final_image.as_ref().unwrap();
    assert!(fa.caches.is_empty() && fb.caches.is_empty());
    assert!(
        fa.size.estimate > fb.size.estimate + 15 * MB,
        "{:?} vs {:?}",
        fa.size,
        fb.size
    );
    assert_eq!(b.stages[0].layers[0].added.estimate, 0);
}

#[test]
fn chown_in_a_later_layer_copies_up() {
    let text =
        "FROM debian:bookworm-slim\nCOPY big.bin /data/big.bin\nRUN chown -R 1000:1000 /data\n";
    let c = ctx(&[("big.bin", &"x".repeat(3_000_000))]);
    let sim = simulate(text, Some(&c));
    let layers = &sim.stages[0].layers;
    assert_eq!(layers[0].added.estimate, 3_000_000);
    assert!(
        layers[1].added.estimate >= 3_000_000,
        "{:?}",
        layers[1].added
    );
    // --chown on the COPY instead costs nothing extra.
    let text2 = "FROM debian:bookworm-slim\nCOPY --chown=1000:1000 big.bin /data/big.bin\n";
    let sim2 = simulate(text2, Some(&c));
    assert!(
        sim2.final_image.unwrap().size.estimate + 2_900_000
            < sim.final_image.unwrap().size.estimate
    );
}

#[test]
fn cache_mounts_add_nothing() {
    let with = "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n";
    let without =
        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n";
    let c = ctx(&[("requirements.txt", "requests\n")]);
    let a = simulate(with, Some(&c));
    let b = simulate(without, Some(&c));
    assert!(a.final_image.as_ref().unwrap().caches.is_empty());
    assert!(b
        .final_image
        .as_ref()
        .unwrap()
        .caches
        .iter()
        .any(|c| c.kind == "pip" && c.path == "/root/.cache/pip"));
}

#[test]
fn secrets_are_flagged() {
    let text = "FROM alpine\nARG GITHUB_TOKEN\nENV API_KEY=abc\nCOPY . /app\n";
    let c = ctx(&[(".env", "X=1"), ("keys/id_rsa", "k"), ("main.py", "")]);
    let sim = simulate(text, Some(&c));
    let s: Vec<(String, String)> = sim
        .final_image
        .unwrap()
        .secrets
        .into_iter()
        .map(|s| (s.kind, s.name))
        .collect();
    assert!(s.contains(&("arg".into(), "GITHUB_TOKEN".into())));
    assert!(s.contains(&("env".into(), "API_KEY".into())));
    assert!(s.contains(&("file".into(), "/app/.env".into())));
    assert!(s.contains(&("file".into(), "/app/keys/id_rsa".into())));
}
