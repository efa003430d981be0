//! Toolchains, typical build outputs, caches and CUDA facts.
//!
//! Figures derived from `data/artifacts.tsv` and `data/images.tsv` (shared/kb), from
//! measurements on this build machine, or — where nothing better exists — stated as
//! inferences with wide ranges. Each [`Fact`] says which.

use crate::provenance::{Certainty, Provenance};
use crate::size::SizeRange;
use serde::Serialize;
use std::borrow::Cow;

const ARTIFACTS_TSV: &str = include_str!("../data/artifacts.tsv");

/// A size with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// Key (see [`artifact`]).
    pub key: &'static str,
    /// What it is.
    pub what: &'static str,
    /// Uncompressed bytes on disk.
    pub size: SizeRange,
    /// Where the figure comes from.
    pub provenance: Provenance,
}

struct Def {
    key: &'static str,
    what: &'static str,
    est: u64,
    low: u64,
    high: u64,
    certainty: Certainty,
    source: &'static str,
    date: &'static str,
    note: &'static str,
}

const REPO_INFO: &str = "docker-library/repo-info via shared/kb";
const MB: u64 = 1_000_000;

const DEFS: &[Def] = &[
    Def {
        key: "go-toolchain",
        what: "Go toolchain in /usr/local/go (official golang image / go tarball)",
        est: 206 * MB,
        low: 190 * MB,
        high: 225 * MB,
        certainty: Certainty::Inferred,
        source: REPO_INFO,
        date: "2026-08-13",
        note: "golang:1.25-alpine on-disk 215.26 MB − alpine 8.42 MB (the rest is ca-certificates)",
    },
    Def {
        key: "rust-toolchain",
        what: "Rust toolchain via rustup --profile minimal (~/.rustup + ~/.cargo/bin)",
        est: 610 * MB,
        low: 520 * MB,
        high: 720 * MB,
        certainty: Certainty::Inferred,
        source: REPO_INFO,
        date: "2026-08-25",
        note: "toolchain layer 213.8 MB compressed × 2.85 (rust images' on-disk/compressed ratio)",
    },
    Def {
        key: "node-runtime",
        what: "Node.js runtime from the official tarball (node, npm, corepack) + yarn classic",
        est: 150 * MB,
        low: 135 * MB,
        high: 170 * MB,
        certainty: Certainty::Inferred,
        source: REPO_INFO,
        date: "2026-09-19",
        note: "node:22-slim on-disk 227.33 MB − debian:bookworm-slim 74.83 MB",
    },
    Def {
        key: "jdk-21",
        what: "Temurin JDK 21 in /opt/java/openjdk",
        est: 236 * MB,
        low: 200 * MB,
        high: 330 * MB,
        certainty: Certainty::Inferred,
        source: REPO_INFO,
        date: "2026-09-09",
        note: "JDK−JRE on-disk difference 156.7 MB over a 105 MB compressed difference gives ratio 1.49; JDK layer 158.1 MB × 1.49",
    },
    Def {
        key: "jre-21",
        what: "Temurin JRE 21 in /opt/java/openjdk",
        est: 79 * MB,
        low: 65 * MB,
        high: 140 * MB,
        certainty: Certainty::Inferred,
        source: REPO_INFO,
        date: "2026-09-09",
        note: "JRE layer 53.1 MB compressed × 1.49 (see jdk-21)",
    },
    Def {
        key: "apt-lists-bookworm",
        what: "/var/lib/apt/lists after apt-get update on debian:bookworm(-slim) (lz4 indexes, no translations)",
        est: 19_856_468,
        low: 18_900_000,
        high: 21 * MB,
        certainty: Certainty::Measured,
        source: "apt-get update on a Debian bookworm image with docker-gzip-indexes; calibration lab tests/calibration/apt-update",
        date: "2026-11-23",
        note: "main 18.84 MB + security 0.76 MB + updates + InRelease files; the calibration lab (debootstrap minbase + docker apt conf) wrote 18.99 MB",
    },
    Def {
        key: "apt-lists-uncompressed",
        what: "/var/lib/apt/lists after apt-get update without docker-gzip-indexes (plain debootstrap, ubuntu)",
        est: 87_270_273,
        low: 40 * MB,
        high: 95 * MB,
        certainty: Certainty::Measured,
        source: "apt-get update in a bookworm debootstrap chroot",
        date: "2026-11-23",
        note: "includes Translation-en; published range 30-80 MB",
    },
    Def {
        key: "go-binary",
        what: "a typical statically linked Go service binary (go build)",
        est: 15 * MB,
        low: 2 * MB,
        high: 80 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026",
        note: "hello world ≈ 2 MB; services with gRPC/cloud SDKs 20-60 MB; -ldflags=\"-s -w\" saves ~30 %",
    },
    Def {
        key: "rust-binary",
        what: "a typical Rust release binary (cargo build --release)",
        est: 8 * MB,
        low: 300_000,
        high: 60 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026",
        note: "hello world ≈ 0.4 MB; web services with tokio/serde 5-20 MB",
    },
    Def {
        key: "go-build-cache",
        what: "Go build cache (/root/.cache/go-build) after go build",
        est: 300 * MB,
        low: MB,
        high: 2_000 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate; low bound measured in the calibration lab, tests/calibration/go-hello",
        date: "2026-11-23",
        note: "hundreds of MB when std is compiled into the cache (official golang images, Go ≥ 1.20); Debian's golang-go ships std precompiled, so a small program leaves a tiny cache (lab: whole go build layer 7.0 MB incl. the binary)",
    },
    Def {
        key: "go-mod-cache",
        what: "Go module cache (/go/pkg/mod) after go mod download",
        est: 150 * MB,
        low: 5 * MB,
        high: 1_500 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026",
        note: "scales with go.sum; refine from the module list",
    },
    Def {
        key: "cargo-registry",
        what: "Cargo registry and git checkouts (~/.cargo/registry, ~/.cargo/git)",
        est: 200 * MB,
        low: 20 * MB,
        high: 1_500 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026",
        note: "",
    },
    Def {
        key: "cargo-target-release",
        what: "Cargo target/ directory after cargo build --release",
        est: 600 * MB,
        low: 50 * MB,
        high: 5_000 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026",
        note: "",
    },
    Def {
        key: "node-modules",
        what: "node_modules of an application whose dependencies are unknown",
        est: 150 * MB,
        low: 10 * MB,
        high: 1_000 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026",
        note: "use resolve_npm / npm_lock_size when the manifest is known",
    },
    Def {
        key: "npm-cache-ratio",
        what: "~/.npm cache bytes per node_modules byte (tarballs are gzip-compressed)",
        est: 210_000,
        low: 170_000,
        high: 500_000,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/npm-web-dev, npm-ts-multistage (ratio × 10^6)",
        date: "2026-11-23",
        note: "~/.npm after npm ci with a lock that has resolved URLs: 0.223 and 0.200 × node_modules (tarballs + index); up to 0.5 when npm also fetches packuments",
    },
    Def {
        key: "npm-cache-ratio-packuments",
        what: "~/.npm cache bytes per node_modules byte when the lock has no resolved URLs (ratio × 10^6)",
        est: 1_500_000,
        low: 500_000,
        high: 3_000_000,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/node-express line 5 (lock written with omit-lockfile-registry-resolved)",
        date: "2026-11-23",
        note: "npm ci then fetches each package's packument (all versions' metadata) besides the tarball: 3.33 MB for 2.21 MB of node_modules; packument sizes vary a lot with a package's release count",
    },
    Def {
        key: "uv-cache-ratio",
        what: "uv cache bytes per installed byte besides the files hard-linked into the environment (ratio × 10^6)",
        est: 210_000,
        low: 0,
        high: 1_050_000,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/uv-venv line 8",
        date: "2026-11-23",
        note: "uv pip install of 15 packages: layer 48.9 MB for 40.4 MB estimated installed; the cache's unpacked wheels are hard links (counted once), its index metadata is not; up to a full copy when the cache is on another filesystem",
    },
    Def {
        key: "yarn-cache-ratio",
        what: "yarn v1 cache bytes per byte of all lock packages (dev included; ratio × 10^6)",
        est: 1_250_000,
        low: 950_000,
        high: 1_600_000,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/yarn-classic line 6",
        date: "2026-11-23",
        note: "yarn v1 keeps every lock package unpacked (plus its tarball metadata) in /usr/local/share/.cache/yarn, even with --production: 27.4 MB for a lock whose packages unpack to ~21.9 MB; one measurement, ±25 %",
    },
    Def {
        key: "pnpm-cache-ratio",
        what: "pnpm cache bytes per node_modules byte in the same layer (ratio × 10^6)",
        est: 236_000,
        low: 50_000,
        high: 1_100_000,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/pnpm-fastify line 6",
        date: "2026-11-23",
        note: "the content-addressed store is hard-linked into node_modules/.pnpm, so a layer counts it once; what remains is ~/.cache/pnpm metadata (3.26 MB for 13.84 MB of node_modules); up to a full copy when the store sits on another filesystem",
    },
    Def {
        key: "archive-extract-ratio",
        what: "extracted bytes per byte of a compressed tar archive (gzip/xz/bzip2/zstd; ratio × 10^6)",
        est: 3_500_000,
        low: 1_500_000,
        high: 10_000_000,
        certainty: Certainty::Inferred,
        source: "calibration lab tests/calibration/files-add-chmod line 3 (ADD vendor.tar.gz: 23,398 B → 93,342 B, 3.99×)",
        date: "2026-11-23",
        note: "source and text trees deflate 3–5×; already-compressed content (images, jars, binaries) ~1.5×; very repetitive data up to ~10×",
    },
    Def {
        key: "cargo-target-release-per-crate",
        what: "target/ of `cargo build --release` per package in Cargo.lock",
        est: 11_800_000,
        low: 4 * MB,
        high: 40 * MB,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/cargo-release line 8 (12 packages: anyhow, serde + derive, serde_json and their deps)",
        date: "2026-11-23",
        note: "rlibs, fingerprints, build-script outputs and the binary; proc-macro and -sys crates weigh more, small leaf crates less (one project measured: wide range)",
    },
    Def {
        key: "cargo-registry-per-crate",
        what: "~/.cargo/registry (index cache, .crate files, extracted sources) per package in Cargo.lock",
        est: 700_000,
        low: 150_000,
        high: 5 * MB,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/cargo-release line 8",
        date: "2026-11-23",
        note: "≈0.7 MB per crate with the sparse index; crates vendoring C sources (openssl-src, libz-sys) are several MB",
    },
    Def {
        key: "go-binary-std",
        what: "a Go binary of a module without requirements (standard library only)",
        est: 2_500_000,
        low: 1_200_000,
        high: 15 * MB,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/go-hello line 5 (Debian bookworm golang-go 1.19)",
        date: "2026-11-23",
        note: "hello world ≈ 2 MB; a net/http server ≈ 7–10 MB",
    },
    Def {
        key: "go-build-cache-std",
        what: "~/.cache/go-build after building a module without requirements (compiled std packages)",
        est: 4_500_000,
        low: 1_500_000,
        high: 60 * MB,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/go-hello line 5",
        date: "2026-11-23",
        note: "Go ≥ 1.20 ships no precompiled std: the cache holds the std packages the program imports (fmt ≈ 5 MB in the lab's 7.0 MB layer; net/http and crypto several times more)",
    },
    Def {
        key: "npm-tarball-ratio",
        what: "npm package tarball (.tgz) bytes per unpacked byte (ratio × 10^6)",
        est: 220_000,
        low: 150_000,
        high: 350_000,
        certainty: Certainty::Measured,
        source: "npm pack of yarn 1.22.22 (1,238,429 / 5,340,487), pnpm 9.15.9 (4,311,450 / 17,420,406), typescript 5.9.3 (4,377,468 / 23,625,066)",
        date: "2026-11-23",
        note: "0.19–0.25 for JavaScript packages; packages carrying binaries compress less",
    },
    Def {
        key: "venv-debian-bookworm",
        what: "`python3 -m venv` on Debian bookworm's python3 3.11: skeleton + the bundled pip 23.0.1 + setuptools 66.1.1 (python3-pip-whl, python3-setuptools-whl), byte-compiled",
        est: 21_620_833,
        low: 21_000_000,
        high: 22_300_000,
        certainty: Certainty::Measured,
        source: "calibration lab tests/calibration/python-venv line 3 (also pip-django-cache: 21,617,913)",
        date: "2026-11-23",
        note: "ensurepip installs the wheels Debian bundles, not PyPI's latest; ±3 % for bookworm point releases",
    },
    Def {
        key: "torch-cpu-wheel",
        what: "torch CPU-only wheel (download.pytorch.org/whl/cpu)",
        est: 180 * MB,
        low: 150 * MB,
        high: 200 * MB,
        certainty: Certainty::Published,
        source: "shared/kb artifacts.tsv",
        date: "2022",
        note: "installed ≈ 1.65 × wheel",
    },
    Def {
        key: "cuda-devel-minus-runtime",
        what: "nvidia/cuda devel tag minus runtime tag (same CUDA version)",
        est: 3_000 * MB,
        low: 2_000 * MB,
        high: 4_000 * MB,
        certainty: Certainty::Published,
        source: "shared/kb artifacts.tsv (linter docs)",
        date: "2024",
        note: "anecdotes: 2.55 GB (cuda 11.2), 2.87 GB (cuda 12.9.1 ubi9)",
    },
    Def {
        key: "cudnn-devel-minus-devel",
        what: "nvidia/cuda cudnn-devel minus devel",
        est: 2_000 * MB,
        low: 1_200 * MB,
        high: 2_800 * MB,
        certainty: Certainty::Anecdote,
        source: "shared/kb artifacts.tsv",
        date: "2023-03-14",
        note: "",
    },
    Def {
        key: "cuda-runtime-libs",
        what: "CUDA toolkit runtime libraries (/usr/local/cuda-X) in a runtime image",
        est: 2_300 * MB,
        low: 1_500 * MB,
        high: 3_200 * MB,
        certainty: Certainty::Published,
        source: "shared/kb artifacts.tsv",
        date: "2024-03-08",
        note: "CUDA 11.8; duplicates the pip nvidia-* libraries when both are installed",
    },
    Def {
        key: "nvidia-site-packages",
        what: "site-packages/nvidia installed by torch's CUDA dependency wheels",
        est: 3_300 * MB,
        low: 2_600 * MB,
        high: 4_500 * MB,
        certainty: Certainty::Published,
        source: "shared/kb artifacts.tsv",
        date: "2024-03-08",
        note: "cudnn 1.2 GB, cublas 670 MB, nccl 176 MB",
    },
];

