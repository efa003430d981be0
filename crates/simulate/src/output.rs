//! What the simulation reports: per stage its layers with effects and sizes, and for every stage
//! (and the final image) the files, tools, caches and likely secrets with their why-chains.
//! These types serialise to the `stages` / `final` parts of the analysis JSON (version 1).

use std::sync::Arc;

use serde::Serialize;
use stagecraft_knowledge::SizeRange;
use stagecraft_syntax::TextRange;

/// One step of a why-chain: the instruction that caused something, newest first.
///
/// The strings are shared (`Arc<str>`): one instruction explains every file and tool it
/// touched, in every stage that inherits them, so copying a step must not copy its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    /// Stage index of the instruction.
    pub stage: u32,
    /// 1-based line.
    pub line: u32,
    /// The instruction, shortened to one line.
    #[serde(serialize_with = "shared_str")]
    pub instruction: Arc<str>,
    /// What it did here (e.g. `build-essential → gcc-12`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "shared_opt_str"
    )]
    pub note: Option<Arc<str>>,
}

/// `Arc<str>` as a JSON string (serde's `rc` feature would do the same for every crate).
fn shared_str<S: serde::Serializer>(s: &Arc<str>, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s)
}

/// For `skip_serializing_if` on shared strings.
fn is_empty(s: &Arc<str>) -> bool {
    s.is_empty()
}

fn shared_opt_str<S: serde::Serializer>(s: &Option<Arc<str>>, ser: S) -> Result<S::Ok, S::Error> {
    match s {
        Some(s) => ser.serialize_some(&**s),
        None => ser.serialize_none(),
    }
}

/// A shared why-chain as a JSON array.
fn shared_why<S: serde::Serializer>(s: &Arc<[Why]>, ser: S) -> Result<S::Ok, S::Error> {
    ser.collect_seq(s.iter())
}

/// Where a file in a stage came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileSource {
    /// Created by an instruction of this stage index (RUN, or COPY --from of that stage).
    Stage(u32),
    /// Copied from the build context.
    Context(bool),
    /// Part of this external image.
    Image(String),
}

/// What kind of thing a file entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// One file.
    File,
    /// A directory tree with many files (context directory, site-packages entry, node_modules).
    Tree,
    /// Installed OS packages (apt/apk); the path is symbolic.
    Packages,
    /// The file system of a base image.
    Image,
    /// A package-manager or build cache.
    Cache,
}

/// A file or tree present in a stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileInfo {
    /// Absolute path in the image (`*` as the last component: a name we cannot know).
    /// Shared with the simulation's file table: every stage lists its files, so a `String` here
    /// meant one allocation per file per stage.
    #[serde(serialize_with = "shared_str")]
    pub path: Arc<str>,
    /// What it is.
    pub kind: FileKind,
    /// Where it came from.
    pub source: FileSource,
    /// Its size.
    pub size: SizeRange,
    /// A short description (`flask 3.0.3`, `apt: build-essential (+24 packages)`).
    #[serde(skip_serializing_if = "is_empty", serialize_with = "shared_str")]
    pub what: Arc<str>,
    /// Why it is there, newest step first (shared by everything the same steps put there).
    #[serde(serialize_with = "shared_why")]
    pub why: Arc<[Why]>,
}

/// What an executable is for, so the UI can highlight build tooling left in an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolKind {
    /// Compilers, assemblers and linkers (gcc, clang, rustc, go, javac, nvcc…).
    Compiler,
    /// Build drivers and generators (make, cmake, ninja, autotools, cargo, mvn, gradle…).
    Build,
    /// Package managers (apt, apk, pip, npm, yarn, conda, gem…).
    PackageManager,
    /// Version control (git, svn, hg).
    Vcs,
    /// Network downloaders (curl, wget).
    Downloader,
    /// Anything else.
    Other,
}

