//! Acceptance: the apt resolver against real installs measured in a Debian bookworm minbase
//! chroot with the slim dpkg excludes (tests/fixtures/kb/apt, made by scripts/kb/measure_apt.sh).

use stagecraft_knowledge::{resolve_apt, BaseSet, PackageSet};
use std::collections::BTreeSet;

const BASE: &str = include_str!("../../../tests/fixtures/kb/apt/base-minbase.tsv");

struct Fixture {
    command: &'static str,
    du_added: u64,
    /// Package names the real install added (upgrades of base packages excluded).
    added: BTreeSet<&'static str>,
}

fn names(tsv: &'static str) -> BTreeSet<&'static str> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect()
}

fn fixture(tsv: &'static str) -> Fixture {
    let base = names(BASE);
    let header = |key: &str| {
        tsv.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(str::trim)
            .unwrap_or_else(|| panic!("fixture lacks {key}"))
    };
    Fixture {
        command: header("# apt-get install -y"),
        du_added: header("# du_added_bytes:").parse().expect("du bytes"),
        added: names(tsv)
            .into_iter()
            .filter(|n| !base.contains(n))
            .collect(),
    }
}

fn slim_base() -> PackageSet {
    BaseSet::Minbase { slim: true }.packages()
}

#[test]
fn minbase_matches_debootstrap() {
    let ours: BTreeSet<String> = slim_base().iter().map(str::to_string).collect();
    let real: BTreeSet<String> = names(BASE).into_iter().map(str::to_string).collect();
    assert_eq!(ours, real);
}

/// Resolves the fixture's command and checks package set and size.
#[allow(clippy::print_stdout)] // the report line is the point of the acceptance run
fn check(tsv: &'static str, install: &[&str], recommends: bool, exact_set: bool) -> (f64, usize) {
    let f = fixture(tsv);
    // Fixtures named full-* were measured with docs kept (debian:bookworm rather than -slim).
    let base = if tsv.contains("docs kept") {
        BaseSet::Minbase { slim: false }.packages()
    } else {
        slim_base()
    };
    let r = resolve_apt(install, &base, recommends);
    assert!(
        r.unknown.is_empty(),
        "{}: unknown {:?}",
        f.command,
        r.unknown
    );
    let ours: BTreeSet<&str> = r.names().into_iter().collect();
    let missing: Vec<_> = f.added.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&f.added).collect();
    if exact_set {
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            f.command
        );
    }
    let err = (r.total.estimate as f64 - f.du_added as f64) / f.du_added as f64;
    println!(
        "{}: real {} ours {} ({:+.1} %), {} pkgs, missing {missing:?} extra {extra:?}",
        f.command,
        f.du_added,
        r.total,
        err * 100.0,
        ours.len()
    );
    assert!(
        err.abs() <= 0.10,
        "{}: estimate {} vs real {} ({:+.1} %)",
        f.command,
        r.total.estimate,
        f.du_added,
        err * 100.0
    );
    assert!(
        r.total.contains(f.du_added),
        "{}: real {} outside {}",
        f.command,
        f.du_added,
        r.total
    );
    (err, missing.len() + extra.len())
}

#[test]
fn build_essential_no_recommends() {
    check(
        include_str!("../../../tests/fixtures/kb/apt/build-essential.tsv"),
        &["build-essential"],
        false,
        true,
    );
}

#[test]
fn curl_ca_certificates() {
    check(
        include_str!("../../../tests/fixtures/kb/apt/curl.tsv"),
        &["curl", "ca-certificates"],
        false,
        true,
    );
}

#[test]
fn python3_pip() {
    check(
        include_str!("../../../tests/fixtures/kb/apt/python3-pip.tsv"),
        &["python3", "python3-pip"],
        false,
        true,
    );
}

#[test]
fn git_no_recommends() {
    check(
        include_str!("../../../tests/fixtures/kb/apt/git.tsv"),
        &["git"],
        false,
        true,
    );
}

