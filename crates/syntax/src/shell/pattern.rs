//! BuildKit's shell patterns (`${V#pat}`, `${V%pat}`, `${V/pat/repl}`) and their matching.
//!
//! BuildKit turns a pattern into a Go regular expression (`*` → `.*` or `.*?`, `?` → `.`, the
//! rest literal) and lets Go's leftmost-first engine find the match. We compile the same tiny
//! language to a list of tokens and run a Pike VM with thread priorities, which gives exactly
//! Go's leftmost-first answer in O(len(value) × len(pattern)) — never exponential — and charges
//! every thread step to a work budget shared by the whole word.

use super::unicode::{in_table, DIGIT, LETTER};

/// One element of a compiled pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// This exact character.
    Lit(char),
    /// `?`: any one character except `\n` (Go's `.`).
    Any,
    /// `*`: any run of characters without `\n` (Go's `.*` / `.*?`).
    Star,
}

/// Work budget exhausted: the pattern × value product is too large to match in reasonable time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TooComplex;

/// Why a pattern could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PatternError {
    /// BuildKit's `invalid escape '\x'` (the text after "invalid pattern (...) in substitution: ").
    Invalid(String),
    /// Our own limit; BuildKit would keep going.
    TooComplex,
}

impl From<TooComplex> for PatternError {
    fn from(_: TooComplex) -> Self {
        PatternError::TooComplex
    }
}

/// A compiled pattern.
#[derive(Debug)]
pub(super) struct Pattern {
    toks: Vec<Tok>,
    /// `*` prefers the longest run (`##`, `%%`, `/`) instead of the shortest (`#`, `%`).
    greedy: bool,
    /// Only a match starting at offset 0 counts (Go's `^`).
    anchored: bool,
    /// VM scratch space, reused by successive searches (`//` searches once per match).
    cur: Threads,
    next: Threads,
    pending: Vec<usize>,
    /// Step counter; it keeps growing across searches so old marks never look current.
    stamp: u64,
}

impl Pattern {
    /// Compiles `pattern` the way BuildKit's `convertShellPatternToRegex` reads it.
    ///
    /// `\` escapes only `*`, `?` and `\`; before `}` or `/` it is dropped (it was only there to
    /// keep the character inside `${…}`); any other escape is an error. Like Go's text scanner,
    /// a leading U+FEFF is skipped.
    pub(super) fn compile(pattern: &str, greedy: bool, anchored: bool) -> Result<Self, String> {
        let body = pattern.strip_prefix('\u{FEFF}').unwrap_or(pattern);
        let mut toks = Vec::with_capacity(body.len());
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' => toks.push(Tok::Star),
                '?' => toks.push(Tok::Any),
                '\\' => {
                    if matches!(chars.peek(), Some('}' | '/')) {
                        continue;
                    }
                    match chars.next() {
                        Some(e @ ('*' | '?' | '\\')) => toks.push(Tok::Lit(e)),
                        Some(e) => return Err(format!("invalid escape '\\{e}'")),
                        // Go formats EOF (-1) with %c as U+FFFD.
                        None => return Err("invalid escape '\\\u{FFFD}'".to_string()),
                    }
                }
                other => toks.push(Tok::Lit(other)),
            }
        }
        let states = toks.len() + 1;
        Ok(Pattern {
            toks,
            greedy,
            anchored,
            cur: Threads::new(states),
            next: Threads::new(states),
            pending: Vec::new(),
            stamp: 0,
        })
    }

    /// The leftmost-first match at or after byte `from` of `hay`, as a byte range.
    pub(super) fn find(
        &mut self,
        hay: &str,
        from: usize,
        budget: &mut u64,
    ) -> Result<Option<(usize, usize)>, TooComplex> {
        let Pattern {
            toks,
            greedy,
            anchored,
            cur,
            next,
            pending,
            stamp,
        } = self;
        let (toks, greedy, anchored) = (toks.as_slice(), *greedy, *anchored);
        cur.list.clear();
        next.list.clear();
        *stamp += 1;
        let mut matched: Option<(usize, usize)> = None;
        let mut pos = from;
        loop {
            if cur.list.is_empty() && (matched.is_some() || (anchored && pos != 0)) {
                break;
            }
            if matched.is_none() && (pos == 0 || !anchored) {
                // A new attempt starting here, with the lowest priority.
                cur.add(toks, greedy, pending, 0, pos, *stamp);
            }
            let c = hay.get(pos..).and_then(|rest| rest.chars().next());
            for i in 0..cur.list.len() {
                *budget = budget.checked_sub(1).ok_or(TooComplex)?;
                let Some(&(state, start)) = cur.list.get(i) else {
                    break;
                };
                let Some(tok) = toks.get(state) else {
                    // The match state: first-match mode keeps it and drops lower priorities.
                    matched = Some((start, pos));
                    break;
                };
                let Some(c) = c else { continue };
                let to = match *tok {
                    Tok::Lit(l) => (l == c).then_some(state + 1),
                    Tok::Any => (c != '\n').then_some(state + 1),
                    Tok::Star => (c != '\n').then_some(state),
                };
                if let Some(to) = to {
                    next.add(toks, greedy, pending, to, start, *stamp + 1);
                }
            }
            // Stamps only grow, also across searches, so old marks never look current.
            *stamp += 1;
            let Some(c) = c else { break };
            cur.list.clear();
            std::mem::swap(cur, next);
            pos += c.len_utf8();
        }
        Ok(matched)
    }
}

