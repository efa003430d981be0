//! Profiling harness (callgrind): parses every UTF-8 corpus file N times with one parser.
//!
//! `cargo build --profile bench -p stagecraft-syntax --example parse_loop`, then
//! `valgrind --tool=callgrind target/bench/examples/parse_loop stagecraft 5` (or
//! `parse_dockerfile 5`). Instruction counts do not depend on machine load.
//! `parse_loop time 10` prints the wall-clock best of 7 (the native side of benches/wasm).
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::disallowed_methods)] // A dev tool: reads files.
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "stagecraft".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let shared = match std::env::var_os("STAGECRAFT_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(shared.join("conformance/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    paths.sort();
    let files: Vec<String> = paths
        .iter()
        .filter_map(|p| String::from_utf8(std::fs::read(p).unwrap()).ok())
        .collect();
    let total: usize = files.iter().map(String::len).sum();
    let mut count = 0usize;
    if which == "time" {
        // Wall-clock best of 7 runs of `n` parses of the corpus (compare with benches/wasm).
        let mut best = f64::INFINITY;
        for _ in 0..7 {
            let t = std::time::Instant::now();
            for _ in 0..n {
                for f in &files {
                    count += black_box(stagecraft_syntax::parse(black_box(f)))
                        .file
                        .instructions
                        .len();
                }
            }
            best = best.min(t.elapsed().as_secs_f64() * 1e3 / n as f64);
        }
        println!(
            "native: {} files, {total} bytes, best {best:.3} ms/parse, {:.1} MB/s ({count})",
            files.len(),
            total as f64 / best / 1e3
        );
        return;
    }
    for _ in 0..n {
        for f in &files {
            if which == "parse_dockerfile" {
                count += black_box(parse_dockerfile::parse(black_box(f))).is_ok() as usize;
            } else {
                count += black_box(stagecraft_syntax::parse(black_box(f)))
                    .file
                    .instructions
                    .len();
            }
        }
    }
    println!(
        "{which}: {} files, {total} bytes, x{n}, {count}",
        files.len()
    );
}
