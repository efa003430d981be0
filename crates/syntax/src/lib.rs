//! Dockerfile syntax: text → lossless instruction tree with spans, BuildKit's dump format,
//! and BuildKit's shell-word lexing and `${…}` expansion.
//!
//! Parsing never fails: [`parse`] returns a tree and a list of errors.

mod ast;
mod csv;
pub mod diagnostic;
mod dump;
mod go;
mod heredoc_lex;
mod json;
mod parser;
mod print_table;
pub mod shell;

pub use ast::{
    ArgDecl, Args, Command, Directive, Dockerfile, Flag, Heredoc, Instruction, KeyValue, Keyword,
    MountOption, Parse, Rejection, Trivia, TriviaKind, Word,
};
pub use diagnostic::{Diagnostic, Fix, Label, LineIndex, Severity, TextEdit, TextRange};
pub use dump::go_quote;
pub use parser::{parse, parse_bytes, NO_EMPTY_CONTINUATION, PARSE_ERROR};