/// A Pike VM thread list: `(state, start offset)` in priority order, plus the step stamp of
/// each state so a state is added at most once per step.
#[derive(Debug)]
struct Threads {
    list: Vec<(usize, usize)>,
    seen: Vec<u64>,
}

impl Threads {
    fn new(states: usize) -> Self {
        Threads {
            list: Vec::new(),
            seen: vec![0; states],
        }
    }

    /// Adds `state` and everything reachable from it without consuming input, in Go's
    /// priority order: a greedy `*` first tries to consume, a lazy one first tries to skip.
    /// A state already added this step was reached by a higher-priority thread, so this path
    /// adds nothing further.
    fn add(
        &mut self,
        toks: &[Tok],
        greedy: bool,
        pending: &mut Vec<usize>,
        state: usize,
        start: usize,
        stamp: u64,
    ) {
        pending.clear();
        let mut s = state;
        while let Some(mark) = self.seen.get_mut(s) {
            if *mark == stamp {
                break;
            }
            *mark = stamp;
            if toks.get(s) == Some(&Tok::Star) {
                if greedy {
                    self.list.push((s, start));
                } else {
                    pending.push(s);
                }
                s += 1;
            } else {
                // A consuming token, or the match state (s == toks.len()).
                self.list.push((s, start));
                break;
            }
        }
        // Lazy stars consume only after everything behind them was tried.
        while let Some(p) = pending.pop() {
            self.list.push((p, start));
        }
    }
}

/// `${V#pat}` / `${V##pat}`: `value` without its shortest / longest prefix matching `pattern`.
pub(super) fn trim_prefix(
    pattern: &str,
    value: &str,
    greedy: bool,
    budget: &mut u64,
) -> Result<String, PatternError> {
    let mut re = Pattern::compile(pattern, greedy, true).map_err(PatternError::Invalid)?;
    match re.find(value, 0, budget)? {
        Some((_, end)) => Ok(value.get(end..).unwrap_or_default().to_string()),
        None => Ok(value.to_string()),
    }
}

/// `${V%pat}` / `${V%%pat}`: BuildKit reverses pattern and value and trims a prefix, which is
/// why an error message shows the pattern reversed.
pub(super) fn trim_suffix(
    pattern: &str,
    value: &str,
    greedy: bool,
    budget: &mut u64,
) -> Result<String, PatternError> {
    let reversed = reverse_pattern(pattern);
    let value: String = value.chars().rev().collect();
    let trimmed = trim_prefix(&reversed, &value, greedy, budget)?;
    Ok(trimmed.chars().rev().collect())
}

/// Reverses a pattern by characters but keeps each `\x` pair in order (`a\*c` → `c\*a`).
/// A trailing lone `\` ends up first.
pub(super) fn reverse_pattern(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut pieces: Vec<&[char]> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let width = if chars.get(i) == Some(&'\\') && i + 1 < chars.len() {
            2
        } else {
            1
        };
        if let Some(piece) = chars.get(i..i + width) {
            pieces.push(piece);
        }
        i += width;
    }
    pieces.iter().rev().flat_map(|p| p.iter()).collect()
}

/// `${V/pat/repl}`: the first match replaced by `repl`, taken literally.
pub(super) fn replace_first(
    pattern: &mut Pattern,
    value: &str,
    repl: &str,
    budget: &mut u64,
) -> Result<String, TooComplex> {
    Ok(match pattern.find(value, 0, budget)? {
        Some((s, e)) => {
            let mut out = String::with_capacity(value.len() + repl.len());
            out.push_str(value.get(..s).unwrap_or_default());
            out.push_str(repl);
            out.push_str(value.get(e..).unwrap_or_default());
            out
        }
        None => value.to_string(),
    })
}