/// Placeholder ranges for things no measurement pins down: the size is
/// `SizeRange::unknown_within(low, high)` (geometric-mean estimate, counted as unknown), or,
/// when `est` is non-zero because measurements exist, that estimate inside the same range
/// (still counted as unknown: the range is not a measured spread).
const UNKNOWN_DEFS: &[Def] = &[
    Def {
        key: "context-dir",
        what: "a build-context directory copied without knowing its content",
        est: 0,
        low: 10_000,
        high: 500 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026-11-23",
        note: "from a few small files (10 kB) to a repository with assets or a stray .git (500 MB); no published distribution of context sizes",
    },
    Def {
        key: "context-file",
        what: "one named file from the build context (a script, a config, a requirements file)",
        est: 0,
        low: 100,
        high: MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026-11-23",
        note: "scripts, configs and lock files: 100 B to 1 MB (the calibration contexts' files: 13 B–24 kB)",
    },
    Def {
        key: "small-file",
        what: "a small file written or edited by a command (config, /etc/passwd, a copied-up file)",
        est: 0,
        low: 0,
        high: 100_000,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026-11-23",
        note: "edits of /etc files copy up files of a few kB",
    },
    Def {
        key: "command-output",
        what: "what an unrecognised command, a download or a make install may add",
        est: 0,
        low: 0,
        high: 500 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026-11-23",
        note: "nothing (a check) up to a toolchain-sized download; extracted archives and installer scripts fall here",
    },
    Def {
        key: "download",
        what: "a file downloaded with curl/wget/ADD from a URL no registry fact describes",
        est: 3 * MB,
        low: 1_000,
        high: 500 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026-11-23",
        note: "Dockerfiles download release binaries and tarballs (a few MB to tens of MB), sometimes a small script or a toolchain (hundreds of MB)",
    },
    Def {
        key: "build-output",
        what: "a build's output directory (npm run build, make, a compiled C program)",
        est: 0,
        low: 500,
        high: 200 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate; calibration lab tests/calibration/npm-ts-multistage line 7",
        date: "2026-11-23",
        note: "a small tsc project (lab: 879 B of dist/ + npm logs = 2,517 B) to a large front-end dist/ with source maps (200 MB)",
    },
    Def {
        key: "unreadable-manifest-deps",
        what: "dependencies named by a manifest that cannot be read (no context)",
        est: 0,
        low: MB,
        high: 2_000 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026-11-23",
        note: "a few small packages (1 MB) to an ML stack with CUDA wheels (published nvidia-* site-packages 2.6–4.5 GB is the far tail)",
    },
    Def {
        key: "npm-package",
        what: "unpacked size of an npm package when the embedded table has no sizes",
        est: 0,
        low: 1_000,
        high: 10 * MB,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate",
        date: "2026-11-23",
        note: "only used if the npm table is empty; a one-file package (1 kB) to a package with bundled binaries (10 MB)",
    },
    Def {
        key: "useradd-layer",
        what: "useradd/adduser layer: passwd/group/shadow copied up, skeleton files, lastlog/faillog",
        est: 8_900,
        low: 2_000,
        high: 1_500_000,
        certainty: Certainty::Inferred,
        source: "stagecraft estimate; calibration lab tests/calibration/copy-chown line 5",
        date: "2026-11-23",
        note: "lab layers (useradd -m / --system --create-home / --system, debian:bookworm): 8889, 8844, 4304 B, with a chown of a small tree 9951 B; estimate ≈ their upper middle; lastlog's apparent size grows ≈292 B × UID (≈292 kB for UID 1000) where the storage driver counts it",
    },
];

