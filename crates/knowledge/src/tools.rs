//! Which Debian package provides which common executable (curated; the Packages lists carry
//! no file lists). Used to answer "gcc is in your final image because build-essential pulled
//! in gcc-12".

use crate::debian::PackageSet;
use serde::Serialize;

/// (executable, Debian packages that provide it, first match wins). Version-suffixed
/// packages: bookworm's first (gcc-12, python3.11, openjdk-17), then trixie's (gcc-14,
/// python3.13, openjdk-21).
const DEBIAN_TOOLS: &[(&str, &[&str])] = &[
    ("apt-get", &["apt"]),
    ("as", &["binutils-x86-64-linux-gnu"]),
    ("bash", &["bash"]),
    ("bzip2", &["bzip2"]),
    ("c++", &["g++-12", "g++-14"]),
    ("cargo", &["cargo"]),
    ("cc", &["gcc-12", "gcc-14"]),
    ("clang", &["clang-14", "clang-19", "clang"]),
    ("cmake", &["cmake"]),
    ("convert", &["imagemagick-6.q16", "imagemagick-7.q16"]),
    ("curl", &["curl"]),
    ("dpkg", &["dpkg"]),
    ("dumb-init", &["dumb-init"]),
    ("ffmpeg", &["ffmpeg"]),
    ("file", &["file"]),
    ("g++", &["g++-12", "g++-14"]),
    ("gcc", &["gcc-12", "gcc-14"]),
    ("gdb", &["gdb"]),
    ("gfortran", &["gfortran-12", "gfortran-14"]),
    ("git", &["git"]),
    ("go", &["golang-1.19-go", "golang-1.24-go"]),
    ("gosu", &["gosu"]),
    ("gpg", &["gpg"]),
    ("gzip", &["gzip"]),
    ("hg", &["mercurial"]),
    (
        "java",
        &["openjdk-17-jre-headless", "openjdk-21-jre-headless"],
    ),
    (
        "javac",
        &["openjdk-17-jdk-headless", "openjdk-21-jdk-headless"],
    ),
    ("jq", &["jq"]),
    ("ld", &["binutils-x86-64-linux-gnu"]),
    ("less", &["less"]),
    ("make", &["make"]),
    ("mariadb", &["mariadb-client"]),
    ("mysql", &["mariadb-client"]),
    ("nano", &["nano"]),
    ("nc", &["netcat-openbsd", "netcat-traditional"]),
    ("nginx", &["nginx"]),
    ("node", &["nodejs"]),
    ("npm", &["npm"]),
    ("openssl", &["openssl"]),
    ("patch", &["patch"]),
    ("perl", &["perl-base"]),
    ("php", &["php8.2-cli", "php8.4-cli"]),
    ("ping", &["iputils-ping"]),
    ("pip", &["python3-pip"]),
    ("pip3", &["python3-pip"]),
    ("pkg-config", &["pkgconf", "pkg-config"]),
    ("ps", &["procps"]),
    ("psql", &["postgresql-client-15", "postgresql-client-17"]),
    ("python3", &["python3.11-minimal", "python3.13-minimal"]),
    ("rsync", &["rsync"]),
    ("ruby", &["ruby3.1", "ruby3.3"]),
    ("rustc", &["rustc"]),
    ("scp", &["openssh-client"]),
    ("sh", &["dash"]),
    ("ssh", &["openssh-client"]),
    ("sqlite3", &["sqlite3"]),
    ("strace", &["strace"]),
    ("sudo", &["sudo"]),
    ("supervisord", &["supervisor"]),
    ("svn", &["subversion"]),
    ("tar", &["tar"]),
    ("tini", &["tini"]),
    ("unzip", &["unzip"]),
    ("vim", &["vim", "vim-tiny"]),
    ("wget", &["wget"]),
    ("xz", &["xz-utils"]),
    ("zip", &["zip"]),
];

/// A tool present in a package set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ToolInPackage {
    /// Executable name.
    pub tool: &'static str,
    /// Debian package providing it.
    pub package: &'static str,
}

/// The common executables present in a Debian package set, sorted by tool name.
pub fn debian_tools(set: &PackageSet) -> Vec<ToolInPackage> {
    DEBIAN_TOOLS
        .iter()
        .filter_map(|(tool, pkgs)| {
            pkgs.iter()
                .find(|p| set.contains(p))
                .map(|p| ToolInPackage { tool, package: p })
        })
        .collect()
}

/// The Debian packages that provide `tool` (curated list; empty when not listed).
pub fn debian_packages_for_tool(tool: &str) -> &'static [&'static str] {
    DEBIAN_TOOLS
        .iter()
        .find(|(t, _)| *t == tool)
        .map_or(&[], |(_, p)| p)
}