/// `${V//pat/repl}`: Go's `ReplaceAllString`, including its treatment of empty matches and its
/// `$` template expansion of `repl` (`$0` is the whole match, `$$` a dollar, other names empty).
pub(super) fn replace_all(
    pattern: &mut Pattern,
    value: &str,
    repl: &str,
    budget: &mut u64,
) -> Result<String, TooComplex> {
    let mut out = String::with_capacity(value.len());
    let mut last_end = 0;
    let mut search = 0;
    while search <= value.len() {
        let Some((s, e)) = pattern.find(value, search, budget)? else {
            break;
        };
        out.push_str(value.get(last_end..s).unwrap_or_default());
        // No replacement for an empty match right after the previous match.
        if e > last_end || s == 0 {
            expand(&mut out, repl, value.get(s..e).unwrap_or_default());
        }
        last_end = e;
        let width = value
            .get(search..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        if search + width > e {
            search += width;
        } else if search + 1 > e {
            search += 1;
        } else {
            search = e;
        }
    }
    out.push_str(value.get(last_end..).unwrap_or_default());
    Ok(out)
}

/// Go's `Regexp.Expand` for a regexp without capture groups.
fn expand(out: &mut String, template: &str, whole: &str) {
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        out.push_str(rest.get(..i).unwrap_or_default());
        rest = rest.get(i + 1..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        match extract(rest) {
            Some((name, after)) => {
                if name == "0" {
                    out.push_str(whole);
                }
                // Every other group number or name does not exist: it expands to nothing.
                rest = after;
            }
            None => out.push('$'),
        }
    }
    out.push_str(rest);
}

/// Go's template name reader: `name` or `{name}` with letters, digits and `_`.
fn extract(s: &str) -> Option<(&str, &str)> {
    let (braced, body) = match s.strip_prefix('{') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let len: usize = body
        .chars()
        .take_while(|&c| in_table(c, LETTER) || in_table(c, DIGIT) || c == '_')
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let name = body.get(..len)?;
    let mut after = body.get(len..)?;
    if braced {
        after = after.strip_prefix('}')?;
    }
    Some((name, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(p: &str, greedy: bool, anchored: bool, hay: &str) -> Option<(usize, usize)> {
        let mut budget = u64::MAX;
        Pattern::compile(p, greedy, anchored)
            .unwrap()
            .find(hay, 0, &mut budget)
            .unwrap()
    }

    #[test]
    fn leftmost_first_semantics() {
        assert_eq!(find("*", true, true, "abc"), Some((0, 3)));
        assert_eq!(find("*", false, true, "abc"), Some((0, 0)));
        assert_eq!(find("*x*y", false, true, "xxyy"), Some((0, 3)));
        assert_eq!(find("*x*y", true, true, "xxyy"), Some((0, 4)));
        assert_eq!(find("b", true, false, "abcb"), Some((1, 2)));
        assert_eq!(find("b", true, true, "abcb"), None);
        // `.` and `.*` do not cross newlines, a literal newline does.
        assert_eq!(find("a*", true, false, "ab\nc"), Some((0, 2)));
        assert_eq!(find("?", true, false, "\nx"), Some((1, 2)));
        assert_eq!(find("\n", true, false, "a\nb"), Some((1, 2)));
    }

    #[test]
    fn compile_errors_match_buildkit() {
        assert_eq!(
            Pattern::compile("\\x", true, true).unwrap_err(),
            "invalid escape '\\x'"
        );
        assert_eq!(
            Pattern::compile("\\", true, true).unwrap_err(),
            "invalid escape '\\\u{FFFD}'"
        );
        assert!(Pattern::compile("\\\\\\", true, true).is_err());
        assert!(Pattern::compile("(()[]{\\}^$.\\*\\?|\\\\", true, true).is_ok());
    }

    #[test]
    fn reverse_keeps_escapes() {
        for (p, want) in [
            ("a\\*c", "c\\*a"),
            ("\\\\\\ab", "b\\a\\\\"),
            ("ab\\", "\\ba"),
            ("👽\\🚀🖖", "🖖\\🚀👽"),
            ("\\\\b", "b\\\\"),
        ] {
            assert_eq!(reverse_pattern(p), want, "{p}");
        }
    }

    #[test]
    fn replace_all_follows_go() {
        let mut b = u64::MAX;
        let mut empty = Pattern::compile("", true, false).unwrap();
        assert_eq!(replace_all(&mut empty, "ab", "-", &mut b).unwrap(), "-a-b-");
        let mut star = Pattern::compile("*", true, false).unwrap();
        assert_eq!(
            replace_all(&mut star, "ab\ncd", "X", &mut b).unwrap(),
            "X\nX"
        );
        let mut a = Pattern::compile("a", true, false).unwrap();
        assert_eq!(
            replace_all(&mut a, "banana", "[$0$$$x${0}$]", &mut b).unwrap(),
            "b[a$a$]n[a$a$]n[a$a$]"
        );
    }

    #[test]
    fn budget_is_enforced() {
        let mut p = Pattern::compile("*a*a*a*a*", true, false).unwrap();
        let hay = "ab".repeat(50_000);
        let mut budget = 1_000;
        assert_eq!(replace_all(&mut p, &hay, "x", &mut budget), Err(TooComplex));
    }
}
