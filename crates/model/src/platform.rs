//! Platform specifiers (`linux/arm64`, `linux/arm/v7`) parsed and normalised as containerd's
//! `platforms.Parse` does, which BuildKit uses for `--platform` and the platform ARGs.

use serde::Serialize;
// Go's `%q`, as containerd's platform parser prints specifiers in its errors.
use stagecraft_syntax::case::GoCase;
use stagecraft_syntax::go_quote;

/// An OS/architecture/variant triple.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Platform {
    /// `linux`, `windows`, …
    pub os: String,
    /// `amd64`, `arm64`, `arm`, …
    pub arch: String,
    /// `v7`, `v6`, … or empty.
    pub variant: String,
}

impl Default for Platform {
    /// `linux/amd64`: what we assume the build machine and target are unless told otherwise.
    fn default() -> Self {
        Platform {
            os: "linux".into(),
            arch: "amd64".into(),
            variant: String::new(),
        }
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.variant.is_empty() {
            write!(f, "{}/{}", self.os, self.arch)
        } else {
            write!(f, "{}/{}/{}", self.os, self.arch, self.variant)
        }
    }
}

const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "windows",
    "zos",
];

const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "ppc64",
    "ppc64le",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

fn normalize_os(os: &str) -> String {
    let os = os.go_lower();
    if os == "macos" {
        "darwin".into()
    } else {
        os
    }
}

fn normalize_arch(arch: &str, variant: &str) -> (String, String) {
    let arch = arch.go_lower();
    let variant = variant.go_lower();
    match arch.as_str() {
        "i386" => ("386".into(), String::new()),
        "x86_64" | "x86-64" | "amd64" => {
            let v = if variant == "v1" {
                String::new()
            } else {
                variant
            };
            ("amd64".into(), v)
        }
        "aarch64" | "arm64" => {
            let v = match variant.as_str() {
                "8" | "v8" | "v8.0" => String::new(),
                "9" | "9.0" | "v9.0" => "v9".into(),
                v if !v.is_empty() && !v.starts_with('v') => format!("v{v}"),
                _ => variant,
            };
            ("arm64".into(), v)
        }
        "armhf" => ("arm".into(), "v7".into()),
        "armel" => ("arm".into(), "v6".into()),
        "arm" => {
            let v = match variant.as_str() {
                "" | "7" => "v7".into(),
                "5" | "6" | "8" => format!("v{variant}"),
                _ => variant,
            };
            ("arm".into(), v)
        }
        _ => (arch, variant),
    }
}

impl Platform {
    /// Parse a specifier as containerd does. The error is containerd's message.
    pub fn parse(spec: &str) -> Result<Platform, String> {
        if spec.contains('*') {
            return Err(format!(
                "{}: wildcards not yet supported: invalid argument",
                go_quote(spec.as_bytes())
            ));
        }
        // An OS version in parentheses (`windows(10.0.17763)/amd64`) is dropped here.
        let simple: String = {
            let mut out = String::new();
            let mut depth = 0u32;
            for c in spec.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ if depth == 0 => out.push(c),
                    _ => {}
                }
            }
            out
        };
        let parts: Vec<&str> = simple.split('/').collect();
        for part in &parts {
            if part.is_empty()
                || !part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
            {
                return Err(format!(
                    "{} is an invalid component of {}: platform specifier component must match \"^[A-Za-z0-9_.-]+$\": invalid argument",
                        go_quote(part.as_bytes()),
                        go_quote(spec.as_bytes())
                ));
            }
        }
        match parts.as_slice() {
            [one] => {
                let os = normalize_os(one);
                if KNOWN_OS.contains(&os.as_str()) {
                    return Ok(Platform {
                        os,
                        arch: "amd64".into(),
                        variant: String::new(),
                    });
                }
                let (arch, mut variant) = normalize_arch(one, "");
                if arch == "arm" && variant == "v7" {
                    variant.clear();
                }
                if KNOWN_ARCH.contains(&arch.as_str()) {
                    Ok(Platform {
                        os: "linux".into(),
                        arch,
                        variant,
                    })
                } else {
                    Err(format!(
                        "{}: unknown operating system or architecture: invalid argument",
                        go_quote(spec.as_bytes())
                    ))
                }
            }
            [os, arch] => {
                let (arch, mut variant) = normalize_arch(arch, "");
                if arch == "arm" && variant == "v7" {
                    variant.clear();
                }
                Ok(Platform {
                    os: normalize_os(os),
                    arch,
                    variant,
                })
            }
            [os, arch, variant] => {
                let (arch, variant) = normalize_arch(arch, variant);
                Ok(Platform {
                    os: normalize_os(os),
                    arch,
                    variant,
                })
            }
            _ => Err(format!(
                "{}: cannot parse platform specifier: invalid argument",
                go_quote(spec.as_bytes())
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Platform;

    #[test]
    fn normalises_like_containerd() {
        let f = |s: &str| Platform::parse(s).map(|p| p.to_string());
        assert_eq!(f("linux/amd64").unwrap(), "linux/amd64");
        assert_eq!(f("linux/aarch64").unwrap(), "linux/arm64");
        assert_eq!(f("linux/arm64/v8").unwrap(), "linux/arm64");
        assert_eq!(f("linux/arm").unwrap(), "linux/arm");
        assert_eq!(f("linux/arm/v6").unwrap(), "linux/arm/v6");
        assert_eq!(f("arm64").unwrap(), "linux/arm64");
        assert_eq!(f("Linux/X86_64").unwrap(), "linux/amd64");
        assert!(f("nonsense").is_err());
        assert!(f("linux/").is_err());
        assert!(f("a/b/c/d").is_err());
    }
}
