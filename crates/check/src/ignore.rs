//! `.dockerignore` patterns as moby's `patternmatcher` reads and matches them, for
//! CopyIgnoredFile.

/// A parsed `.dockerignore`.
#[derive(Debug, Clone, Default)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    text: String,
    exclusion: bool,
    parts: Vec<String>,
}

/// `path.Clean` for slash-separated paths.
pub(crate) fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    // Already clean (the usual case): no empty, `.` or `..` segment but a leading `/`.
    let plain = p == "/"
        || p.split('/')
            .enumerate()
            .all(|(i, s)| !matches!(s, "." | "..") && (!s.is_empty() || (i == 0 && rooted)))
            && !p.ends_with('/');
    if plain {
        return p.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

impl DockerIgnore {
    /// Parse the file's text (comments, blank lines and `!` exceptions as Docker reads them).
    pub fn parse(text: &str) -> DockerIgnore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.starts_with('#') {
                continue;
            }
            let mut p = line.trim();
            if p.is_empty() {
                continue;
            }
            let mut exclusion = false;
            if let Some(rest) = p.strip_prefix('!') {
                exclusion = true;
                p = rest.trim();
                if p.is_empty() {
                    continue;
                }
            }
            let mut c = clean(p);
            if c.len() > 1 && c.starts_with('/') {
                c.remove(0);
            }
            let parts = c.split('/').map(str::to_string).collect();
            patterns.push(Pattern {
                text: c,
                exclusion,
                parts,
            });
        }
        DockerIgnore { patterns }
    }

    /// True if any pattern is a `!` exception (BuildKit then skips CopyIgnoredFile).
    pub fn has_exclusions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// True if a non-exception pattern is `*`, `**` or `**/*`: the whole context root is ignored.
    pub fn root_ignored(&self) -> bool {
        self.patterns
            .iter()
            .any(|p| !p.exclusion && matches!(p.text.as_str(), "*" | "**" | "**/*"))
    }

    /// `MatchesOrParentMatches`: does `path` (cleaned, slash-separated) or one of its parent
    /// directories match, taking exceptions into account in order?
    pub fn matches_or_parent(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').collect();
        let mut matched = false;
        for p in &self.patterns {
            // An exception can only flip a match, a pattern only set one.
            if p.exclusion != matched {
                continue;
            }
            let mut hit = glob_path(&p.parts, &parts);
            if !hit && parts.len() > 1 {
                hit = (1..parts.len()).any(|n| glob_path(&p.parts, &parts[..n]));
            }
            if hit {
                matched = !p.exclusion;
            }
        }
        matched
    }
}

/// Match path segments against pattern segments, `**` spanning any number of segments.
fn glob_path(pat: &[String], path: &[&str]) -> bool {
    match pat.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|i| glob_path(rest, &path[i..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((seg, prest)) => {
                glob_seg(first.as_bytes(), seg.as_bytes()) && glob_path(rest, prest)
            }
            None => false,
        },
    }
}

/// One path segment against a `filepath.Match` pattern (`*`, `?`, `[…]`, `\` escapes).
fn glob_seg(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|i| glob_seg(rest, &s[i..])),
        Some((b'?', rest)) => !s.is_empty() && glob_seg(rest, &s[1..]),
        Some((b'[', rest)) => {
            let Some((&c, srest)) = s.split_first() else {
                return false;
            };
            let Some(close) = rest.iter().position(|&b| b == b']') else {
                return false;
            };
            let (class, after) = (&rest[..close], &rest[close + 1..]);
            let (negate, class) = match class.split_first() {
                Some((b'^', r)) => (true, r),
                _ => (false, class),
            };
            let mut hit = false;
            let mut i = 0;
            while i < class.len() {
                if i + 2 < class.len() && class[i + 1] == b'-' {
                    if class[i] <= c && c <= class[i + 2] {
                        hit = true;
                    }
                    i += 3;
                } else {
                    if class[i] == c {
                        hit = true;
                    }
                    i += 1;
                }
            }
            hit != negate && glob_seg(after, srest)
        }
        Some((b'\\', rest)) if !rest.is_empty() => {
            s.first() == rest.first() && glob_seg(&rest[1..], &s[1..])
        }
        Some((c, rest)) => s.first() == Some(c) && glob_seg(rest, &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_like_go() {
        assert_eq!(clean("./tmp/x"), "tmp/x");
        assert_eq!(clean("a/../b/"), "b");
        assert_eq!(clean("/"), "/");
        assert_eq!(clean("."), ".");
    }

    #[test]
    fn matches_patterns_and_parents() {
        let d = DockerIgnore::parse("*/tmp/*\nDockerfile\n# c\nnode_modules\n");
        assert!(d.matches_or_parent("x/tmp/a.txt"));
        assert!(!d.matches_or_parent("tmp/a.txt"));
        assert!(d.matches_or_parent("Dockerfile"));
        assert!(d.matches_or_parent("node_modules/x/y"));
        assert!(!d.has_exclusions());
        let d = DockerIgnore::parse("**\n!Dockerfile\n");
        assert!(d.has_exclusions());
        assert!(DockerIgnore::parse("**/*.log").matches_or_parent("a/b/c.log"));
    }
}
