//! Runs one phase of the analysis of the 300-line bench file N times, for
//! `valgrind --tool=callgrind` (instruction counts are stable on a loaded machine, wall time
//! is not): `profile <full|sim|check|parse> [N]`. Per-run cost = (count(N) − count(1)) / (N − 1),
//! which leaves out the one-off warm-up (knowledge tables, memo caches).

#![allow(clippy::unwrap_used)]
// A developer tool, not the core: it reads its arguments.
#![allow(clippy::disallowed_methods, clippy::print_stdout, clippy::print_stderr)]

#[path = "../../simulate/benches/support/mod.rs"]
mod support;

use stagecraft_analysis::{analyze, Options};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "full".into());
    let n: u32 = args.next().map_or(1, |s| s.parse().unwrap());
    let text = support::big_dockerfile();
    let options = Options::default();
    let a = analyze(&text, &options);
    let check_options = stagecraft_check::CheckOptions {
        target: None,
        build_args: Vec::new(),
        all_stages: false,
        dockerignore: None,
    };
    for _ in 0..n {
        match what.as_str() {
            "full" => drop(black_box(analyze(black_box(&text), &options))),
            "sim" => {
                let parse = stagecraft_syntax::parse(black_box(&text));
                let model = stagecraft_model::lower(&parse, &options.build_options());
                drop(black_box(stagecraft_simulate::run(&parse, &model, None)));
            }
            "simonly" => drop(black_box(stagecraft_simulate::run(
                &a.parse, &a.model, None,
            ))),
            "check" => drop(black_box(stagecraft_check::check_simulated(
                &text,
                &a.parse,
                &check_options,
                &a.simulation,
            ))),
            "parse" => drop(black_box(stagecraft_syntax::parse(black_box(&text)))),
            // The text itself, to feed the CLI.
            "text" => print!("{text}"),
            other => panic!("unknown phase {other}"),
        }
    }
}
