//! Ranges for things no fact covers. Each is an honest `unknown` (counted in
//! `SizeRange::unknown`, geometric-mean estimate), never zero. They are the only size figures
//! in this crate that do not come from the knowledge crate; each says which fact would replace
//! it (see the simulation's README section in the crate docs).

use stagecraft_knowledge::SizeRange;

/// A build context directory copied without `--context`: from a few small files to a large
/// repository. Replace with: a "typical build context size" fact.
pub(crate) fn context_dir() -> SizeRange {
    SizeRange::unknown_within(10_000, 500_000_000)
}

/// One named file from the context (a script, a config, a requirements file).
pub(crate) fn context_file() -> SizeRange {
    SizeRange::unknown_within(100, 1_000_000)
}

/// A small file written or edited by a command (config, `/etc/passwd`, a copied-up file).
pub(crate) fn small_file() -> SizeRange {
    SizeRange::unknown_within(0, 100_000)
}

/// What an unrecognised command, a download or a `make install` may add.
pub(crate) fn command() -> SizeRange {
    SizeRange::unknown_within(0, 500_000_000)
}

/// A build's output directory (`npm run build`, `make`, a compiled C program).
pub(crate) fn build_output() -> SizeRange {
    SizeRange::unknown_within(10_000, 200_000_000)
}

/// Dependencies named by a manifest we cannot read (no context): the installed
/// packages of a typical application. Replace with: a "typical requirements.txt install" fact.
pub(crate) fn dependencies() -> SizeRange {
    SizeRange::unknown_within(1_000_000, 2_000_000_000)
}

/// `useradd`/`adduser`: passwd/group/shadow copied up, skeleton files in the home, and
/// `/var/log/lastlog` + `faillog`, whose apparent size grows with the UID (≈292 B × UID for
/// lastlog, so ≈292 kB for UID 1000). Replace with: measured useradd layers.
pub(crate) fn user_add() -> SizeRange {
    SizeRange::unknown_within(2_000, 1_500_000)
}
