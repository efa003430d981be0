//! Alpine packages (`apk add`). No Alpine index is reachable from the build machine, so these
//! are estimates (certainty `inferred`, wide ranges) of the installed size *including the
//! dependencies a bare alpine image lacks*, for Alpine 3.2x. One measured figure exists
//! (shared/kb: `apk add ca-certificates tzdata` layer 416 kB compressed).

use crate::provenance::{Certainty, Provenance};
use crate::size::SizeRange;
use serde::Serialize;
use std::collections::BTreeSet;

const MB: u64 = 1_000_000;
const KB: u64 = 1_000;

/// One apk package (with its usual dependency closure on a bare alpine image).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApkPackage {
    /// Package name.
    pub name: &'static str,
    /// Installed bytes with dependencies.
    pub size: SizeRange,
    /// Other packages of this table that it pulls in (not counted twice).
    pub includes: &'static [&'static str],
    /// Executables it provides.
    pub tools: &'static [&'static str],
}

struct Def(
    &'static str,
    u64,
    u64,
    u64,
    &'static [&'static str],
    &'static [&'static str],
);

const DEFS: &[Def] = &[
    Def("bash", 2 * MB, 1200 * KB, 3 * MB, &[], &["bash"]),
    Def(
        "binutils",
        8 * MB,
        5 * MB,
        12 * MB,
        &[],
        &["ld", "as", "ar", "objdump", "strip"],
    ),
    Def(
        "build-base",
        230 * MB,
        150 * MB,
        300 * MB,
        &[
            "gcc",
            "g++",
            "make",
            "musl-dev",
            "libc-dev",
            "binutils",
            "patch",
            "fortify-headers",
        ],
        &["gcc", "g++", "cc", "c++", "make", "ld", "as", "patch"],
    ),
    Def(
        "ca-certificates",
        700 * KB,
        400 * KB,
        MB,
        &[],
        &["update-ca-certificates"],
    ),
    Def(
        "cargo",
        550 * MB,
        350 * MB,
        800 * MB,
        &["rust"],
        &["cargo", "rustc"],
    ),
    Def("cmake", 40 * MB, 25 * MB, 60 * MB, &[], &["cmake"]),
    Def(
        "curl",
        3 * MB,
        1500 * KB,
        6 * MB,
        &["ca-certificates"],
        &["curl"],
    ),
    Def("fortify-headers", 100 * KB, 50 * KB, 200 * KB, &[], &[]),
    Def(
        "g++",
        190 * MB,
        130 * MB,
        260 * MB,
        &["gcc", "binutils"],
        &["g++", "c++"],
    ),
    Def(
        "gcc",
        150 * MB,
        100 * MB,
        220 * MB,
        &["binutils"],
        &["gcc", "cc"],
    ),
    Def(
        "git",
        18 * MB,
        10 * MB,
        30 * MB,
        &["ca-certificates"],
        &["git"],
    ),
    Def("gnupg", 12 * MB, 7 * MB, 20 * MB, &[], &["gpg"]),
    Def("go", 230 * MB, 180 * MB, 300 * MB, &[], &["go", "gofmt"]),
    Def("jq", MB, 500 * KB, 2 * MB, &[], &["jq"]),
    Def("libc-dev", 50 * KB, 10 * KB, 100 * KB, &["musl-dev"], &[]),
    Def("libffi-dev", 300 * KB, 100 * KB, MB, &[], &[]),
    Def("linux-headers", 9 * MB, 6 * MB, 14 * MB, &[], &[]),
    Def("make", 300 * KB, 200 * KB, 500 * KB, &[], &["make"]),
    Def("musl-dev", 4 * MB, 1500 * KB, 8 * MB, &[], &[]),
    Def("nodejs", 65 * MB, 40 * MB, 100 * MB, &[], &["node"]),
    Def(
        "npm",
        12 * MB,
        7 * MB,
        20 * MB,
        &["nodejs"],
        &["npm", "npx"],
    ),
    Def(
        "openssh-client",
        4 * MB,
        2 * MB,
        7 * MB,
        &[],
        &["ssh", "scp", "ssh-keygen"],
    ),
    Def("openssl", 2 * MB, MB, 4 * MB, &[], &["openssl"]),
    Def("openssl-dev", 6 * MB, 3 * MB, 10 * MB, &[], &[]),
    Def("patch", 200 * KB, 100 * KB, 400 * KB, &[], &["patch"]),
    Def(
        "pkgconf",
        300 * KB,
        100 * KB,
        600 * KB,
        &[],
        &["pkg-config", "pkgconf"],
    ),
    Def(
        "postgresql-dev",
        20 * MB,
        8 * MB,
        40 * MB,
        &[],
        &["pg_config"],
    ),
    Def(
        "postgresql-client",
        12 * MB,
        6 * MB,
        20 * MB,
        &[],
        &["psql", "pg_dump"],
    ),
    Def(
        "py3-pip",
        12 * MB,
        6 * MB,
        20 * MB,
        &["python3"],
        &["pip", "pip3"],
    ),
    Def(
        "python3",
        50 * MB,
        35 * MB,
        80 * MB,
        &[],
        &["python3", "python"],
    ),
    Def(
        "python3-dev",
        60 * MB,
        40 * MB,
        90 * MB,
        &["python3"],
        &["python3-config"],
    ),
    Def("rust", 500 * MB, 300 * MB, 750 * MB, &[], &["rustc"]),
    Def("tini", 50 * KB, 20 * KB, 100 * KB, &[], &["tini"]),
    Def("tzdata", 1500 * KB, MB, 2500 * KB, &[], &[]),
    Def("unzip", 300 * KB, 100 * KB, 600 * KB, &[], &["unzip"]),
    Def("wget", MB, 400 * KB, 2 * MB, &[], &["wget"]),
    Def("zlib-dev", 200 * KB, 100 * KB, 400 * KB, &[], &[]),
];

