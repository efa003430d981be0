//! Shared helpers for the simulation tests.

#![allow(dead_code, clippy::unwrap_used)]

use stagecraft_model::{lower, BuildOptions};
use stagecraft_simulate::{run, Context, Simulation};

/// Parse, lower and simulate `text` for the last stage.
pub fn simulate(text: &str, ctx: Option<&Context>) -> Simulation {
    let parse = stagecraft_syntax::parse(text);
    let model = lower(&parse, &BuildOptions::default());
    run(&parse, &model, ctx)
}

pub const MB: u64 = 1_000_000;
