//! Shared helpers: fixture discovery (glob-like, no hand-written lists) and lowering.
#![allow(dead_code, clippy::disallowed_methods, clippy::print_stderr)]

use std::path::{Path, PathBuf};

use stagecraft_model::{lower, BuildOptions, Graph, Model};

/// `../shared/conformance/corpus` next to the repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/corpus")
}

/// `tests/fixtures/seeds`.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

/// A Dockerfile to test: a name for snapshots and the raw bytes.
pub struct Fixture {
    pub name: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Fixture {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn lower(&self, opts: &BuildOptions) -> (Model, Graph) {
        let parse = stagecraft_syntax::parse_bytes(&self.bytes);
        let model = lower(&parse, opts);
        let graph = Graph::new(&model, &self.text());
        (model, graph)
    }
}

/// Every `*.Dockerfile` in `dir`, sorted; with `skip_rejected`, those with a `.error` file
/// (BuildKit's parser rejects them) are left out.
pub fn dockerfiles(dir: &Path, prefix: &str, skip_rejected: bool) -> Vec<Fixture> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(stem) = file.strip_suffix(".Dockerfile") else {
            continue;
        };
        if skip_rejected && dir.join(format!("{stem}.error")).exists() {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read fixture");
        out.push(Fixture {
            name: format!("{prefix}{stem}"),
            path,
            bytes,
        });
    }
    out
}

/// The corpus (parser-accepted files) and the seed fixtures. Panics when the seeds are missing;
/// prints a note when the shared corpus is not next to the repository.
pub fn all_fixtures() -> Vec<Fixture> {
    let corpus = dockerfiles(&corpus_dir(), "corpus__", true);
    if corpus.is_empty() {
        eprintln!(
            "note: no corpus at {}; only seed fixtures are checked",
            corpus_dir().display()
        );
    }
    let seeds = dockerfiles(&seeds_dir(), "seeds__", false);
    assert!(
        !seeds.is_empty(),
        "no seed fixtures in {}",
        seeds_dir().display()
    );
    corpus.into_iter().chain(seeds).collect()
}
