//! The `# check=skip=…;error=true;experimental=…` directive, file-wide and per instruction, and
//! stagecraft's inline suppression comment `# stagecraft:ignore=Code`.
//!
//! Semantics follow BuildKit's linter: the file-level directive is read from the parser-directive
//! block at the top of the file; a `# check=` comment among the comments directly above an
//! instruction is merged into the file-level configuration for that instruction only (skips and
//! experimental rules add up; `error=` is not changed locally).

use stagecraft_syntax::go_quote;
use std::collections::BTreeSet;

use crate::rules::Rule;

/// Which rules run and whether findings are errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintConfig {
    /// `skip=all`: every non-experimental rule is off.
    pub skip_all: bool,
    /// `skip=A,B`.
    pub skip: BTreeSet<String>,
    /// `experimental=all`.
    pub experimental_all: bool,
    /// `experimental=A,B`.
    pub experimental: BTreeSet<String>,
    /// `error=true`: findings of BuildKit rules become errors.
    pub error: bool,
}

impl LintConfig {
    /// Parse the value of a `check` directive (`skip=A,B;error=true`), as BuildKit's
    /// `ParseLintOptions` does. `Err` carries BuildKit's message.
    pub fn parse(value: &str) -> Result<LintConfig, String> {
        let value = value.trim();
        let mut cfg = LintConfig::default();
        if value.is_empty() {
            return Ok(cfg);
        }
        // BuildKit splits into at most three parts; a fourth `;` stays inside the last value.
        for part in value.splitn(3, ';') {
            let Some((k, v)) = part.split_once('=') else {
                return Err(format!(
                    "invalid check option {}",
                    go_quote(part.as_bytes())
                ));
            };
            match k.trim() {
                "skip" => {
                    let v = v.trim();
                    if v == "all" {
                        cfg.skip_all = true;
                    } else {
                        // `extend`, not `collect`: collecting a BTreeSet sorts, one more sort instance.
                        cfg.skip = BTreeSet::new();
                        cfg.skip.extend(v.split(',').map(|s| s.trim().to_string()));
                    }
                }
                "experimental" => {
                    let v = v.trim();
                    if v == "all" {
                        cfg.experimental_all = true;
                    } else {
                        cfg.experimental = BTreeSet::new();
                        cfg.experimental
                            .extend(v.split(',').map(|s| s.trim().to_string()));
                    }
                }
                "error" => {
                    cfg.error = parse_go_bool(v.trim()).ok_or_else(|| {
                        format!("failed to parse check option {}", go_quote(part.as_bytes()))
                    })?;
                }
                other => {
                    return Err(format!(
                        "invalid check option {}",
                        go_quote(other.as_bytes())
                    ))
                }
            }
        }
        Ok(cfg)
    }

    /// This configuration with `other`'s skips and experimental rules added (BuildKit's
    /// `WithMergedConfig`: `error` is not changed by a local directive).
    pub fn merged(&self, other: &LintConfig) -> LintConfig {
        let mut out = self.clone();
        out.skip_all |= other.skip_all;
        out.experimental_all |= other.experimental_all;
        out.skip.extend(other.skip.iter().cloned());
        out.experimental.extend(other.experimental.iter().cloned());
        out
    }

    /// Whether `rule` runs under this configuration.
    pub fn enabled(&self, rule: &Rule) -> bool {
        if rule.experimental {
            self.experimental_all || self.experimental.contains(rule.code)
        } else {
            !(self.skip_all || self.skip.contains(rule.code))
        }
    }
}

/// Go's `strconv.ParseBool`.
fn parse_go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// A parser directive line body (`key = value`, after the comment marker), as BuildKit's
/// directive regexp `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` reads it. Returns the lower-cased
/// key and the value.
pub fn directive_kv(body: &str) -> Option<(String, &str)> {
    let body = body.trim_start();
    let mut chars = body.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let key_end = body
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(body.len(), |(i, _)| i);
    let key = &body[..key_end];
    let rest = body[key_end..].trim_start();
    let rest = rest.strip_prefix('=')?;
    let value = rest.trim();
    if value.is_empty() {
        return None;
    }
    Some((key.to_ascii_lowercase(), value))
}