impl ToolKind {
    /// Classify an executable by its name.
    ///
    /// `Compiler` ∪ `Build` is exactly the set the check crate's `is_build_tool` list names,
    /// so that crate can switch to [`ToolInfo::is_build_tool`] without changing findings.
    pub fn of(name: &str) -> ToolKind {
        match name {
            "gcc" | "g++" | "cc" | "c++" | "cpp" | "clang" | "clang++" | "ld" | "as" | "go"
            | "gofmt" | "rustc" | "javac" | "nvcc" | "gfortran" => ToolKind::Compiler,
            "make" | "cmake" | "ninja" | "autoconf" | "automake" | "libtool" | "pkg-config"
            | "meson" | "bison" | "flex" | "cargo" | "rustup" | "mvn" | "gradle" | "dotnet" => {
                ToolKind::Build
            }
            "apt" | "apt-get" | "apt-cache" | "dpkg" | "apk" | "pip" | "pip3" | "pipx" | "npm"
            | "npx" | "yarn" | "pnpm" | "corepack" | "conda" | "mamba" | "micromamba" | "uv"
            | "poetry" | "gem" | "bundle" => ToolKind::PackageManager,
            "git" | "svn" | "hg" => ToolKind::Vcs,
            "curl" | "wget" => ToolKind::Downloader,
            _ => ToolKind::Other,
        }
    }

    /// True for compilers and build tools (what a slim runtime image should not carry).
    pub fn is_build_tool(self) -> bool {
        matches!(self, ToolKind::Compiler | ToolKind::Build)
    }
}

/// An executable present in a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
///
/// The strings are shared with the simulation's own tool list: every stage lists the tools of
/// its base again.
pub struct ToolInfo {
    /// Executable name.
    #[serde(serialize_with = "shared_str")]
    pub name: Arc<str>,
    /// What it is for ([`ToolKind::of`] the name).
    pub kind: ToolKind,
    /// Package providing it (Debian/Alpine package, or `base image`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "shared_opt_str"
    )]
    pub package: Option<Arc<str>>,
    /// Where it lives (best knowledge).
    #[serde(serialize_with = "shared_str")]
    pub path: Arc<str>,
    /// Why it is there.
    #[serde(serialize_with = "shared_why")]
    pub why: Arc<[Why]>,
}

impl ToolInfo {
    /// True for compilers and build tools ([`ToolKind::is_build_tool`]).
    pub fn is_build_tool(&self) -> bool {
        self.kind.is_build_tool()
    }
}

/// A cache left in a layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CacheInfo {
    /// Which cache (`apt_lists`, `pip`, `npm`, …).
    pub kind: String,
    /// Where.
    pub path: String,
    /// How big.
    pub size: SizeRange,
    /// Why it is there.
    #[serde(serialize_with = "shared_why")]
    pub why: Arc<[Why]>,
}

/// A likely secret baked into the image (or its history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretInfo {
    /// `file`, `env` or `arg`.
    pub kind: String,
    /// Path or variable name.
    pub name: String,
    /// Why we think it is a secret.
    pub reason: String,
    /// Why it is there.
    pub why: Vec<Why>,
}

/// One recognised effect of an instruction, as the user sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectInfo {
    /// Machine-readable kind (`apt_install`, `copy`, `unknown`, …).
    pub kind: &'static str,
    /// One line for people.
    pub summary: String,
    /// Bytes this effect adds to the layer (before same-layer deletions).
    pub size: SizeRange,
    /// True when the effect could not be recognised or sized from facts.
    pub unknown: bool,
    /// The part of the instruction it comes from.
    pub range: TextRange,
}

/// One instruction of a stage and the layer it produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerInfo {
    /// 1-based line.
    pub line: u32,
    /// The instruction, shortened to one line.
    pub instruction: String,
    /// Upper-case keyword.
    pub keyword: String,
    /// Span of the instruction.
    pub range: TextRange,
    /// True when the instruction creates a filesystem layer (RUN, COPY, ADD, WORKDIR).
    pub creates_layer: bool,
    /// Bytes the layer adds (uncompressed).
    pub added: SizeRange,
    /// What it does.
    pub effects: Vec<EffectInfo>,
}

