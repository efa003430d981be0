//! Word expansion for the checks (a thin layer over `stagecraft_syntax::shell`, BuildKit's
//! lexer), the ordered environment BuildKit keeps per stage, and BuildKit's "did you mean"
//! suggestion.

use std::collections::BTreeSet;

use stagecraft_syntax::shell::{Env, Lexer};

/// An ordered list of `KEY=value` pairs; setting a key again replaces its value in place.
#[derive(Debug, Clone, Default)]
pub(crate) struct EnvList {
    pairs: Vec<(String, String)>,
}

impl EnvList {
    pub(crate) fn set(&mut self, key: &str, value: &str) {
        if let Some(p) = self.pairs.iter_mut().find(|(k, _)| k == key) {
            p.1 = value.to_string();
        } else {
            self.pairs.push((key.to_string(), value.to_string()));
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<String> {
        self.lookup(key).map(str::to_string)
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }
}

impl Env for EnvList {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What expanding a word produced.
#[derive(Debug, Clone, Default)]
pub(crate) struct Expansion {
    /// The expanded text.
    pub result: String,
    /// Names that were found.
    pub matched: BTreeSet<String>,
    /// Names that were looked up and not found.
    pub unmatched: Vec<String>,
    /// True when the word did not expand cleanly (BuildKit would return an error).
    pub error: bool,
}

/// Expand `word` like BuildKit's `ProcessWordWithMatches` with escape character `escape`.
/// `process_quotes` is false for heredoc bodies (`SkipProcessQuotes`).
pub(crate) fn expand(word: &str, env: &EnvList, escape: char, process_quotes: bool) -> Expansion {
    let lexer = Lexer::new(escape).with_skip_process_quotes(!process_quotes);
    match lexer.process_word(word, env) {
        Ok(p) => Expansion {
            result: p.value,
            matched: p.matched,
            unmatched: p.unmatched.into_iter().collect(),
            error: false,
        },
        // BuildKit still reports the variables it looked up before the error.
        Err(e) => Expansion {
            result: String::new(),
            matched: e.matched().clone(),
            unmatched: e.unmatched().iter().cloned().collect(),
            error: true,
        },
    }
}

/// BuildKit's `suggest.Search` (case-sensitive): the closest option at Levenshtein distance
/// below 3, or `None` if an option equals `val` or none is close. Ties keep the first option.
pub(crate) fn suggest<'a>(val: &str, options: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<&str> = None;
    let mut min = 3usize;
    for opt in options {
        if opt == val {
            return None;
        }
        let d = levenshtein(val, opt);
        if d < min {
            min = d;
            best = Some(opt);
        }
    }
    best.map(str::to_string)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> EnvList {
        let mut e = EnvList::default();
        for (k, v) in pairs {
            e.set(k, v);
        }
        e
    }

    #[test]
    fn tracks_matches() {
        let e = env(&[("A", "x"), ("E", "")]);
        let r = expand("${A}-$B-${C:-d}-'$D'-\\$F-${E+y}", &e, '\\', true);
        assert_eq!(r.result, "x--d-$D-$F-y");
        assert_eq!(r.unmatched, vec!["B".to_string(), "C".to_string()]);
        assert!(r.matched.contains("A") && r.matched.contains("E"));
        assert!(!r.error);
    }

    #[test]
    fn trims() {
        let e = env(&[("V", "a/b/c")]);
        assert_eq!(expand("${V#*/}", &e, '\\', true).result, "b/c");
        assert_eq!(expand("${V##*/}", &e, '\\', true).result, "c");
        assert_eq!(expand("${V%/*}", &e, '\\', true).result, "a/b");
    }

    #[test]
    fn suggests_like_buildkit() {
        assert_eq!(
            suggest("BULIDPLATFORM", ["BUILDPLATFORM", "TARGETOS"]),
            Some("BUILDPLATFORM".into())
        );
        assert_eq!(
            suggest("DIR_ASSET", ["DIR_BINARIES", "DIR_ASSETS"]),
            Some("DIR_ASSETS".into())
        );
        assert_eq!(suggest("foo", ["PATH"]), None);
    }
}
