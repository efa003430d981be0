//! `analyze`: the whole facade (`stagecraft_analysis::analyze`: parse, lower, graph, simulate,
//! every check) on the same 300-line multi-stage file as `stagecraft-simulate`'s bench — what
//! the playground runs per keystroke. Goal: well under 1 ms native.

#![allow(clippy::unwrap_used)]

#[path = "../../simulate/benches/support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use stagecraft_analysis::{analyze, Options};
use support::big_dockerfile;

// The allocator the native CLI uses (crates/cli/src/main.rs), so the figure is what native
// users run. `examples/profile.rs` keeps the system allocator: its callgrind counts still show
// allocation costs, which the wasm playground (default allocator) pays.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let text = big_dockerfile();
    let options = Options::default();
    c.bench_function("analysis_300_lines", |b| {
        b.iter(|| analyze(&text, &options))
    });
    // The checks alone, on a finished simulation: tells how much of the facade is the
    // check crate's share.
    let a = analyze(&text, &options);
    let check_options = stagecraft_check::CheckOptions {
        target: None,
        build_args: Vec::new(),
        all_stages: false,
        dockerignore: None,
    };
    c.bench_function("check_300_lines", |b| {
        b.iter(|| stagecraft_check::check_simulated(&text, &a.parse, &check_options, &a.simulation))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
