//! A small, quoting-aware shell lexer: enough of POSIX `sh` to split a RUN script into simple
//! commands and words. It is not a shell: it never fails, never panics and runs in linear time,
//! and anything it does not understand ends up as plain words (and later as an unknown effect).

/// A control operator between simple commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` or `;;`
    Semi,
    /// `|` or `|&`
    Pipe,
    /// `&` (background)
    Amp,
    /// A newline.
    Newline,
    /// `(`
    LParen,
    /// `)`
    RParen,
}

/// A redirection operator (`>`, `>>`, `<`, `<<`, `&>`, `2>`, `>&` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Redir {
    /// Writes (truncating) the target: `>`, `>|`, `&>`, `1>`.
    Out,
    /// Appends to the target: `>>`, `&>>`.
    Append,
    /// Writes a non-stdout descriptor (`2>`): the file is still created.
    OutOther,
    /// Reads the target: `<`, `<>`.
    In,
    /// Here-document `<<` / `<<-`: the target word is the delimiter.
    HereDoc,
    /// Here-string `<<<`.
    HereString,
    /// Duplicates a descriptor (`>&2`, `2>&1`): the target is a descriptor, not a file.
    Dup,
}

/// One token of the script, with byte offsets into the lexed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    /// A word as written (quotes and `$` still in it).
    Word { raw: &'a str, start: u32, end: u32 },
    /// A control operator.
    Op { op: Op, start: u32 },
    /// A redirection operator; the next word is its target.
    Redir { redir: Redir, start: u32 },
}

