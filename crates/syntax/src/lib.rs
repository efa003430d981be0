//! Dockerfile syntax: text → lossless instruction tree with spans, BuildKit's dump format,
//! and BuildKit's shell-word lexing and `${…}` expansion.
//!
//! Parsing never fails: [`parse`] returns a tree and a list of errors.
//!
//! The parser re-does BuildKit's `frontend/dockerfile/parser` step by step (line scanner with
//! its 64 KiB limit, `# syntax=`/`# escape=`/`# check=` directives, continuation and comment
//! handling, flags, the per-instruction argument rules, JSON exec form with Go's JSON
//! semantics, heredocs), so the values, the dump ([`Dockerfile::dump`]) and the errors
//! ([`Parse::rejection`]) are BuildKit's. On top of that every byte of the input belongs to
//! exactly one [`Instruction::range`] or [`Trivia::range`].
//!
//! ```
//! use stagecraft_syntax::{parse, Command, Keyword};
//!
//! let p = parse("FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache \\\n    go build ./...\nCOPY --from=build /out /app\n");
//! assert!(p.is_ok());
//! let run = &p.file.instructions[1];
//! assert_eq!(run.kind, Keyword::Run);
//! assert_eq!(run.flag("mount").and_then(|f| f.mount_option("target")).as_deref(), Some("/root/.cache"));
//! assert!(matches!(run.args.command(), Some(Command::Shell(w)) if w.text == "go build ./..."));
//! let from = p.file.froms().next().unwrap();
//! assert_eq!(from.args.from_stage_name().map(|w| w.as_str()), Some("build"));
//! assert_eq!(p.file.dump().lines().last(), Some(r#"(copy ["--from=build"] "/out" "/app")"#));
//! ```

mod ast;
pub mod case;
mod case_table;
mod csv;
pub mod diagnostic;
mod dump;
mod go;
mod heredoc_lex;
mod json;
pub mod json_value;
mod parser;
mod print_table;
pub mod shell;
pub mod sort;

pub use ast::{
    ArgDecl, Args, Command, Directive, Dockerfile, Flag, Heredoc, Instruction, KeyValue, Keyword,
    KeywordText, MountOption, Parse, Rejection, SharedText, Trivia, TriviaKind, Word,
};
pub use diagnostic::{Diagnostic, Fix, Label, LineIndex, Severity, TextEdit, TextRange};
pub use dump::go_quote;
pub use json::write_json_string;
pub use parser::{parse, parse_bytes, NO_EMPTY_CONTINUATION, PARSE_ERROR};
