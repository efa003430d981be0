//! Size rules that the calibration lab (tests/calibration) pinned down.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use stagecraft_knowledge::{npm_lock_size, resolve_pip, PipOptions};

#[test]
fn npm_exact_version_is_its_unpacked_size_plus_a_lock_entry() {
    // yarn 1.22.22: 5,340,487 B of files (npm pack); no per-directory overhead.
    let r = npm_lock_size(&[("yarn", "1.22.22")]);
    assert!(
        (5_340_487..5_343_000).contains(&r.total.estimate),
        "{:?}",
        r.total
    );
}

#[test]
fn npm_other_version_prefers_the_same_major() {
    // 5.6.3 is not embedded: 5.9.3 (23.6 MB) sizes it, not the 7.x shim (2.5 MB).
    let r = npm_lock_size(&[("typescript", "5.6.3")]);
    assert!(r.total.estimate > 20_000_000, "{:?}", r.total);
    assert!(
        r.total.contains(22_437_312),
        "lab curl-tarball line 3: {:?}",
        r.total
    );
}

#[test]
fn npm_other_major_gets_an_order_of_magnitude_range() {
    // No typescript 4.x row: the newest row of another major, ×0.1…×10.
    let r = npm_lock_size(&[("typescript", "4.9.5")]);
    let t = r.total;
    assert!(t.low * 50 < t.high, "{t:?}");
}

#[test]
fn a_measured_release_lends_its_ratio_to_other_releases() {
    let opts = PipOptions {
        python_minor: 11,
        compile: true,
        ..PipOptions::default()
    };
    // pandas 3.1.1 is not in the calibration table; 2.3.2 is (5.96× compiled), and its
    // ratio beats the median of all binary wheels.
    let r = resolve_pip(&["pandas==3.1.1"], &opts);
    let p = r.packages.iter().find(|p| p.name == "pandas").unwrap();
    let ratio = p.installed.estimate as f64 / p.download.estimate as f64;
    assert!((5.5..6.5).contains(&ratio), "{ratio}");
}
