//! Facts about base images, tools inside them, and package/artifact sizes — generated tables
//! with provenance. Pure data and lookups; nothing here does I/O at run time: the tables are
//! embedded with `include_str!` and parsed once on first use.
//!
//! Entry points:
//! - [`SizeRange`]: byte sizes as `{estimate, low, high}` (+ count of unknown parts).
//! - [`lookup_image`]: base image facts (sizes, OS, tools, Debian package set).
//! - [`resolve_apt`]: what `apt-get install` adds on top of a [`PackageSet`].
//!
//! See `crates/knowledge/README.md` for sources, generators and coverage.

pub mod debian;
pub mod image;
pub mod provenance;
pub mod size;

pub use debian::{
    base_package_set, debian_package, resolve_apt, AptPackage, AptResolution, BaseSet, DebPackage,
    PackageSet,
};
pub use image::{
    lookup_image, parse_image_ref, ImageFacts, ImageLookup, ImageRef, MatchKind, OsFamily,
    Presence, ToolFact,
};
pub use provenance::{Certainty, Provenance};
pub use size::{human_bytes, SizeRange};
