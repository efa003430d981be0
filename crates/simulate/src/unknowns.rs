//! Ranges for things no fact pins down. Each is an honest `unknown` (counted in
//! `SizeRange::unknown`, geometric-mean estimate), never zero. The bounds and their reasoning
//! live in the knowledge crate (`unknown_fact`), so no size figure lives in the simulation.

use stagecraft_knowledge::{unknown_size, SizeRange};

/// A build context directory copied without `--context`.
pub(crate) fn context_dir() -> SizeRange {
    unknown_size("context-dir")
}

/// One named file from the context (a script, a config, a requirements file).
pub(crate) fn context_file() -> SizeRange {
    unknown_size("context-file")
}

/// A small file written or edited by a command (config, `/etc/passwd`, a copied-up file).
pub(crate) fn small_file() -> SizeRange {
    unknown_size("small-file")
}

/// What an unrecognised command, a download or a `make install` may add.
pub(crate) fn command() -> SizeRange {
    unknown_size("command-output")
}

/// A file downloaded from a URL no registry fact describes.
pub(crate) fn download() -> SizeRange {
    unknown_size("download")
}

/// A build's output directory (`npm run build`, `make`, a compiled C program).
pub(crate) fn build_output() -> SizeRange {
    unknown_size("build-output")
}

/// Dependencies named by a manifest we cannot read (no context).
pub(crate) fn dependencies() -> SizeRange {
    unknown_size("unreadable-manifest-deps")
}

/// `useradd`/`adduser`: passwd/group/shadow copied up, skeleton files, lastlog/faillog.
pub(crate) fn user_add() -> SizeRange {
    unknown_size("useradd-layer")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every placeholder resolves to its knowledge fact (a missing key would silently become
    /// the 0–u64::MAX fallback) and stays unknown.
    #[test]
    fn placeholders_come_from_knowledge_facts() {
        let all = [
            ("context-dir", context_dir()),
            ("context-file", context_file()),
            ("small-file", small_file()),
            ("command-output", command()),
            ("download", download()),
            ("build-output", build_output()),
            ("unreadable-manifest-deps", dependencies()),
            ("useradd-layer", user_add()),
        ];
        for (key, size) in all {
            let fact = stagecraft_knowledge::unknown_fact(key).expect(key);
            assert_eq!(fact.size, size, "{key}");
            assert!(
                size.has_unknown() && size.estimate > 0 && size.high < u64::MAX,
                "{key}"
            );
        }
    }
}