#[test]
fn git_with_recommends() {
    let (_, diff) = check(
        include_str!("../../../tests/fixtures/kb/apt/git-recommends.tsv"),
        &["git"],
        true,
        false,
    );
    assert!(diff <= 3, "git with recommends: {diff} packages differ");
}

#[test]
fn python3_pip_with_recommends() {
    let (_, diff) = check(
        include_str!("../../../tests/fixtures/kb/apt/python3-pip-recommends.tsv"),
        &["python3", "python3-pip"],
        true,
        false,
    );
    assert!(
        diff <= 8,
        "python3-pip with recommends: {diff} packages differ"
    );
}

#[test]
fn docs_kept_build_essential() {
    check(
        include_str!("../../../tests/fixtures/kb/apt/full-build-essential.tsv"),
        &["build-essential"],
        false,
        true,
    );
}

#[test]
fn docs_kept_git() {
    check(
        include_str!("../../../tests/fixtures/kb/apt/full-git.tsv"),
        &["git"],
        false,
        true,
    );
}

#[test]
fn docs_kept_python3_pip() {
    check(
        include_str!("../../../tests/fixtures/kb/apt/full-python3-pip.tsv"),
        &["python3", "python3-pip"],
        false,
        true,
    );
}

#[test]
fn base_is_free_and_unknown_is_not_zero() {
    let base = slim_base();
    let r = resolve_apt(&["bash", "coreutils"], &base, false);
    assert!(r.packages.is_empty());
    assert_eq!(r.total.estimate, 0);
    let r = resolve_apt(&["no-such-package-xyz"], &base, false);
    assert_eq!(r.unknown, vec!["no-such-package-xyz".to_string()]);
    assert!(r.total.estimate > 0 && r.total.has_unknown());
    // Versions, suites and arch qualifiers are stripped.
    let r = resolve_apt(&["curl=7.88.1-10+deb12u14", "wget/bookworm"], &base, false);
    assert!(r.names().contains(&"curl") && r.names().contains(&"wget"));
}

#[test]
fn chained_installs_do_not_double_count() {
    let mut set = slim_base();
    let a = resolve_apt(&["curl"], &set, false);
    set.add_resolution(&a);
    let b = resolve_apt(&["git"], &set, false);
    let both = resolve_apt(&["curl", "git"], &slim_base(), false);
    assert_eq!(a.installed_size + b.installed_size, both.installed_size);
}

#[cfg(feature = "trixie")]
#[test]
fn trixie_table_resolves_trixie_names() {
    use stagecraft_knowledge::DebianRelease;
    let mut base = BaseSet::Minbase { slim: true }.packages_in(DebianRelease::Trixie);
    base.release = DebianRelease::Trixie;
    assert!(base.contains("apt") && !base.contains("usrmerge"));
    let r = resolve_apt(&["build-essential"], &base, false);
    assert!(r.unknown.is_empty(), "{:?}", r.unknown);
    assert!(r.names().contains(&"gcc-14"), "{:?}", r.names());
    assert!(r.provenance.source.contains("trixie"));
}

#[test]
fn images_pick_their_release() {
    use stagecraft_knowledge::{lookup_image, DebianRelease, ImageLookup};
    let ImageLookup::Known(f) = lookup_image("python:3.12-slim") else {
        panic!("python:3.12-slim unknown")
    };
    assert_eq!(f.debian_release, Some(DebianRelease::Trixie));
    let set = f.apt_packages().expect("debian image has packages");
    assert_eq!(set.release, DebianRelease::Trixie);
    assert!(set.docs_excluded);
    let r = resolve_apt(&["libpq-dev"], &set, false);
    assert!(r.unknown.is_empty(), "{:?}", r.unknown);
    if !DebianRelease::Trixie.has_table() {
        assert_eq!(
            r.provenance.certainty,
            stagecraft_knowledge::Certainty::Inferred
        );
    }
    let ImageLookup::Known(n) = lookup_image("node:22") else {
        panic!("node:22 unknown")
    };
    assert_eq!(n.debian_release, Some(DebianRelease::Bookworm));
    let full = n.apt_packages().expect("packages");
    assert!(full.contains("gcc") && full.contains("git") && !full.docs_excluded);
}

