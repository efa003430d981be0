//! Word expansion as `sh` does it for the parts we can know statically: quote removal, `~`,
//! `$VAR` / `${VAR:-default}` from known variables, and field splitting of unquoted expansions.
//! Command substitutions and unknown variables keep their text and mark the field dynamic.

use super::lex::{scan_backtick, scan_braces, scan_parens};

/// One expanded word (a "field" in POSIX terms).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Field {
    /// The text after quote removal and expansion.
    pub text: String,
    /// Contains something only known at build time (`$(…)`, an unknown `$VAR`).
    pub dynamic: bool,
    /// Contains an unquoted glob character (`*`, `?`, `[`).
    pub glob: bool,
}

/// Variable lookup for expansion.
pub(crate) trait Vars {
    fn get(&self, name: &str) -> Option<&str>;
}

struct Builder {
    fields: Vec<Field>,
    cur: Field,
    has_content: bool,
}

impl Builder {
    fn push_str(&mut self, s: &str) {
        if !s.is_empty() {
            self.cur.text.push_str(s);
            self.has_content = true;
        }
    }
    fn finish_field(&mut self) {
        if self.has_content {
            self.fields.push(std::mem::take(&mut self.cur));
        }
        self.cur = Field::default();
        self.has_content = false;
    }
    /// An unquoted expansion result: split on blanks into fields.
    fn push_split(&mut self, value: &str) {
        for (k, part) in value.split([' ', '\t', '\n']).enumerate() {
            if k > 0 {
                self.finish_field();
            }
            if part.contains(['*', '?', '[']) {
                self.cur.glob = true;
            }
            self.push_str(part);
        }
    }
    fn push_dynamic(&mut self, raw: &str) {
        self.cur.dynamic = true;
        self.cur.text.push_str(raw);
        self.has_content = true;
    }
}

enum Expansion<'a> {
    Value(String),
    Dynamic(&'a str),
}

/// Expands one raw word into zero or more fields.
pub(crate) fn expand(raw: &str, vars: &dyn Vars, home: &str) -> Vec<Field> {
    let mut b = Builder {
        fields: Vec::new(),
        cur: Field::default(),
        has_content: false,
    };
    let bytes = raw.as_bytes();
    let n = bytes.len();
    let mut i = 0usize;
    if bytes.first() == Some(&b'~') && matches!(bytes.get(1), None | Some(b'/')) {
        b.push_str(home.trim_end_matches('/'));
        if n == 1 && home.trim_end_matches('/').is_empty() {
            b.push_str("/");
        }
        i = 1;
    }
    while i < n {
        match bytes[i] {
            b'\'' => {
                let start = i + 1;
                let mut j = start;
                while j < n && bytes[j] != b'\'' {
                    j += 1;
                }
                b.has_content = true;
                b.push_str(raw.get(start..j).unwrap_or(""));
                i = (j + 1).min(n);
            }
            b'"' => {
                b.has_content = true;
                i = expand_double_quoted(raw, i + 1, vars, &mut b);
            }
            b'\\' => {
                match raw.get(i + 1..).and_then(|s| s.chars().next()) {
                    Some('\n') => {}
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        b.push_str(c.encode_utf8(&mut buf));
                    }
                    None => {}
                }
                i += 1 + raw
                    .get(i + 1..)
                    .and_then(|s| s.chars().next())
                    .map_or(0, char::len_utf8);
            }
            b'$' => {
                let (exp, next) = dollar(raw, i, vars, home);
                match exp {
                    Expansion::Value(v) => b.push_split(&v),
                    Expansion::Dynamic(d) => b.push_dynamic(d),
                }
                i = next;
            }
            b'`' => {
                let end = scan_backtick(bytes, i + 1);
                b.push_dynamic(raw.get(i..end).unwrap_or(""));
                i = end;
            }
            _ => {
                // A run of plain text up to the next quote, escape or expansion (all ASCII,
                // so the run ends on a character boundary).
                let start = i;
                while i < n && !matches!(bytes[i], b'\'' | b'"' | b'\\' | b'$' | b'`') {
                    if matches!(bytes[i], b'*' | b'?' | b'[') {
                        b.cur.glob = true;
                    }
                    i += 1;
                }
                b.push_str(raw.get(start..i).unwrap_or(""));
            }
        }
    }
    b.finish_field();
    b.fields
}

