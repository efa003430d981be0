//! Reading a Dockerfile from a path or `-` (stdin), with clear errors for the usual mistakes.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Larger inputs are refused rather than risking the terminal or the machine.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Why an input could not be read. Displayed as a one-line message; exit code 2.
#[derive(Debug)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// A Dockerfile read into memory, with the name to show in messages.
#[derive(Debug)]
pub struct Input {
    /// Path as given, or `<stdin>`.
    pub name: String,
    /// The text (valid UTF-8).
    pub text: String,
}

/// Read the raw bytes of `path` (`-` is stdin).
pub fn read_bytes(path: &str) -> Result<(String, Vec<u8>), InputError> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| InputError(format!("<stdin>: cannot read: {e}")))?;
        if buf.len() as u64 > MAX_INPUT_BYTES {
            return Err(InputError(format!(
                "<stdin>: input is larger than {MAX_INPUT_BYTES} bytes"
            )));
        }
        return Ok(("<stdin>".to_string(), buf));
    }
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError(format!("{path}: no such file")),
        std::io::ErrorKind::PermissionDenied => InputError(format!("{path}: permission denied")),
        _ => InputError(format!("{path}: cannot read: {e}")),
    })?;
    if meta.is_dir() {
        return Err(InputError(format!(
            "{path}: is a directory (pass the Dockerfile inside it, e.g. {}/Dockerfile)",
            path.trim_end_matches('/')
        )));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(InputError(format!(
            "{path}: file is {} bytes, larger than the {MAX_INPUT_BYTES}-byte limit",
            meta.len()
        )));
    }
    let bytes = std::fs::read(p).map_err(|e| InputError(format!("{path}: cannot read: {e}")))?;
    Ok((path.to_string(), bytes))
}

/// Read `path` (`-` is stdin) as UTF-8 text.
pub fn read(path: &str) -> Result<Input, InputError> {
    let (name, bytes) = read_bytes(path)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input { name, text }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let col = at
                - bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            Err(InputError(format!(
                "{name}:{line}:{col}: not valid UTF-8 (byte offset {at}); stagecraft reads UTF-8 Dockerfiles"
            )))
        }
    }
}

/// `--build-arg` values as `docker build` reads them, in order: `NAME=VALUE`, or `NAME` alone
/// to take the value from the environment (skipped when unset). An empty name is an error.
pub fn build_args(raw: &[String]) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::with_capacity(raw.len());
    for a in raw {
        match a.split_once('=') {
            Some(("", _)) => {
                return Err(InputError(format!("invalid --build-arg {a:?}: empty name")))
            }
            Some((k, v)) => out.push((k.to_string(), v.to_string())),
            None => {
                if let Ok(v) = std::env::var(a) {
                    out.push((a.clone(), v));
                }
            }
        }
    }
    Ok(out)
}
