//! BuildKit's dump format (`Node.Dump()`), with Go's `strconv.Quote` semantics.

use crate::ast::{Args, Command, Dockerfile, Flag, Instruction, Word};
use crate::go;
use crate::print_table::PRINT_RANGES;

/// Go's `unicode.IsPrint`.
pub(crate) fn is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x100 {
        return (0x20..0x7f).contains(&u) || (u >= 0xa1 && u != 0xad);
    }
    let i = PRINT_RANGES.partition_point(|&(_, hi)| hi < u);
    PRINT_RANGES.get(i).is_some_and(|&(lo, _)| lo <= u)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Append `s` quoted exactly as Go's `strconv.Quote` does.
pub fn quote_into(out: &mut String, s: &[u8]) {
    out.push('"');
    let mut pos = 0;
    while pos < s.len() {
        let b = s[pos];
        if b < 0x80 {
            pos += 1;
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                0x20..=0x7e => out.push(b as char),
                0x07 => out.push_str("\\a"),
                0x08 => out.push_str("\\b"),
                0x0c => out.push_str("\\f"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                0x0b => out.push_str("\\v"),
                _ => {
                    out.push_str("\\x");
                    out.push(HEX[(b >> 4) as usize] as char);
                    out.push(HEX[(b & 15) as usize] as char);
                }
            }
            continue;
        }
        let (c, w) = go::decode_rune(s, pos);
        if w == 1 {
            out.push_str("\\x");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
            pos += 1;
            continue;
        }
        pos += w;
        if is_print(c) {
            out.push(c);
            continue;
        }
        let u = c as u32;
        if u < 0x10000 {
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((u >> shift) & 15) as usize] as char);
            }
        } else {
            out.push_str("\\U");
            for shift in [28, 24, 20, 16, 12, 8, 4, 0] {
                out.push(HEX[((u >> shift) & 15) as usize] as char);
            }
        }
    }
    out.push('"');
}

/// `s` quoted as Go's `strconv.Quote` does.
pub fn go_quote(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    out
}

/// The whole file: one line per instruction.
pub(crate) fn dump_file(file: &Dockerfile) -> String {
    let mut out = String::new();
    for ins in &file.instructions {
        out.push('(');
        dump_into(&mut out, ins);
        out.push_str(")\n");
    }
    out
}

/// One instruction without the surrounding parentheses.
pub(crate) fn dump_instruction(ins: &Instruction) -> String {
    let mut out = String::new();
    dump_into(&mut out, ins);
    out
}

/// ` ["--a" "--b"]` as Go's `%q` prints a `[]string` (nothing if there are no flags).
pub(crate) fn flags_into(out: &mut String, flags: &[Flag]) {
    if flags.is_empty() {
        return;
    }
    out.push_str(" [");
    for (i, f) in flags.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        quote_into(out, f.text.as_bytes());
    }
    out.push(']');
}

fn word(out: &mut String, w: &Word) {
    out.push(' ');
    quote_into(out, w.as_bytes());
}

fn words(out: &mut String, ws: &[Word]) {
    for w in ws {
        word(out, w);
    }
}

fn command(out: &mut String, c: &Option<Command>) {
    match c {
        Some(Command::Exec(ws)) => words(out, ws),
        Some(Command::Shell(w)) => word(out, w),
        None => {}
    }
}

fn dump_into(out: &mut String, ins: &Instruction) {
    // Nested ONBUILDs are dumped iteratively: `(onbuild (onbuild (run "x")))`.
    let mut cur = ins;
    let mut closing = 0usize;
    let start = out.len();
    loop {
        out.push_str(&go::to_lower(cur.keyword.as_bytes()));
        flags_into(out, &cur.flags);
        match &cur.args {
            Args::From { words: ws }
            | Args::Copy { words: ws, .. }
            | Args::Add { words: ws, .. }
            | Args::Volume { words: ws, .. }
            | Args::Expose { words: ws } => words(out, ws),
            Args::Run { command: c }
            | Args::Cmd { command: c }
            | Args::Entrypoint { command: c }
            | Args::Shell { command: c } => command(out, c),
            Args::Arg { decls } => {
                for d in decls {
                    word(out, &d.word);
                }
            }
            Args::Env { pairs } | Args::Label { pairs } => {
                for p in pairs {
                    word(out, &p.key);
                    word(out, &p.value);
                    out.push_str(if p.legacy { " \"\"" } else { " \"=\"" });
                }
            }
            Args::User { value }
            | Args::Workdir { value }
            | Args::Stopsignal { value }
            | Args::Maintainer { value } => {
                if let Some(v) = value {
                    word(out, v);
                }
            }
            Args::Healthcheck { kind, command: c } => {
                if let Some(k) = kind {
                    word(out, k);
                }
                command(out, c);
            }
            Args::Onbuild { body } => {
                if let Some(o) = &cur.onbuild_overflow {
                    out.push(' ');
                    out.push_str(o);
                }
                if let Some(b) = body {
                    out.push_str(" (");
                    closing += 1;
                    cur = b;
                    continue;
                }
            }
            Args::Unknown => out.push_str(" \"\""),
        }
        break;
    }
    for _ in 0..closing {
        out.push(')');
    }
    // Go trims the node's dump; only an empty keyword can leave leading or trailing space.
    let trimmed_start = out[start..].len() - out[start..].trim_start_matches(go_space).len();
    if trimmed_start > 0 {
        out.replace_range(start..start + trimmed_start, "");
    }
    let keep = out[start..].trim_end_matches(go_space).len();
    out.truncate(start + keep);
}

fn go_space(c: char) -> bool {
    go::is_space(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_like_go() {
        assert_eq!(go_quote(b"a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote(b"\t\x01\x7f"), r#""\t\x01\x7f""#);
        assert_eq!(go_quote("café 🐳".as_bytes()), "\"café 🐳\"");
        assert_eq!(
            go_quote("\u{a0}\u{ad}\u{200b}".as_bytes()),
            r#""\u00a0\u00ad\u200b""#
        );
        assert_eq!(go_quote(b"\xff\xe2\x82"), r#""\xff\xe2\x82""#);
        assert_eq!(
            go_quote("\u{e000}\u{f0000}".as_bytes()),
            r#""\ue000\U000f0000""#
        );
    }
}