/// [`expand`] appending to `out`; a word without quotes, escapes, expansions or a leading `~`
/// (most words) becomes its one field without the general machinery.
pub(crate) fn expand_into(raw: &str, vars: &dyn Vars, home: &str, out: &mut Vec<Field>) {
    let bytes = raw.as_bytes();
    let tilde = bytes.first() == Some(&b'~') && matches!(bytes.get(1), None | Some(b'/'));
    if !tilde
        && !bytes
            .iter()
            .any(|c| matches!(c, b'\'' | b'"' | b'\\' | b'$' | b'`'))
    {
        if !raw.is_empty() {
            out.push(Field {
                text: raw.to_string(),
                dynamic: false,
                glob: raw.contains(['*', '?', '[']),
            });
        }
        return;
    }
    out.extend(expand(raw, vars, home));
}

/// Expands the inside of a double-quoted string starting at `i`; returns the offset after the
/// closing quote.
fn expand_double_quoted(raw: &str, mut i: usize, vars: &dyn Vars, b: &mut Builder) -> usize {
    let bytes = raw.as_bytes();
    let n = bytes.len();
    while i < n {
        match bytes[i] {
            b'"' => return i + 1,
            b'\\' => match bytes.get(i + 1) {
                Some(b'$' | b'`' | b'"' | b'\\') => {
                    b.push_str(raw.get(i + 1..i + 2).unwrap_or(""));
                    i += 2;
                }
                Some(b'\n') => i += 2,
                _ => {
                    b.push_str("\\");
                    i += 1;
                }
            },
            b'$' => {
                let (exp, next) = dollar(raw, i, vars, "");
                match exp {
                    Expansion::Value(v) => b.push_str(&v),
                    Expansion::Dynamic(d) => b.push_dynamic(d),
                }
                i = next;
            }
            b'`' => {
                let end = scan_backtick(bytes, i + 1);
                b.push_dynamic(raw.get(i..end).unwrap_or(""));
                i = end;
            }
            _ => {
                let start = i;
                while i < n && !matches!(bytes[i], b'"' | b'\\' | b'$' | b'`') {
                    i += 1;
                }
                b.push_str(raw.get(start..i).unwrap_or(""));
            }
        }
    }
    n
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Expands a `$…` at `i` (which holds the `$`).
fn dollar<'a>(raw: &'a str, i: usize, vars: &dyn Vars, home: &str) -> (Expansion<'a>, usize) {
    let bytes = raw.as_bytes();
    let n = bytes.len();
    match bytes.get(i + 1) {
        Some(b'(') => {
            let end = scan_parens(bytes, i + 2);
            (Expansion::Dynamic(raw.get(i..end).unwrap_or("")), end)
        }
        Some(b'{') => {
            let end = scan_braces(bytes, i + 2);
            let whole = raw.get(i..end).unwrap_or("");
            let inner_end = if bytes.get(end.wrapping_sub(1)) == Some(&b'}') && end > i + 2 {
                end - 1
            } else {
                end
            };
            let inner = raw.get(i + 2..inner_end).unwrap_or("");
            (braced(inner, whole, vars, home), end)
        }
        Some(&c) if is_name_start(c) => {
            let mut j = i + 1;
            while j < n && is_name_char(bytes[j]) {
                j += 1;
            }
            let name = raw.get(i + 1..j).unwrap_or("");
            let whole = raw.get(i..j).unwrap_or("");
            match vars.get(name) {
                Some(v) => (Expansion::Value(v.to_string()), j),
                None => (Expansion::Dynamic(whole), j),
            }
        }
        Some(c)
            if c.is_ascii_digit()
                || matches!(c, b'@' | b'*' | b'#' | b'?' | b'$' | b'!' | b'-') =>
        {
            (Expansion::Dynamic(raw.get(i..i + 2).unwrap_or("")), i + 2)
        }
        _ => (Expansion::Value("$".to_string()), i + 1),
    }
}

