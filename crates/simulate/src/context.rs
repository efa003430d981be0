//! The virtual build context: file paths with sizes and the contents of dependency manifests.
//! Pure data, so the CLI (`--context DIR`) and the web app feed it the same way.

use std::collections::BTreeMap;

/// One file of the build context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextFile {
    /// Path relative to the context root, `/`-separated, no leading `./`.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
}

/// The build context as `docker build` sends it (after `.dockerignore`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Context {
    /// Files, sorted by path.
    pub files: Vec<ContextFile>,
    /// Contents of dependency manifests by context path (`requirements.txt`,
    /// `app/package-lock.json`, …).
    pub manifests: BTreeMap<String, String>,
    /// Whether these are all the context's files (`--context DIR`, a picked folder). A partial
    /// context (files pasted into the playground) sizes what it has and leaves every other
    /// source unknown instead of treating it as missing.
    pub complete: bool,
    /// Bytes that local archives extract to, by context path (what `ADD vendor.tar.gz /x/`
    /// writes), when the reader could measure them (the CLI can decompress the archive);
    /// without an entry the simulation estimates from the archive's size.
    pub archives: BTreeMap<String, u64>,
}

/// File names whose contents the simulation reads (manifests and lock files).
pub fn is_manifest_name(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    (base.starts_with("requirements") && base.ends_with(".txt"))
        || matches!(
            base,
            "pyproject.toml"
                | "poetry.lock"
                | "uv.lock"
                | "package.json"
                | "package-lock.json"
                | "npm-shrinkwrap.json"
                | "yarn.lock"
                | "pnpm-lock.yaml"
                | "go.mod"
                | "go.sum"
                | "Cargo.toml"
                | "Cargo.lock"
                | ".dockerignore"
        )
}

