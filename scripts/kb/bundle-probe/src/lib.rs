//! Links every public lookup of stagecraft-knowledge into a wasm export so that nothing is
//! dead-stripped; the input is chosen at run time so nothing is constant-folded.

#[cfg(feature = "kb")]
use stagecraft_knowledge as k;

const INPUTS: [&str; 6] = ["python:3.11-slim", "build-essential", "flask", "express", "gcc", "go-binary"];

/// Sum of some looked-up sizes for input `n` (the value is irrelevant).
#[no_mangle]
pub extern "C" fn probe(n: u32) -> u64 {
    let s = INPUTS.get(n as usize % INPUTS.len()).copied().unwrap_or("");
    #[cfg(feature = "kb")]
    {
        let mut t = 0u64;
        if let k::ImageLookup::Known(f) = k::lookup_image(s) {
            t += f.uncompressed.estimate;
            t += f.apt_packages().map_or(0, |p| p.len() as u64);
        }
        let base = k::BaseSet::Minbase { slim: true }.packages();
        t += k::resolve_apt(&[s], &base, n % 2 == 0).total.estimate;
        t += k::resolve_pip(&[s], &k::PipOptions::default()).installed.estimate;
        t += k::resolve_npm(&[(s, "*")]).total.estimate;
        t += k::npm_lock_size(&[(s, "1.0.0")]).total.estimate;
        t += k::resolve_apk(&[s], &Default::default()).total.estimate;
        t += k::artifact(s).map_or(0, |f| f.size.estimate);
        t += k::artifact_rows().len() as u64;
        t += k::debian_tools(&base).len() as u64;
        t
    }
    #[cfg(not(feature = "kb"))]
    {
        s.len() as u64
    }
}