fn to_pkg(d: &'static Def) -> ApkPackage {
    ApkPackage {
        name: d.0,
        size: SizeRange::new(d.1, d.2, d.3),
        includes: d.4,
        tools: d.5,
    }
}

/// Looks an apk package up.
pub fn apk_package(name: &str) -> Option<ApkPackage> {
    DEFS.iter().find(|d| d.0 == name).map(to_pkg)
}

/// Provenance of every apk figure.
pub fn apk_provenance() -> Provenance {
    Provenance::fixed(
        "stagecraft estimate for Alpine 3.2x (no Alpine index reachable)",
        "2026",
        Certainty::Inferred,
    )
}

/// Result of [`resolve_apk`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApkResolution {
    /// Packages counted (included ones are folded into their parent).
    pub packages: Vec<ApkPackage>,
    /// Executables added.
    pub tools: Vec<&'static str>,
    /// Total bytes added (unknown names as wide unknown ranges).
    pub total: SizeRange,
    /// Names not in the table.
    pub unknown: Vec<String>,
    /// Source.
    pub provenance: Provenance,
}

/// Estimates `apk add <names…>` on a bare alpine image; names in `already` (earlier installs)
/// are free, and a package included by another requested one (`gcc` with `build-base`) is
/// not counted twice. `name=version` / `name~version` suffixes are stripped.
pub fn resolve_apk(names: &[&str], already: &BTreeSet<String>) -> ApkResolution {
    let wanted: Vec<&str> = names
        .iter()
        .map(|n| n.split(['=', '~', '>', '<']).next().unwrap_or(n).trim())
        .filter(|n| !n.is_empty() && !n.starts_with('-'))
        .collect();
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    covered.extend(already.iter().map(String::as_str));
    for n in &wanted {
        if let Some(p) = apk_package(n) {
            covered.extend(p.includes.iter().copied());
        }
    }
    let mut packages = Vec::new();
    let mut unknown = Vec::new();
    let mut tools = BTreeSet::new();
    let mut total = SizeRange::ZERO;
    let mut done = BTreeSet::new();
    for n in wanted {
        if !done.insert(n) {
            continue;
        }
        match apk_package(n) {
            Some(p) => {
                tools.extend(p.tools.iter().copied());
                if covered.contains(n) {
                    continue;
                }
                total += p.size;
                packages.push(p);
            }
            None => {
                if !covered.contains(n) {
                    unknown.push(n.to_string());
                    total += SizeRange::unknown_within(50_000, 50_000_000);
                }
            }
        }
    }
    ApkResolution {
        packages,
        tools: tools.into_iter().collect(),
        total,
        unknown,
        provenance: apk_provenance(),
    }
}