#[cfg(feature = "trixie")]
#[test]
fn trixie_minbase_matches_debootstrap() {
    use stagecraft_knowledge::DebianRelease;
    let ours: BTreeSet<String> = BaseSet::Minbase { slim: true }
        .packages_in(DebianRelease::Trixie)
        .iter()
        .map(str::to_string)
        .collect();
    let real: BTreeSet<String> = names(include_str!(
        "../../../tests/fixtures/kb/apt/trixie-base-minbase.tsv"
    ))
    .into_iter()
    .map(str::to_string)
    .collect();
    let missing: Vec<_> = real.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&real).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?} extra {extra:?}"
    );
}

/// Same check on trixie (python:3.x-slim, golang, rust images are trixie-based).
#[cfg(feature = "trixie")]
fn check_trixie(tsv: &'static str, install: &[&str]) {
    use stagecraft_knowledge::DebianRelease;
    let base_names = names(include_str!(
        "../../../tests/fixtures/kb/apt/trixie-base-minbase.tsv"
    ));
    let du: u64 = tsv
        .lines()
        .find_map(|l| l.strip_prefix("# du_added_bytes:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("du bytes");
    let want: BTreeSet<&str> = names(tsv)
        .into_iter()
        .filter(|n| !base_names.contains(n))
        .collect();
    let mut base = BaseSet::Minbase { slim: true }.packages_in(DebianRelease::Trixie);
    base.release = DebianRelease::Trixie;
    let r = resolve_apt(install, &base, false);
    let ours: BTreeSet<&str> = r.names().into_iter().collect();
    let missing: Vec<_> = want.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "trixie {install:?}: missing {missing:?} extra {extra:?}"
    );
    let err = (r.total.estimate as f64 - du as f64) / du as f64;
    assert!(
        err.abs() <= 0.10,
        "trixie {install:?}: {} vs real {du}",
        r.total
    );
}

#[cfg(feature = "trixie")]
#[test]
fn trixie_build_essential() {
    check_trixie(
        include_str!("../../../tests/fixtures/kb/apt/trixie-build-essential.tsv"),
        &["build-essential"],
    );
}

#[cfg(feature = "trixie")]
#[test]
fn trixie_python3_pip() {
    check_trixie(
        include_str!("../../../tests/fixtures/kb/apt/trixie-python3-pip.tsv"),
        &["python3", "python3-pip"],
    );
}

#[test]
fn tools_of_an_install_name_their_package() {
    use stagecraft_knowledge::debian_tools;
    let mut set = slim_base();
    assert!(!debian_tools(&set).iter().any(|t| t.tool == "gcc"));
    set.add_resolution(&resolve_apt(&["build-essential", "curl"], &set, false));
    let tools = debian_tools(&set);
    let find = |n: &str| tools.iter().find(|t| t.tool == n).map(|t| t.package);
    assert_eq!(find("gcc"), Some("gcc-12"));
    assert_eq!(find("make"), Some("make"));
    assert_eq!(find("curl"), Some("curl"));
    assert_eq!(find("sh"), Some("dash"));
    assert_eq!(find("git"), None);
}

#[cfg(feature = "trixie")]
#[test]
fn trixie_tools_use_trixie_packages() {
    use stagecraft_knowledge::{debian_tools, DebianRelease};
    let mut set = BaseSet::Minbase { slim: true }.packages_in(DebianRelease::Trixie);
    set.release = DebianRelease::Trixie;
    set.add_resolution(&resolve_apt(&["build-essential", "python3"], &set, false));
    let tools = debian_tools(&set);
    let find = |n: &str| tools.iter().find(|t| t.tool == n).map(|t| t.package);
    assert_eq!(find("gcc"), Some("gcc-14"));
    assert_eq!(find("python3"), Some("python3.13-minimal"));
}
