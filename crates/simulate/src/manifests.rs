//! Small, forgiving readers for dependency manifests and lock files. They extract names and
//! versions only; anything they cannot read is skipped (the caller then counts it as unknown).
//!
//! JSON goes through `stagecraft_syntax::json_value` (not serde_json, whose deserializer would
//! be the playground's only user); its objects iterate sorted by key like serde_json's `Value`,
//! so the order of what these readers return is unchanged.

use stagecraft_syntax::json_value::{self, JsonValue};

/// Requirement specifiers of a `requirements.txt` (comments, options and markers dropped;
/// `-r other.txt` followed through `include`, at most a few levels deep).
pub(crate) fn requirements(text: &str, include: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    requirements_into(text, &include, &mut out, 0);
    out
}

fn requirements_into(
    text: &str,
    include: &dyn Fn(&str) -> Option<String>,
    out: &mut Vec<String>,
    depth: u32,
) {
    // Joined continuation lines first.
    let joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
    for line in joined.lines() {
        let line = line.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or("");
        if let Some(file) = first
            .strip_prefix("-r")
            .or_else(|| first.strip_prefix("--requirement"))
            .map(|r| r.trim_start_matches('='))
        {
            let file = if file.is_empty() {
                words.next().unwrap_or("")
            } else {
                file
            };
            if depth < 4 {
                if let Some(t) = include(file) {
                    requirements_into(&t, include, out, depth + 1);
                }
            }
            continue;
        }
        if first.starts_with('-') {
            continue;
        }
        let spec = line
            .split(';')
            .next()
            .unwrap_or("")
            .split(" --")
            .next()
            .unwrap_or("")
            .trim();
        if !spec.is_empty() {
            out.push(spec.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}

/// `[project] dependencies = [...]` of a pyproject.toml (PEP 621), or poetry's
/// `[tool.poetry.dependencies]` table.
pub(crate) fn pyproject_dependencies(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut in_array = false;
    for raw in text.lines() {
        let line = raw.trim();
        if in_array {
            for part in line.split(',') {
                let p = part
                    .trim()
                    .trim_end_matches(']')
                    .trim()
                    .trim_matches(['"', '\'']);
                if !p.is_empty() {
                    out.push(p.to_string());
                }
            }
            if line.contains(']') {
                in_array = false;
            }
            continue;
        }
        if line.starts_with('[') {
            section = line.trim_matches(['[', ']']).trim().to_string();
            continue;
        }
        if section == "project" && line.starts_with("dependencies") {
            if let Some(rest) = line.split_once('=').map(|(_, r)| r.trim()) {
                let inner = rest.trim_start_matches('[');
                for part in inner.split(',') {
                    let p = part
                        .trim()
                        .trim_end_matches(']')
                        .trim()
                        .trim_matches(['"', '\'']);
                    if !p.is_empty() {
                        out.push(p.to_string());
                    }
                }
                in_array = !rest.contains(']');
            }
        } else if section == "tool.poetry.dependencies" {
            if let Some((name, _)) = line.split_once('=') {
                let name = name.trim().trim_matches('"');
                if !name.is_empty() && name != "python" {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

/// `name==version` for every `[[package]]` of a uv.lock or poetry.lock; the project itself
/// (editable/virtual source) is skipped, and poetry's `category = "dev"` ones when `no_dev`.
pub(crate) fn lock_packages(text: &str, no_dev: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<(String, String, bool)> = None;
    let flush = |cur: &mut Option<(String, String, bool)>, out: &mut Vec<String>| {
        if let Some((n, v, skip)) = cur.take() {
            if !skip && !n.is_empty() {
                out.push(if v.is_empty() { n } else { format!("{n}=={v}") });
            }
        }
    };
    let mut in_package = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line == "[[package]]" {
            flush(&mut cur, &mut out);
            cur = Some((String::new(), String::new(), false));
            in_package = true;
            continue;
        }
        if line.starts_with('[') {
            in_package = false;
            continue;
        }
        if !in_package {
            continue;
        }
        let Some(c) = cur.as_mut() else { continue };
        if let Some((k, v)) = line.split_once('=') {
            let k = k.trim();
            let v = v.trim().trim_matches('"');
            match k {
                "name" => c.0 = v.to_string(),
                "version" => c.1 = v.to_string(),
                "source" if v.contains("editable") || v.contains("virtual") => c.2 = true,
                "category" if no_dev && v == "dev" => c.2 = true,
                _ => {}
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// `(name, version)` of every installed package in a package-lock.json (v2/v3 `packages`, or
/// v1 `dependencies`); dev packages skipped when `production`.
pub(crate) fn npm_lock(text: &str, production: bool) -> Vec<(String, String)> {
    let Ok(v) = json_value::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(pkgs) = v.get("packages").and_then(|p| p.as_object()) {
        for (key, p) in pkgs {
            let Some(idx) = key.rfind("node_modules/") else {
                continue;
            };
            let name = key.get(idx + "node_modules/".len()..).unwrap_or("");
            if production && p.get("dev").and_then(|d| d.as_bool()) == Some(true) {
                continue;
            }
            let ver = p.get("version").and_then(|x| x.as_str()).unwrap_or("");
            out.push((name.to_string(), ver.to_string()));
        }
    } else if let Some(deps) = v.get("dependencies").and_then(|d| d.as_object()) {
        let mut stack: Vec<&(String, JsonValue)> = deps.iter().collect();
        let mut guard = 0;
        while let Some((name, p)) = stack.pop() {
            guard += 1;
            if guard > 200_000 {
                break;
            }
            if production && p.get("dev").and_then(|d| d.as_bool()) == Some(true) {
                continue;
            }
            let ver = p.get("version").and_then(|x| x.as_str()).unwrap_or("");
            out.push((name.clone(), ver.to_string()));
            if let Some(inner) = p.get("dependencies").and_then(|d| d.as_object()) {
                stack.extend(inner.iter());
            }
        }
    }
    stagecraft_syntax::sort::sort(&mut out);
    out
}

/// `(name, version)` entries of a yarn.lock (classic or berry) or pnpm-lock.yaml.
pub(crate) fn yarn_or_pnpm_lock(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    let mut in_pnpm_packages = false;
    for raw in text.lines() {
        if raw.starts_with("packages:") {
            in_pnpm_packages = true;
            continue;
        }
        if in_pnpm_packages {
            // pnpm: `  /name@1.2.3:` (v6) or `  name@1.2.3:` / `  '@scope/name@1.2.3':` (v9).
            if raw.starts_with("  ") && !raw.starts_with("   ") && raw.trim_end().ends_with(':') {
                let key = raw
                    .trim()
                    .trim_end_matches(':')
                    .trim_matches(['\'', '"'])
                    .trim_start_matches('/');
                let key = key.split('(').next().unwrap_or(key);
                if let Some((n, v)) = split_at_version(key) {
                    out.push((n.to_string(), v.to_string()));
                }
            } else if !raw.starts_with(' ') && !raw.trim().is_empty() {
                in_pnpm_packages = false;
            }
            continue;
        }
        if !raw.starts_with(' ') && raw.trim_end().ends_with(':') && !raw.starts_with('#') {
            let first = raw
                .trim_end()
                .trim_end_matches(':')
                .split(", ")
                .next()
                .unwrap_or("")
                .trim_matches('"');
            pending = split_at_version(first).map(|(n, _)| n.to_string());
            continue;
        }
        let t = raw.trim();
        if let Some(name) = &pending {
            if let Some(v) = t
                .strip_prefix("version ")
                .or_else(|| t.strip_prefix("version: "))
            {
                out.push((name.clone(), v.trim_matches('"').to_string()));
                pending = None;
            }
        }
    }
    stagecraft_syntax::sort::sort(&mut out);
    out.dedup();
    out
}

/// `name@range` → (`name`, `range`), scoped names kept whole; `npm:` protocol prefixes dropped.
fn split_at_version(spec: &str) -> Option<(&str, &str)> {
    let start = usize::from(spec.starts_with('@'));
    let at = spec.get(start..)?.find('@')? + start;
    let name = spec.get(..at)?;
    let ver = spec.get(at + 1..)?;
    Some((name, ver.strip_prefix("npm:").unwrap_or(ver)))
}

/// `dependencies` (and `devDependencies` unless `production`) of a package.json.
pub(crate) fn package_json_deps(text: &str, production: bool) -> Vec<(String, String)> {
    let Ok(v) = json_value::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let keys: &[&str] = if production {
        &["dependencies"]
    } else {
        &["dependencies", "devDependencies"]
    };
    for k in keys {
        if let Some(d) = v.get(k).and_then(|d| d.as_object()) {
            for (n, r) in d {
                out.push((n.clone(), r.as_str().unwrap_or("").to_string()));
            }
        }
    }
    out
}

/// The `module` path of a go.mod.
pub(crate) fn go_module(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("module "))
        .map(|m| m.trim().trim_matches('"').to_string())
}

/// Whether a go.mod requires any module (no requirement: nothing to download).
pub(crate) fn go_has_requires(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .any(|l| l.starts_with("require ") || l == "require (")
}

/// `[package] name` of a Cargo.toml (the binary's default name).
pub(crate) fn cargo_package_name(text: &str) -> Option<String> {
    let mut in_package = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if in_package {
            if let Some((k, v)) = line.split_once('=') {
                if k.trim() == "name" {
                    return Some(v.trim().trim_matches('"').to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_files() {
        let r = requirements("flask==3.0.0  # web\n# c\n-r base.txt\n--index-url x\nnumpy>=1.26; python_version>'3.8'\nrequests \\\n  [socks]\n", |f| {
            (f == "base.txt").then(|| "gunicorn\n".to_string())
        });
        assert_eq!(
            r,
            [
                "flask==3.0.0",
                "gunicorn",
                "numpy>=1.26",
                "requests [socks]"
            ]
        );
    }

    /// The readers as they were over `serde_json::Value`, to check the switch to
    /// `json_value` changed nothing (order included: package.json deps are not sorted after).
    fn npm_lock_serde(text: &str, production: bool) -> Vec<(String, String)> {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(pkgs) = v.get("packages").and_then(|p| p.as_object()) {
            for (key, p) in pkgs {
                let Some(idx) = key.rfind("node_modules/") else {
                    continue;
                };
                if production && p.get("dev").and_then(|d| d.as_bool()) == Some(true) {
                    continue;
                }
                let ver = p.get("version").and_then(|x| x.as_str()).unwrap_or("");
                out.push((key[idx + 13..].to_string(), ver.to_string()));
            }
        } else if let Some(deps) = v.get("dependencies").and_then(|d| d.as_object()) {
            let mut stack: Vec<(&String, &serde_json::Value)> = deps.iter().collect();
            while let Some((name, p)) = stack.pop() {
                if production && p.get("dev").and_then(|d| d.as_bool()) == Some(true) {
                    continue;
                }
                let ver = p.get("version").and_then(|x| x.as_str()).unwrap_or("");
                out.push((name.clone(), ver.to_string()));
                if let Some(inner) = p.get("dependencies").and_then(|d| d.as_object()) {
                    stack.extend(inner.iter());
                }
            }
        }
        out.sort();
        out
    }

    fn package_json_deps_serde(text: &str, production: bool) -> Vec<(String, String)> {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for k in ["dependencies", "devDependencies"]
            .iter()
            .take(2 - usize::from(production))
        {
            if let Some(d) = v.get(*k).and_then(|d| d.as_object()) {
                for (n, r) in d {
                    out.push((n.clone(), r.as_str().unwrap_or("").to_string()));
                }
            }
        }
        out
    }

    #[test]
    fn json_manifests_read_as_with_serde_json() {
        let docs = [
            // v3, keys out of order, a duplicate (last wins), dev and nested packages.
            r#"{"name":"app","lockfileVersion":3,"packages":{"":{"name":"app","dependencies":{"z":"1"}},
              "node_modules/zod":{"version":"3.23.8"},"node_modules/@types/node":{"version":"20.1.0","dev":true},
              "node_modules/a/node_modules/zod":{"version":"1.0.0"},"node_modules/a":{"version":"0.1.0"},
              "node_modules/zod":{"version":"3.24.0","dev":false},"node_modules/\u00e9t\u00e9":{"version":"1.0.0-\ud83d\udc33"},
              "node_modules/noversion":{},"node_modules/numver":{"version":1e5}}}"#,
            // v1: nested dependencies.
            r#"{"lockfileVersion":1,"dependencies":{"b":{"version":"2.0.0","dependencies":{"c":{"version":"3.0.0","dev":true}}},
              "a":{"version":"1.0.0","requires":{"b":"^2"}},"b":{"version":"2.1.0"}}}"#,
            // package.json: unsorted, duplicate and non-string ranges.
            r#"{"name":"x","dependencies":{"react":"^18","express":"4","react":"^19","lodash":{"x":1}},
              "devDependencies":{"vitest":"1","@types/node":"20","typescript":null}}"#,
            // Not JSON, or not the expected shape: nothing.
            r#"{"dependencies":{"a":"1",}}"#,
            r#"{"packages":[1,2]}"#,
            "[]",
            "",
            r#"{"dependencies":{"a":{"version":"1"}}} trailing"#,
            r#"{"dependencies":{"a":{"version":"\ud800"}}}"#,
            r#"{"dependencies":{"a":{"version":"1","n":1e999}}}"#,
        ];
        for doc in docs {
            for production in [false, true] {
                assert_eq!(
                    npm_lock(doc, production),
                    npm_lock_serde(doc, production),
                    "{doc}"
                );
                assert_eq!(
                    package_json_deps(doc, production),
                    package_json_deps_serde(doc, production),
                    "{doc}"
                );
            }
        }
        // The first three are read (the test compares something).
        assert_eq!(npm_lock(docs[0], false).len(), 7);
        assert_eq!(
            npm_lock(docs[1], true),
            [("a".into(), "1.0.0".into()), ("b".into(), "2.1.0".into())]
        );
        assert_eq!(
            package_json_deps(docs[2], false),
            [
                ("express".to_string(), "4".to_string()),
                ("lodash".into(), String::new()),
                ("react".into(), "^19".into()),
                ("@types/node".into(), "20".into()),
                ("typescript".into(), String::new()),
                ("vitest".into(), "1".into()),
            ]
        );
    }

    #[test]
    fn lock_files() {
        let uv = "version = 1\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n\n[[package]]\nname = \"flask\"\nversion = \"3.0.3\"\nsource = { registry = \"https://pypi.org/simple\" }\n[package.dependencies]\nx = 1\n";
        assert_eq!(lock_packages(uv, false), ["flask==3.0.3"]);
        let npm = r#"{"packages":{"":{"name":"x"},"node_modules/a":{"version":"1.0.0"},"node_modules/b":{"version":"2.0.0","dev":true},"node_modules/a/node_modules/c":{"version":"3.0.0"}}}"#;
        assert_eq!(
            npm_lock(npm, true),
            [("a".into(), "1.0.0".into()), ("c".into(), "3.0.0".into())]
        );
        let yarn = "# yarn lockfile v1\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n  version \"7.24.0\"\n  resolved \"x\"\n\nlodash@^4:\n  version \"4.17.21\"\n";
        assert_eq!(
            yarn_or_pnpm_lock(yarn),
            [
                ("@babel/core".into(), "7.24.0".into()),
                ("lodash".into(), "4.17.21".into())
            ]
        );
        let pnpm = "lockfileVersion: '9.0'\n\npackages:\n\n  '@types/node@20.1.0':\n    resolution: {}\n\n  express@4.19.2:\n    resolution: {}\n\nsnapshots:\n  x@1:\n";
        assert_eq!(
            yarn_or_pnpm_lock(pnpm),
            [
                ("@types/node".into(), "20.1.0".into()),
                ("express".into(), "4.19.2".into())
            ]
        );
        assert_eq!(
            cargo_package_name("[package]\nname = \"svc\"\n[dependencies]\nname=1"),
            Some("svc".into())
        );
        assert_eq!(
            go_module("module github.com/acme/api\n\ngo 1.22\n"),
            Some("github.com/acme/api".into())
        );
        assert_eq!(pyproject_dependencies("[project]\nname='x'\ndependencies = [\n  \"fastapi>=0.110\",\n  \"uvicorn[standard]\",\n]\n"), ["fastapi>=0.110", "uvicorn[standard]"]);
    }
}
