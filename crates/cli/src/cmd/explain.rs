//! `stagecraft explain`.

use std::process::ExitCode;

/// Arguments of `stagecraft explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input Dockerfile, or `-` for standard input.
    pub file: Option<String>,
}

/// Run the subcommand.
pub fn run(_args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    Err("`stagecraft explain` is not available in this build yet".into())
}
