//! `stagecraft analyze`.

use std::process::ExitCode;

/// Arguments of `stagecraft analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input Dockerfile, or `-` for standard input.
    pub file: Option<String>,
}

/// Run the subcommand.
pub fn run(_args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    Err("`stagecraft analyze` is not available in this build yet".into())
}