fn is_meta(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

/// Splits `src` into tokens. Here-document bodies are skipped (they are data, not commands).
pub(crate) fn lex(src: &str) -> Vec<Tok<'_>> {
    let bytes = src.as_bytes();
    let n = bytes.len();
    let mut toks = Vec::new();
    let mut i = 0usize;
    // Delimiters of here-documents whose bodies start after the next newline.
    let mut pending_heredocs: Vec<(String, bool)> = Vec::new();
    let mut expect_heredoc_delim: Option<bool> = None;
    while i < n {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if i + 1 < n && bytes[i + 1] == b'\n' => i += 2,
            b'\\' if i + 2 < n && bytes[i + 1] == b'\r' && bytes[i + 2] == b'\n' => i += 3,
            b'#' => {
                while i < n && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'\n' => {
                toks.push(Tok::Op {
                    op: Op::Newline,
                    start: i as u32,
                });
                i += 1;
                for (delim, strip_tabs) in std::mem::take(&mut pending_heredocs) {
                    i = skip_heredoc_body(bytes, i, &delim, strip_tabs);
                }
            }
            b'&' | b'|' | b';' | b'(' | b')' | b'<' | b'>' => {
                let start = i as u32;
                let next = bytes.get(i + 1).copied();
                let next2 = bytes.get(i + 2).copied();
                let (tok, len) = match (b, next, next2) {
                    (b'&', Some(b'&'), _) => (Tok::Op { op: Op::And, start }, 2),
                    (b'&', Some(b'>'), Some(b'>')) => (
                        Tok::Redir {
                            redir: Redir::Append,
                            start,
                        },
                        3,
                    ),
                    (b'&', Some(b'>'), _) => (
                        Tok::Redir {
                            redir: Redir::Out,
                            start,
                        },
                        2,
                    ),
                    (b'&', _, _) => (Tok::Op { op: Op::Amp, start }, 1),
                    (b'|', Some(b'|'), _) => (Tok::Op { op: Op::Or, start }, 2),
                    (b'|', Some(b'&'), _) => (
                        Tok::Op {
                            op: Op::Pipe,
                            start,
                        },
                        2,
                    ),
                    (b'|', _, _) => (
                        Tok::Op {
                            op: Op::Pipe,
                            start,
                        },
                        1,
                    ),
                    (b';', Some(b';'), _) => (
                        Tok::Op {
                            op: Op::Semi,
                            start,
                        },
                        2,
                    ),
                    (b';', _, _) => (
                        Tok::Op {
                            op: Op::Semi,
                            start,
                        },
                        1,
                    ),
                    (b'(', _, _) => (
                        Tok::Op {
                            op: Op::LParen,
                            start,
                        },
                        1,
                    ),
                    (b')', _, _) => (
                        Tok::Op {
                            op: Op::RParen,
                            start,
                        },
                        1,
                    ),
                    (b'<', Some(b'<'), Some(b'<')) => (
                        Tok::Redir {
                            redir: Redir::HereString,
                            start,
                        },
                        3,
                    ),
                    (b'<', Some(b'<'), Some(b'-')) => {
                        expect_heredoc_delim = Some(true);
                        (
                            Tok::Redir {
                                redir: Redir::HereDoc,
                                start,
                            },
                            3,
                        )
                    }
                    (b'<', Some(b'<'), _) => {
                        expect_heredoc_delim = Some(false);
                        (
                            Tok::Redir {
                                redir: Redir::HereDoc,
                                start,
                            },
                            2,
                        )
                    }
                    (b'<', Some(b'&'), _) => (
                        Tok::Redir {
                            redir: Redir::Dup,
                            start,
                        },
                        2,
                    ),
                    (b'<', Some(b'>'), _) => (
                        Tok::Redir {
                            redir: Redir::In,
                            start,
                        },
                        2,
                    ),
                    (b'<', _, _) => (
                        Tok::Redir {
                            redir: Redir::In,
                            start,
                        },
                        1,
                    ),
                    (b'>', Some(b'>'), _) => (
                        Tok::Redir {
                            redir: Redir::Append,
                            start,
                        },
                        2,
                    ),
                    (b'>', Some(b'&'), _) => (
                        Tok::Redir {
                            redir: Redir::Dup,
                            start,
                        },
                        2,
                    ),
                    (b'>', Some(b'|'), _) => (
                        Tok::Redir {
                            redir: Redir::Out,
                            start,
                        },
                        2,
                    ),
                    _ => (
                        Tok::Redir {
                            redir: Redir::Out,
                            start,
                        },
                        1,
                    ),
                };
                toks.push(tok);
                i += len;
            }
            _ => {
                let start = i;
                i = scan_word(bytes, i);
                // Guarantee progress even on odd input.
                if i == start {
                    i += 1;
                }
                let raw = src.get(start..i).unwrap_or("");
                // `2>` / `1>>` / `2>&1`: a descriptor number glued to a redirection.
                if raw.bytes().all(|c| c.is_ascii_digit())
                    && matches!(bytes.get(i), Some(b'>') | Some(b'<'))
                {
                    let is_stdout = raw == "1";
                    let (redir, len) = match (bytes.get(i), bytes.get(i + 1)) {
                        (Some(b'>'), Some(b'>')) => (Redir::Append, 2),
                        (Some(b'>'), Some(b'&')) => (Redir::Dup, 2),
                        (Some(b'<'), Some(b'&')) => (Redir::Dup, 2),
                        (Some(b'>'), _) => (
                            if is_stdout {
                                Redir::Out
                            } else {
                                Redir::OutOther
                            },
                            1,
                        ),
                        _ => (Redir::In, 1),
                    };
                    toks.push(Tok::Redir {
                        redir,
                        start: start as u32,
                    });
                    i += len;
                    continue;
                }
                if let Some(strip_tabs) = expect_heredoc_delim.take() {
                    pending_heredocs.push((unquote_delim(raw), strip_tabs));
                }
                toks.push(Tok::Word {
                    raw,
                    start: start as u32,
                    end: i as u32,
                });
            }
        }
    }
    toks
}

/// The here-document delimiter with its quotes removed (`'EOF'`, `"EOF"`, `\EOF` → `EOF`).
fn unquote_delim(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, '\'' | '"' | '\\'))
        .collect()
}

/// Skips a here-document body starting at `i` (the start of a line); returns the offset after the
/// delimiter line, or the end of input if the delimiter never comes.
fn skip_heredoc_body(bytes: &[u8], mut i: usize, delim: &str, strip_tabs: bool) -> usize {
    let n = bytes.len();
    while i < n {
        let line_start = i;
        while i < n && bytes[i] != b'\n' {
            i += 1;
        }
        let mut line = &bytes[line_start..i];
        if strip_tabs {
            while let [b'\t', rest @ ..] = line {
                line = rest;
            }
        }
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        if i < n {
            i += 1;
        }
        if line == delim.as_bytes() {
            return i;
        }
    }
    i
}

/// Scans one word starting at `i`; returns the offset one past its end.
fn scan_word(bytes: &[u8], mut i: usize) -> usize {
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        if is_meta(b) {
            break;
        }
        match b {
            b'\\' => {
                if i + 1 < n && bytes[i + 1] == b'\n' {
                    // Line continuation inside a word joins the two halves.
                    i += 2;
                } else {
                    i = (i + 2).min(n);
                }
            }
            b'\'' => {
                i += 1;
                while i < n && bytes[i] != b'\'' {
                    i += 1;
                }
                i = (i + 1).min(n);
            }
            b'"' => i = scan_double_quoted(bytes, i + 1),
            b'`' => i = scan_backtick(bytes, i + 1),
            b'$' if bytes.get(i + 1) == Some(&b'(') => i = scan_parens(bytes, i + 2),
            b'$' if bytes.get(i + 1) == Some(&b'{') => i = scan_braces(bytes, i + 2),
            _ => i += 1,
        }
    }
    i
}

