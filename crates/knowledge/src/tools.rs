//! Which Debian package provides which common executable (curated; the Packages lists carry
//! no file lists). Used to answer "gcc is in your final image because build-essential pulled
//! in gcc-12".

use crate::debian::PackageSet;
use serde::Serialize;

/// (executable, Debian packages that provide it, first match wins). Version-suffixed
/// packages are bookworm's (gcc-12, python3.11, openjdk-17).
const DEBIAN_TOOLS: &[(&str, &[&str])] = &[
    ("apt-get", &["apt"]),
    ("as", &["binutils-x86-64-linux-gnu"]),
    ("bash", &["bash"]),
    ("bzip2", &["bzip2"]),
    ("c++", &["g++-12"]),
    ("cargo", &["cargo"]),
    ("cc", &["gcc-12"]),
    ("clang", &["clang-14", "clang"]),
    ("cmake", &["cmake"]),
    ("convert", &["imagemagick-6.q16"]),
    ("curl", &["curl"]),
    ("dpkg", &["dpkg"]),
    ("dumb-init", &["dumb-init"]),
    ("ffmpeg", &["ffmpeg"]),
    ("file", &["file"]),
    ("g++", &["g++-12"]),
    ("gcc", &["gcc-12"]),
    ("gdb", &["gdb"]),
    ("gfortran", &["gfortran-12"]),
    ("git", &["git"]),
    ("go", &["golang-1.19-go"]),
    ("gosu", &["gosu"]),
    ("gpg", &["gpg"]),
    ("gzip", &["gzip"]),
    ("hg", &["mercurial"]),
    ("java", &["openjdk-17-jre-headless"]),
    ("javac", &["openjdk-17-jdk-headless"]),
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
    ("php", &["php8.2-cli"]),
    ("ping", &["iputils-ping"]),
    ("pip", &["python3-pip"]),
    ("pip3", &["python3-pip"]),
    ("pkg-config", &["pkgconf", "pkg-config"]),
    ("ps", &["procps"]),
    ("psql", &["postgresql-client-15"]),
    ("python3", &["python3.11-minimal"]),
    ("rsync", &["rsync"]),
    ("ruby", &["ruby3.1"]),
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