/// The base of a stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaseInfo {
    /// The reference (image, `stage N`, or `scratch`).
    pub reference: String,
    /// Stage index when the base is a stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<u32>,
    /// Uncompressed size of the base.
    pub size: SizeRange,
    /// Download size of the base.
    pub compressed: SizeRange,
    /// How the knowledge base matched it (`exact`, `alias`, `nearest`, `model`, `unknown`).
    pub matched: String,
}

/// The simulation of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageInfo {
    /// 0-based index.
    pub index: u32,
    /// `AS` name.
    pub name: Option<String>,
    /// True when the chosen target builds it.
    pub reachable: bool,
    /// The base.
    pub base: BaseInfo,
    /// Total uncompressed size (base + layers).
    pub size: SizeRange,
    /// Estimated download size.
    pub compressed: SizeRange,
    /// Layers, in order (FROM excluded).
    pub layers: Vec<LayerInfo>,
    /// Files and trees present at the end of the stage.
    pub files: Vec<FileInfo>,
    /// Executables present at the end of the stage.
    pub tools: Vec<ToolInfo>,
    /// Caches present at the end of the stage.
    pub caches: Vec<CacheInfo>,
    /// Likely secrets.
    pub secrets: Vec<SecretInfo>,
}

/// The final image: the target stage seen from outside.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalImage {
    /// Index of the target stage.
    pub stage: u32,
    /// Uncompressed size (`docker image inspect` Size).
    pub size: SizeRange,
    /// Estimated download size.
    pub compressed: SizeRange,
    /// Files and trees.
    pub files: Vec<FileInfo>,
    /// Executables.
    pub tools: Vec<ToolInfo>,
    /// Caches.
    pub caches: Vec<CacheInfo>,
    /// Likely secrets.
    pub secrets: Vec<SecretInfo>,
}

/// The result of [`crate::run`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    /// Every stage, in file order.
    pub stages: Vec<StageInfo>,
    /// The target stage's image; `None` when there is no stage.
    #[serde(rename = "final")]
    pub final_image: Option<FinalImage>,
}

#[cfg(test)]
mod tests {
    use super::ToolKind;

    /// The names `stagecraft-check`'s `simulated::is_build_tool` lists today: compiler ∪ build
    /// must stay exactly this set so that crate can switch to `ToolInfo::is_build_tool`.
    const CHECK_BUILD_TOOLS: &[&str] = &[
        "gcc",
        "g++",
        "cc",
        "c++",
        "cpp",
        "clang",
        "clang++",
        "ld",
        "as",
        "make",
        "cmake",
        "ninja",
        "autoconf",
        "automake",
        "libtool",
        "pkg-config",
        "go",
        "gofmt",
        "rustc",
        "cargo",
        "rustup",
        "javac",
        "mvn",
        "gradle",
        "nvcc",
        "gfortran",
        "meson",
        "bison",
        "flex",
        "dotnet",
    ];

    #[test]
    fn build_tools_match_the_check_crate_list() {
        for name in CHECK_BUILD_TOOLS {
            assert!(ToolKind::of(name).is_build_tool(), "{name}");
        }
        for name in [
            "apt-get", "pip", "npm", "git", "curl", "wget", "python3", "node", "bash", "gcc-12",
        ] {
            assert!(!ToolKind::of(name).is_build_tool(), "{name}");
        }
    }

    #[test]
    fn kinds_serialise_in_snake_case() {
        let kinds = [
            ToolKind::of("gcc"),
            ToolKind::of("cmake"),
            ToolKind::of("apt-get"),
            ToolKind::of("git"),
            ToolKind::of("curl"),
            ToolKind::of("python3"),
        ];
        assert_eq!(
            serde_json::to_string(&kinds).unwrap(),
            r#"["compiler","build","package_manager","vcs","downloader","other"]"#
        );
    }
}