/// `${…}` forms: plain, `:-`, `-`, `:=`, `=`, `:+`, `+`; anything fancier is dynamic.
fn braced<'a>(inner: &str, whole: &'a str, vars: &dyn Vars, home: &str) -> Expansion<'a> {
    let bytes = inner.as_bytes();
    if bytes.first().is_none_or(|&c| !is_name_start(c)) {
        return Expansion::Dynamic(whole);
    }
    let mut j = 0;
    while j < bytes.len() && is_name_char(bytes[j]) {
        j += 1;
    }
    let name = inner.get(..j).unwrap_or("");
    let rest = inner.get(j..).unwrap_or("");
    let value = vars.get(name);
    let word = |w: &str| -> Expansion<'a> {
        let fields = expand(w, vars, home);
        if fields.iter().any(|f| f.dynamic) {
            Expansion::Dynamic(whole)
        } else {
            Expansion::Value(
                fields
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
    };
    if rest.is_empty() {
        return match value {
            Some(v) => Expansion::Value(v.to_string()),
            None => Expansion::Dynamic(whole),
        };
    }
    let (colon, op_rest) = match rest.strip_prefix(':') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let set = match value {
        Some(v) => !colon || !v.is_empty(),
        None => false,
    };
    match op_rest.as_bytes().first() {
        Some(b'-' | b'=') => {
            if set {
                Expansion::Value(value.unwrap_or("").to_string())
            } else {
                word(op_rest.get(1..).unwrap_or(""))
            }
        }
        Some(b'+') => {
            if set {
                word(op_rest.get(1..).unwrap_or(""))
            } else if value.is_some() || colon {
                Expansion::Value(String::new())
            } else {
                Expansion::Dynamic(whole)
            }
        }
        _ => Expansion::Dynamic(whole),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    impl Vars for BTreeMap<String, String> {
        fn get(&self, name: &str) -> Option<&str> {
            BTreeMap::get(self, name).map(String::as_str)
        }
    }

    fn ex(raw: &str) -> Vec<(String, bool, bool)> {
        let mut vars = BTreeMap::new();
        vars.insert("PKGS".to_string(), "curl  git".to_string());
        vars.insert("V".to_string(), "1.2".to_string());
        vars.insert("EMPTY".to_string(), String::new());
        expand(raw, &vars, "/root")
            .into_iter()
            .map(|f| (f.text, f.dynamic, f.glob))
            .collect()
    }

    #[test]
    fn quotes_and_variables() {
        assert_eq!(ex("'a b'"), [("a b".into(), false, false)]);
        assert_eq!(ex("\"x-$V\""), [("x-1.2".into(), false, false)]);
        assert_eq!(
            ex("$PKGS"),
            [("curl".into(), false, false), ("git".into(), false, false)]
        );
        assert_eq!(ex("\"$PKGS\""), [("curl  git".into(), false, false)]);
        assert_eq!(ex("${NOPE:-d}"), [("d".into(), false, false)]);
        assert_eq!(ex("${EMPTY:-d}"), [("d".into(), false, false)]);
        assert_eq!(ex("${EMPTY-d}"), Vec::<(String, bool, bool)>::new());
        assert_eq!(ex("$NOPE"), [("$NOPE".into(), true, false)]);
        assert_eq!(ex("$(nproc)"), [("$(nproc)".into(), true, false)]);
        assert_eq!(ex("~/.cache"), [("/root/.cache".into(), false, false)]);
        assert_eq!(
            ex("/var/lib/apt/lists/*"),
            [("/var/lib/apt/lists/*".into(), false, true)]
        );
        assert_eq!(ex("''"), [(String::new(), false, false)]);
        assert_eq!(ex("a\\ b"), [("a b".into(), false, false)]);
    }
}