/// A placeholder range by key (`context-dir`, `context-file`, `small-file`,
/// `command-output`, `download`, `build-output`, `unreadable-manifest-deps`, `npm-package`,
/// `useradd-layer`): an
/// honest unknown (never zero-estimated), with why the bounds are what they are.
pub fn unknown_fact(key: &str) -> Option<Fact> {
    UNKNOWN_DEFS.iter().find(|d| d.key == key).map(|d| Fact {
        key: d.key,
        what: d.what,
        size: if d.est > 0 {
            let mut s = SizeRange::new(d.est, d.low, d.high);
            s.unknown = 1;
            s
        } else {
            SizeRange::unknown_within(d.low, d.high)
        },
        provenance: Provenance {
            source: Cow::Borrowed(d.source),
            date: Cow::Borrowed(d.date),
            certainty: d.certainty,
            note: Cow::Borrowed(d.note),
        },
    })
}

/// [`unknown_fact`]'s size; a key not in the table is unknown from 0 to `u64::MAX` (so a
/// typo can only widen a range, never zero it).
pub fn unknown_size(key: &str) -> SizeRange {
    unknown_fact(key).map_or_else(|| SizeRange::unknown_within(0, u64::MAX), |f| f.size)
}

/// All placeholder keys, in table order.
pub fn unknown_keys() -> Vec<&'static str> {
    UNKNOWN_DEFS.iter().map(|d| d.key).collect()
}