/// From just after an opening `"`; returns the offset after the closing quote.
pub(crate) fn scan_double_quoted(bytes: &[u8], mut i: usize) -> usize {
    let n = bytes.len();
    while i < n {
        match bytes[i] {
            b'"' => return i + 1,
            b'\\' => i = (i + 2).min(n),
            b'`' => i = scan_backtick(bytes, i + 1),
            b'$' if bytes.get(i + 1) == Some(&b'(') => i = scan_parens(bytes, i + 2),
            b'$' if bytes.get(i + 1) == Some(&b'{') => i = scan_braces(bytes, i + 2),
            _ => i += 1,
        }
    }
    n
}

/// From just after an opening backtick; returns the offset after the closing one.
pub(crate) fn scan_backtick(bytes: &[u8], mut i: usize) -> usize {
    let n = bytes.len();
    while i < n {
        match bytes[i] {
            b'`' => return i + 1,
            b'\\' => i = (i + 2).min(n),
            _ => i += 1,
        }
    }
    n
}

/// From just after `$(`; returns the offset after the matching `)`. Quotes inside are honoured.
pub(crate) fn scan_parens(bytes: &[u8], i: usize) -> usize {
    scan_nested(bytes, i, b'(', b')', true)
}

/// From just after `${`; returns the offset after the matching `}`.
pub(crate) fn scan_braces(bytes: &[u8], i: usize) -> usize {
    scan_nested(bytes, i, b'{', b'}', false)
}

/// From just after an opening `open`; returns the offset after the matching `close`, skipping
/// escapes, quoted strings and (when `backticks`) backtick substitutions.
fn scan_nested(bytes: &[u8], mut i: usize, open: u8, close: u8, backticks: bool) -> usize {
    let n = bytes.len();
    let mut depth = 1u32;
    while i < n {
        match bytes[i] {
            b if b == open => {
                depth += 1;
                i += 1;
            }
            b if b == close => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return i;
                }
            }
            b'\\' => i = (i + 2).min(n),
            b'\'' => {
                i += 1;
                while i < n && bytes[i] != b'\'' {
                    i += 1;
                }
                i = (i + 1).min(n);
            }
            b'"' => i = scan_double_quoted(bytes, i + 1),
            b'`' if backticks => i = scan_backtick(bytes, i + 1),
            _ => i += 1,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(src: &str) -> Vec<String> {
        lex(src)
            .into_iter()
            .map(|t| match t {
                Tok::Word { raw, .. } => raw.to_string(),
                Tok::Op { op, .. } => format!("<{op:?}>"),
                Tok::Redir { redir, .. } => format!("[{redir:?}]"),
            })
            .collect()
    }

    #[test]
    fn splits_operators_and_quotes() {
        assert_eq!(
            words("apt-get update && apt-get install -y 'a b' \"c $(d e)\"; rm -rf x|tar x"),
            [
                "apt-get",
                "update",
                "<And>",
                "apt-get",
                "install",
                "-y",
                "'a b'",
                "\"c $(d e)\"",
                "<Semi>",
                "rm",
                "-rf",
                "x",
                "<Pipe>",
                "tar",
                "x"
            ]
        );
    }

    #[test]
    fn redirections_and_heredocs() {
        assert_eq!(
            words("echo hi > /etc/x 2>&1\ncat <<EOF > f\nrm -rf /\nEOF\nls"),
            [
                "echo",
                "hi",
                "[Out]",
                "/etc/x",
                "[Dup]",
                "1",
                "<Newline>",
                "cat",
                "[HereDoc]",
                "EOF",
                "[Out]",
                "f",
                "<Newline>",
                "ls"
            ]
        );
    }

    #[test]
    fn continuation_and_comments() {
        assert_eq!(words("a \\\n b # c && d\ne"), ["a", "b", "<Newline>", "e"]);
    }

    #[test]
    fn unterminated_constructs_do_not_hang() {
        for src in [
            "'abc", "\"abc", "$(abc", "${abc", "`abc", "a\\", "<<", "<<EOF\nx",
        ] {
            let _ = lex(src);
        }
    }
}
