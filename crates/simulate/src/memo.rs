//! Memoised knowledge lookups. The Debian resolver walks thousands of packages; a Dockerfile
//! asks it the same questions again and again (every stage on the same base, every edit in
//! the playground). The functions are pure, so caching their results changes nothing but
//! time; the cache is bounded so a long browser session cannot grow it without limit.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use stagecraft_knowledge::{
    base_package_set, debian_tools, resolve_apt, AptResolution, BaseSet, PackageSet, ToolInPackage,
};

const MAX_ENTRIES: usize = 512;

pub(crate) type Cache<T> = Mutex<BTreeMap<String, Arc<T>>>;

pub(crate) fn get_or<T>(
    cache: &'static OnceLock<Cache<T>>,
    key: String,
    make: impl FnOnce() -> T,
) -> Arc<T> {
    let m = cache.get_or_init(|| Mutex::new(BTreeMap::new()));
    if let Ok(g) = m.lock() {
        if let Some(v) = g.get(&key) {
            return Arc::clone(v);
        }
    }
    let v = Arc::new(make());
    if let Ok(mut g) = m.lock() {
        if g.len() >= MAX_ENTRIES {
            g.clear();
        }
        g.insert(key, Arc::clone(&v));
    }
    v
}

/// `base_package_set`, cached per base.
pub(crate) fn base_set(b: BaseSet) -> Arc<PackageSet> {
    static C: OnceLock<Cache<PackageSet>> = OnceLock::new();
    get_or(&C, b.name().to_string(), || base_package_set(b))
}

/// An apt install, resolved once per lineage: the resolution, the set after it (shared, so
/// a stage does not copy thousands of names per install), the installed names and the
/// executables they bring.
#[derive(Debug)]
pub(crate) struct AptInstall {
    pub(crate) res: AptResolution,
    pub(crate) set: Arc<PackageSet>,
    /// `res`'s package names, in its order.
    pub(crate) names: Arc<[String]>,
    /// `debian_tools` of exactly the newly installed packages.
    pub(crate) tools: Vec<ToolInPackage>,
}

/// `resolve_apt` on a package set identified by `lineage` (its base and the installs that
/// built it, which determine it), cached with the resulting set.
pub(crate) fn apt(
    lineage: &str,
    names: &[&str],
    base: &PackageSet,
    recommends: bool,
) -> Arc<AptInstall> {
    static C: OnceLock<Cache<AptInstall>> = OnceLock::new();
    let key = format!("{lineage}\u{1}{}\u{1}{recommends}", names.join(" "));
    get_or(&C, key, || {
        let res = resolve_apt(names, base, recommends);
        let mut set = base.clone();
        set.add_resolution(&res);
        let tools = debian_tools(&PackageSet::from_names(res.names()));
        let names = res.names().into_iter().map(str::to_string).collect();
        AptInstall {
            res,
            set: Arc::new(set),
            names,
            tools,
        }
    })
}

/// `lookup_image`, cached per reference.
pub(crate) fn image(reference: &str) -> Arc<stagecraft_knowledge::ImageLookup> {
    static C: OnceLock<Cache<stagecraft_knowledge::ImageLookup>> = OnceLock::new();
    get_or(&C, reference.to_string(), || {
        stagecraft_knowledge::lookup_image(reference)
    })
}

/// A tool list borrowed from another tag: (that tag, its tools).
type Borrowed = Option<(String, Vec<stagecraft_knowledge::ToolFact>)>;

/// The tool-list fallback, cached per reference.
pub(crate) fn borrowed_tools(reference: &str, make: impl FnOnce() -> Borrowed) -> Arc<Borrowed> {
    static C: OnceLock<Cache<Borrowed>> = OnceLock::new();
    get_or(&C, reference.to_string(), make)
}

/// `resolve_pip`, cached by its arguments.
pub(crate) fn pip(
    specs: &[&str],
    opts: &stagecraft_knowledge::PipOptions,
) -> Arc<stagecraft_knowledge::PipResolution> {
    static C: OnceLock<Cache<stagecraft_knowledge::PipResolution>> = OnceLock::new();
    let key = pip_key(specs, opts);
    get_or(&C, key, || stagecraft_knowledge::resolve_pip(specs, opts))
}

/// The cache key of [`pip`]: `specs ␂-joined ␁ python_minor ␁ compile ␁ installed ,-joined`,
/// written into one buffer (this runs for every pip install of every analysis, hit or not).
fn pip_key(specs: &[&str], opts: &stagecraft_knowledge::PipOptions) -> String {
    let mut key = String::with_capacity(64);
    for (i, s) in specs.iter().enumerate() {
        if i > 0 {
            key.push('\u{2}');
        }
        key.push_str(s);
    }
    key.push('\u{1}');
    // Writing to a String cannot fail.
    let _ = std::fmt::Write::write_fmt(&mut key, format_args!("{}", opts.python_minor));
    key.push('\u{1}');
    key.push_str(if opts.compile { "true" } else { "false" });
    key.push('\u{1}');
    for (i, s) in opts.installed.iter().enumerate() {
        if i > 0 {
            key.push(',');
        }
        key.push_str(s);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pip_key_is_the_joined_format() {
        let cases: [(&[&str], u32, bool, &[&str]); 3] = [
            (&[], 0, false, &[]),
            (&["flask==3.0.3"], 12, true, &["pip"]),
            (
                &["a", "b[x]>=1"],
                11,
                false,
                &["pip", "setuptools", "wheel"],
            ),
        ];
        for (specs, python_minor, compile, installed) in cases {
            let opts = stagecraft_knowledge::PipOptions {
                python_minor,
                compile,
                installed: installed.iter().map(|s| s.to_string()).collect(),
            };
            let old = format!(
                "{}\u{1}{}\u{1}{}\u{1}{}",
                specs.join("\u{2}"),
                python_minor,
                compile,
                installed.join(",")
            );
            assert_eq!(pip_key(specs, &opts), old);
        }
    }
}
