//! `analyze`: parse + lower + simulate a 300-line multi-stage Dockerfile (goal: well under 1 ms).

#![allow(clippy::unwrap_used)]

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use stagecraft_model::{lower, BuildOptions};
use support::big_dockerfile;

fn bench(c: &mut Criterion) {
    let text = big_dockerfile();
    assert!(
        (280..=320).contains(&text.lines().count()),
        "{} lines",
        text.lines().count()
    );
    let parse = stagecraft_syntax::parse(&text);
    let model = lower(&parse, &BuildOptions::default());
    c.bench_function("simulate_300_lines", |b| {
        b.iter(|| stagecraft_simulate::run(&parse, &model, None))
    });
    c.bench_function("analyze_300_lines", |b| {
        b.iter(|| {
            let parse = stagecraft_syntax::parse(&text);
            let model = lower(&parse, &BuildOptions::default());
            stagecraft_simulate::run(&parse, &model, None)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