impl Context {
    /// A context from all files under the root and the `.dockerignore` text (if any):
    /// excluded files are dropped exactly as BuildKit's file sender does.
    pub fn new(
        files: Vec<ContextFile>,
        manifests: BTreeMap<String, String>,
        dockerignore: Option<&str>,
    ) -> Context {
        let rules = dockerignore.map(parse_dockerignore).unwrap_or_default();
        let mut files: Vec<ContextFile> = files
            .into_iter()
            .map(|f| ContextFile {
                path: clean_rel(&f.path),
                size: f.size,
            })
            .filter(|f| !f.path.is_empty() && !is_ignored(&rules, &f.path))
            .collect();
        stagecraft_syntax::sort::sort_by(&mut files, |a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        let manifests = manifests
            .into_iter()
            .map(|(k, v)| (clean_rel(&k), v))
            .filter(|(k, _)| !is_ignored(&rules, k) || k == ".dockerignore")
            .collect();
        Context {
            files,
            manifests,
            complete: true,
            archives: BTreeMap::new(),
        }
    }

    /// The same files, marked as only part of the context.
    pub fn partial(self) -> Context {
        Context {
            complete: false,
            ..self
        }
    }

    /// Files matched by a COPY source pattern, as `(file, path relative to the matched
    /// source root)`: a directory source yields its contents; a file yields its name.
    pub fn matching(&self, pattern: &str) -> Vec<(&ContextFile, String)> {
        let pat = clean_rel(pattern);
        let mut out = Vec::new();
        if pat.is_empty() {
            for f in &self.files {
                out.push((f, f.path.clone()));
            }
            return out;
        }
        let depth = pat.split('/').count();
        for f in &self.files {
            let comps: Vec<&str> = f.path.split('/').collect();
            if pat.contains("**") {
                if glob_match_path(&pat, &f.path) {
                    out.push((f, comps.last().copied().unwrap_or("").to_string()));
                }
                continue;
            }
            if comps.len() < depth {
                continue;
            }
            let head = comps.get(..depth).unwrap_or(&[]).join("/");
            if glob_match_path(&pat, &head) {
                let rest = comps.get(depth..).unwrap_or(&[]).join("/");
                let rel = if rest.is_empty() {
                    comps.last().copied().unwrap_or("").to_string()
                } else if pat.contains(['*', '?', '[']) {
                    // A wildcard matching a directory copies the directory's contents.
                    rest
                } else {
                    rest
                };
                out.push((f, rel));
            }
        }
        out
    }

    /// True when `pattern` names a directory (or the root) rather than a single file.
    pub fn is_dir(&self, pattern: &str) -> bool {
        let pat = clean_rel(pattern);
        if pat.is_empty() {
            return true;
        }
        self.files.iter().any(|f| {
            f.path
                .strip_prefix(pat.as_str())
                .is_some_and(|r| r.starts_with('/'))
        })
    }
}

/// `./a/../b/` → `b`; leading `/` and `..` that would leave the root are dropped (BuildKit
/// confines sources to the context).
pub fn clean_rel(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Go `filepath.Match` for one path component (`*`, `?`, `[…]`, `\` escapes). Returns false on
/// a malformed pattern, as a non-match.
pub fn glob_match(pat: &str, name: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let s: Vec<char> = name.chars().collect();
    // Iterative matcher with one backtracking point for `*`: linear in practice.
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        let c = s[si];
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, si));
                    pi += 1;
                    continue;
                }
                '?' if c != '/' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                '[' => {
                    if let Some((ok, next)) = class_match(&p, pi, c) {
                        if ok && c != '/' {
                            pi = next;
                            si += 1;
                            continue;
                        }
                    } else {
                        return false;
                    }
                }
                '\\' if pi + 1 < p.len() && p[pi + 1] == c => {
                    pi += 2;
                    si += 1;
                    continue;
                }
                x if x == c && x != '?' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, ss)) if s.get(ss) != Some(&'/') => {
                star = Some((sp, ss + 1));
                pi = sp + 1;
                si = ss + 1;
            }
            _ => return false,
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn class_match(p: &[char], start: usize, c: char) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(p.get(i), Some('^') | Some('!'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < p.len() {
        if p[i] == ']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        let mut lo = p[i];
        if lo == '\\' {
            i += 1;
            lo = *p.get(i)?;
        }
        i += 1;
        let mut hi = lo;
        if p.get(i) == Some(&'-') && p.get(i + 1).is_some_and(|&x| x != ']') {
            hi = *p.get(i + 1)?;
            if hi == '\\' {
                hi = *p.get(i + 2)?;
                i += 1;
            }
            i += 2;
        }
        if lo <= c && c <= hi {
            matched = true;
        }
    }
    None
}

/// Matches a `/`-separated pattern against a path component by component; `**` matches any
/// number of components (including none).
pub fn glob_match_path(pat: &str, path: &str) -> bool {
    let pc: Vec<&str> = pat.split('/').filter(|s| !s.is_empty()).collect();
    let sc: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match_comps(&pc, &sc, 0)
}

fn match_comps(p: &[&str], s: &[&str], depth: u32) -> bool {
    if depth > 64 {
        return false;
    }
    match p.split_first() {
        None => s.is_empty(),
        Some((&"**", rest)) => {
            (0..=s.len()).any(|k| match_comps(rest, s.get(k..).unwrap_or(&[]), depth + 1))
        }
        Some((first, rest)) => match s.split_first() {
            Some((name, srest)) => glob_match(first, name) && match_comps(rest, srest, depth + 1),
            None => false,
        },
    }
}

#[derive(Debug, Clone)]
struct IgnoreRule {
    pattern: String,
    exclude: bool,
}

fn parse_dockerignore(text: &str) -> Vec<IgnoreRule> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (exclude, p) = match l.strip_prefix('!') {
                Some(rest) => (false, rest.trim()),
                None => (true, l),
            };
            IgnoreRule {
                pattern: clean_rel(p),
                exclude,
            }
        })
        .filter(|r| !r.pattern.is_empty())
        .collect()
}

/// BuildKit's rule: the last matching pattern wins; a pattern matching a parent directory
/// matches everything below it.
fn is_ignored(rules: &[IgnoreRule], path: &str) -> bool {
    let mut ignored = false;
    let comps: Vec<&str> = path.split('/').collect();
    for r in rules {
        let matches = (1..=comps.len()).any(|k| {
            let prefix = comps.get(..k).unwrap_or(&[]).join("/");
            glob_match_path(&r.pattern, &prefix)
        });
        if matches {
            ignored = r.exclude;
        }
    }
    ignored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(paths: &[(&str, u64)], ignore: Option<&str>) -> Context {
        Context::new(
            paths
                .iter()
                .map(|(p, s)| ContextFile {
                    path: p.to_string(),
                    size: *s,
                })
                .collect(),
            BTreeMap::new(),
            ignore,
        )
    }

    #[test]
    fn go_match_semantics() {
        assert!(glob_match("*.txt", "a.txt"));
        assert!(!glob_match("*.txt", "a.txt.bak"));
        assert!(glob_match("index.?s", "index.js"));
        assert!(glob_match("arr[[]0].txt", "arr[0].txt"));
        assert!(glob_match("[a-c]x", "bx"));
        assert!(!glob_match("[^a-c]x", "bx"));
        assert!(glob_match("hom*", "home"));
        assert!(glob_match_path("src/**/*.txt", "src/a.txt"));
        assert!(glob_match_path("src/**/*.txt", "src/x/y/c.txt"));
        assert!(!glob_match_path("src/*.txt", "src/x/c.txt"));
    }

    #[test]
    fn dockerignore_rules() {
        let c = ctx(
            &[
                ("node_modules/a/index.js", 10),
                (".git/HEAD", 1),
                ("src/main.rs", 5),
                ("README.md", 2),
                ("docs/keep.md", 3),
                ("docs/x.md", 3),
            ],
            Some("node_modules\n.git\n*.md\ndocs\n!docs/keep.md\n"),
        );
        let paths: Vec<&str> = c.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["docs/keep.md", "src/main.rs"]);
    }

    #[test]
    fn copy_source_matching() {
        let c = ctx(
            &[
                ("a.txt", 1),
                ("src/x.rs", 2),
                ("src/y/z.rs", 3),
                ("b.txt", 4),
            ],
            None,
        );
        let rel = |p: &str| -> Vec<String> { c.matching(p).into_iter().map(|(_, r)| r).collect() };
        assert_eq!(rel("."), ["a.txt", "b.txt", "src/x.rs", "src/y/z.rs"]);
        assert_eq!(rel("src/"), ["x.rs", "y/z.rs"]);
        assert_eq!(rel("*.txt"), ["a.txt", "b.txt"]);
        assert_eq!(rel("./src/x.rs"), ["x.rs"]);
        assert!(c.is_dir("src") && !c.is_dir("a.txt") && c.is_dir("."));
    }
}