/// Value of the `check` directive in the parser-directive block at the top of `text`
/// (`# check=…` lines before anything else), cut at the first space as BuildKit does.
pub fn file_check_directive(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').peekable();
    if lines.peek().is_some_and(|l| l.starts_with("#!")) {
        lines.next();
    }
    let mut seen = BTreeSet::new();
    for line in lines {
        let Some(body) = line.strip_prefix('#') else {
            break;
        };
        let Some((key, value)) = directive_kv(body) else {
            break;
        };
        if !matches!(key.as_str(), "syntax" | "escape" | "check") {
            break;
        }
        if !seen.insert(key.clone()) {
            // BuildKit stops at a repeated directive and keeps what it had.
            break;
        }
        if key == "check" {
            return Some(value.split(' ').next().unwrap_or(value));
        }
    }
    None
}

/// The first `check=` among an instruction's preceding comments (comment text without `#`),
/// as BuildKit's `WithMergedConfigFromComments` finds it. `None` if there is none or it does
/// not parse (BuildKit then keeps the configuration unchanged).
pub fn local_check(comments: &[&str]) -> Option<LintConfig> {
    for c in comments {
        let Some((key, value)) = directive_kv(c.trim()) else {
            continue;
        };
        if key != "check" {
            continue;
        }
        let v = value.split(' ').next().unwrap_or(value);
        return LintConfig::parse(v).ok();
    }
    None
}

/// Codes named by a `# stagecraft:ignore=A,B` comment (text after `#`), or `None` if the
/// comment is not a suppression. `all` suppresses every rule.
pub fn suppression_codes(comment: &str) -> Option<Vec<String>> {
    let c = comment.trim();
    let rest = c.strip_prefix("stagecraft:ignore")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('=').unwrap_or(rest);
    let codes: Vec<String> = rest
        .split(|ch: char| ch == ',' || ch.is_whitespace())
        .map(str::trim)
        .take_while(|s| !s.starts_with("//") && !s.starts_with('#'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if codes.is_empty() {
        Some(vec!["all".to_string()])
    } else {
        Some(codes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_buildkit_options() {
        let c = LintConfig::parse("skip=JSONArgsRecommended, StageNameCasing;error=true").unwrap();
        assert!(c.error);
        assert!(c.skip.contains("StageNameCasing"));
        assert!(LintConfig::parse("skip=all").unwrap().skip_all);
        assert!(LintConfig::parse("error=maybe").is_err());
        assert!(LintConfig::parse("bogus=1").is_err());
        assert!(LintConfig::parse("skip").is_err());
    }

    #[test]
    fn file_directive_only_in_the_header() {
        assert_eq!(
            file_check_directive("# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n"),
            Some("skip=all")
        );
        assert_eq!(
            file_check_directive("#check = error=true // why\nFROM a\n"),
            Some("error=true")
        );
        assert_eq!(
            file_check_directive("# about\n# check=skip=all\nFROM a\n"),
            None
        );
        assert_eq!(file_check_directive("FROM a\n# check=skip=all\n"), None);
    }

    #[test]
    fn local_comment_directive() {
        let c = local_check(&["check=skip=all // is local"]).unwrap();
        assert!(c.skip_all);
        assert!(local_check(&["just a comment"]).is_none());
    }

    #[test]
    fn suppression_comment() {
        assert_eq!(
            suppression_codes(" stagecraft:ignore=UnusedStage,FatRuntimeBase"),
            Some(vec!["UnusedStage".into(), "FatRuntimeBase".into()])
        );
        assert_eq!(suppression_codes("other"), None);
    }
}
