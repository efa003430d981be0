//! `stagecraft dump`: BuildKit's reference parse dump of a Dockerfile.
//!
//! The file is read as bytes, like BuildKit does, so files that are not UTF-8 dump exactly as
//! BuildKit dumps them (`\xNN` escapes). Where BuildKit rejects the file: nothing on stdout,
//! `FILE:LINE:COL: message` on stderr, exit code 1. Unreadable input: exit code 2.

use crate::input;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Arguments of `stagecraft dump`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input Dockerfile, or `-` for standard input.
    pub file: Option<String>,
}

/// Run the subcommand.
pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let path = match args.file {
        Some(p) => p,
        None if !std::io::stdin().is_terminal() => "-".to_string(),
        None => {
            return Err("no input: pass a Dockerfile path, or `-` to read standard input".into())
        }
    };
    let (name, bytes) = input::read_bytes(&path)?;
    let parse = stagecraft_syntax::parse_bytes(&bytes);
    match &parse.rejection {
        Some(rejection) => {
            let (line, col) = line_col(&bytes, rejection.range.start);
            eprintln!("{name}:{line}:{col}: {}", rejection.message);
            Ok(ExitCode::from(1))
        }
        None => {
            let dump = parse.file.dump();
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            match out.write_all(dump.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(e) => Err(format!("cannot write output: {e}").into()),
            }
        }
    }
}

/// 1-based line and 1-based column (in characters; an invalid byte counts as one) of `offset`.
fn line_col(bytes: &[u8], offset: u32) -> (usize, usize) {
    let offset = (offset as usize).min(bytes.len());
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col(b"FROM a\nENV x", 7), (2, 1));
        // `x` is byte 5, but the second character of its line.
        assert_eq!(line_col("é\néx".as_bytes(), 5), (2, 2));
        assert_eq!(line_col(b"", 0), (1, 1));
    }
}