/// A fact by key: `go-toolchain`, `rust-toolchain`, `node-runtime`, `jdk-21`, `jre-21`,
/// `apt-lists-bookworm`, `apt-lists-uncompressed`, `go-binary`, `rust-binary`,
/// `go-build-cache`, `go-mod-cache`, `cargo-registry`, `cargo-target-release`,
/// `cargo-target-release-per-crate`, `cargo-registry-per-crate`, `go-binary-std`,
/// `go-build-cache-std`, `node-modules`, the ratios (bytes per 10^6 bytes)
/// `npm-cache-ratio`, `npm-cache-ratio-packuments`, `uv-cache-ratio`, `yarn-cache-ratio`,
/// `pnpm-cache-ratio`, `archive-extract-ratio`, `npm-tarball-ratio`, `venv-debian-bookworm`,
/// `torch-cpu-wheel`,
/// `cuda-devel-minus-runtime`, `cudnn-devel-minus-devel`, `cuda-runtime-libs`,
/// `nvidia-site-packages`.
pub fn artifact(key: &str) -> Option<Fact> {
    DEFS.iter().find(|d| d.key == key).map(|d| Fact {
        key: d.key,
        what: d.what,
        size: SizeRange::new(d.est, d.low, d.high),
        provenance: Provenance {
            source: Cow::Borrowed(d.source),
            date: Cow::Borrowed(d.date),
            certainty: d.certainty,
            note: Cow::Borrowed(d.note),
        },
    })
}

