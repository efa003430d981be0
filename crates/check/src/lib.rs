//! Findings: BuildKit's build-check rules and stagecraft's multi-stage and size rules,
//! each a [`stagecraft_syntax::Diagnostic`] with help and, where mechanical, a fix.
