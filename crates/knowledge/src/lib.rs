//! Facts about base images, tools inside them, and package/artifact sizes — generated tables
//! with provenance. Pure data and lookups; nothing here does I/O at run time: the tables are
//! embedded with `include_str!` and parsed once on first use (the big package tables as
//! columnar copies of their TSV, see `scripts/kb/gen_columns.py`).
//!
//! Entry points:
//! - [`SizeRange`]: byte sizes as `{estimate, low, high}` (+ count of unknown parts).
//! - [`lookup_image`]: base image facts (sizes, OS, tools, Debian package set).
//! - [`resolve_apt`]: what `apt-get install` adds on top of a [`PackageSet`].
//! - [`resolve_pip`]: what `pip install` adds (wheel and installed sizes).
//! - [`resolve_npm`] / [`npm_lock_size`]: node_modules from ranges or a lock file.
//! - [`resolve_apk`]: `apk add` estimates.
//! - [`artifact`]: toolchains, typical build outputs, caches, CUDA facts.
//!
//! See `crates/knowledge/README.md` for sources, generators and coverage.
//!
//! ```
//! use stagecraft_knowledge::*;
//! let ImageLookup::Known(img) = lookup_image("python:3.11-slim") else { panic!() };
//! let mut pkgs = img.apt_packages().unwrap_or_default(); // what the base has
//! let r = resolve_apt(&["build-essential"], &pkgs, false); // --no-install-recommends
//! assert!(r.names().contains(&"make") && r.unknown.is_empty());
//! pkgs.add_resolution(&r); // the next RUN starts from here
//! assert!(debian_tools(&pkgs).iter().any(|t| t.tool == "gcc"));
//! let mut opts = PipOptions {
//!     python_minor: img.python_minor().unwrap_or(12),
//!     ..Default::default()
//! };
//! opts.installed = img.pip_preinstalled();
//! let p = resolve_pip(&["flask", "gunicorn"], &opts);
//! assert!(p.installed.estimate > p.download.estimate);
//! let n = resolve_npm(&[("express", "^5")]);
//! assert!(n.total.estimate > 1_000_000);
//! assert!(artifact("go-binary").is_some());
//! ```

pub mod alpine;
pub mod artifacts;
mod columns;
pub mod debian;
pub mod image;
pub mod npm;
pub mod provenance;
pub mod pypi;
pub mod size;
pub mod tools;

pub use alpine::{apk_package, resolve_apk, ApkPackage, ApkResolution};
pub use artifacts::{
    artifact, artifact_keys, artifact_rows, unknown_fact, unknown_keys, unknown_size, ArtifactRow,
    Fact,
};
pub use debian::{
    base_package_set, debian_package, debian_package_in, resolve_apt, AptPackage, AptResolution,
    BaseSet, DebPackage, DebianRelease, PackageSet,
};
pub use image::{
    lookup_image, parse_image_ref, ImageFacts, ImageLookup, ImageRef, MatchKind, OsFamily,
    Presence, ToolFact,
};
pub use npm::{npm_lock_size, npm_package, resolve_npm, NpmPackage, NpmResolution, NpmResolved};
pub use provenance::{Certainty, Provenance};
pub use pypi::{
    parse_requirement, python_package, resolve_pip, resolve_pip_index, PipOptions, PipPackage,
    PipResolution, PyPackage, Requirement, WheelKind,
};
pub use size::{human_bytes, SizeRange};
pub use tools::{debian_packages_for_tool, debian_tools, ToolInPackage};