/// All artifact keys, in table order.
pub fn artifact_keys() -> Vec<&'static str> {
    DEFS.iter().map(|d| d.key).collect()
}

/// One row of shared/kb `artifacts.tsv` (layers, wheels, CUDA deltas), as published there.
/// Byte figures of `layer:` rows are *compressed* layer sizes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArtifactRow {
    /// Description, e.g. `layer: Go toolchain /usr/local/go (go 1.25.12 linux-amd64)`.
    pub artifact: &'static str,
    /// Size (typical, with the row's low/high when given; unknown when the row is a gap).
    pub size: SizeRange,
    /// Source and certainty.
    pub provenance: Provenance,
}

/// The shared/kb artifact rows (e.g. for a "facts" panel in the UI).
pub fn artifact_rows() -> Vec<ArtifactRow> {
    ARTIFACTS_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let c: Vec<&'static str> = l.split('\t').collect();
            let g = |i: usize| c.get(i).copied().unwrap_or("");
            let typ: Option<u64> = g(1).parse().ok();
            let lo: Option<u64> = g(2).parse().ok();
            let hi: Option<u64> = g(3).parse().ok();
            let size = match typ {
                Some(t) => SizeRange::new(t, lo.unwrap_or(t), hi.unwrap_or(t)),
                None => {
                    SizeRange::unknown_within(lo.unwrap_or(1), hi.unwrap_or(u64::from(u32::MAX)))
                }
            };
            let certainty = Certainty::from_word(g(4)).unwrap_or(Certainty::Anecdote);
            ArtifactRow {
                artifact: g(0),
                size,
                provenance: Provenance::fixed(g(5), "", certainty),
            }
        })
        .collect()
}
