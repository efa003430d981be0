//! `parse` benchmark: stagecraft's lossless parser against the `parse-dockerfile` crate over
//! the same input, the concatenated UTF-8 corpus files (throughput in bytes).
//!
//! `STAGECRAFT_SHARED` overrides where `shared/` is.

#![allow(clippy::disallowed_methods)] // The benchmark reads the corpus.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn corpus_text() -> String {
    let shared = match std::env::var_os("STAGECRAFT_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let dir = shared.join("conformance/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    paths.sort();
    let mut text = String::new();
    for p in paths {
        let bytes = std::fs::read(&p).expect("read");
        if let Ok(s) = String::from_utf8(bytes) {
            // Each file is parsed on its own below; keep them apart.
            text.push_str(&s);
            text.push('\0');
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus_text();
    let files: Vec<&str> = text.split('\0').filter(|s| !s.is_empty()).collect();
    let total: usize = files.iter().map(|f| f.len()).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("stagecraft", |b| {
        b.iter(|| {
            for f in &files {
                black_box(stagecraft_syntax::parse(black_box(f)));
            }
        })
    });
    group.bench_function("parse_dockerfile", |b| {
        b.iter(|| {
            for f in &files {
                let _ = black_box(parse_dockerfile::parse(black_box(f)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
