//! Dockerfile syntax: text → lossless instruction tree with spans, BuildKit's dump format,
//! and BuildKit's shell-word lexing and `${…}` expansion.
//!
//! Parsing never fails: [`parse`] returns a tree and a list of errors.

pub mod diagnostic;

pub use diagnostic::{Diagnostic, Fix, Label, LineIndex, Severity, TextEdit, TextRange};
