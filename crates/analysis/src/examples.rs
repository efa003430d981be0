//! The built-in examples gallery: the multi-stage lessons from the tutorials that inspired
//! stagecraft, ML scenarios, and one large real file. Shared by the web app's gallery, the CLI
//! and the tests, so every example is analysed the same way everywhere.

/// One gallery entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable identifier (also the file name in `examples/`).
    pub id: &'static str,
    /// Short title for the gallery.
    pub title: &'static str,
    /// The one-line lesson.
    pub lesson: &'static str,
    /// Files of the build context the example assumes (path, contents), e.g. a requirements.txt.
    pub context: &'static [(&'static str, &'static str)],
}

/// The gallery, written once, becomes two parallel tables: the entries (`EXAMPLES`) and their
/// Dockerfiles (`DOCKERFILES`, same order), so a program that lists the gallery without reading
/// every file (the playground fetches `examples/<id>.Dockerfile` when one is chosen) does not
/// carry their text.
macro_rules! examples {
    ($( example!($id:literal, $title:literal, $lesson:literal, [$(($path:literal, $contents:literal)),* $(,)?]) ),* $(,)?) => {
        /// Every example, in gallery order (the first is what the playground opens with).
        pub static EXAMPLES: &[Example] = &[$(
            Example {
                id: $id,
                title: $title,
                lesson: $lesson,
                context: &[$(($path, $contents)),*],
            }
        ),*];
        static DOCKERFILES: &[&str] = &[$(
            include_str!(concat!("../../../examples/", $id, ".Dockerfile"))
        ),*];
    };
}

impl Example {
    /// The Dockerfile (`examples/<id>.Dockerfile`).
    pub fn dockerfile(&self) -> &'static str {
        EXAMPLES
            .iter()
            .position(|e| e.id == self.id)
            .and_then(|i| DOCKERFILES.get(i))
            .copied()
            .unwrap_or("")
    }
}

/// The first example's Dockerfile, on its own: what the playground opens with, without the
/// rest of the gallery's text.
pub fn first_dockerfile() -> &'static str {
    include_str!("../../../examples/go-static-alpine.Dockerfile")
}

examples! {
    example!(
        "go-static-alpine",
        "Go binary → Alpine",
        "Build with the full Go toolchain, ship only the static binary: the final image is Alpine plus one file.",
        [("go.mod", "module example.com/myapp\n\ngo 1.20\n")]
    ),
    example!(
        "python-slim-builder",
        "Python slim builder → site-packages",
        "Install dependencies in a builder and copy only site-packages: Flask arrives, pip's cache and the build tools do not.",
        [("requirements.txt", "flask\n"), ("app.py", "")]
    ),
    example!(
        "build-tools-pitfall",
        "Pitfall: build-essential in the final image",
        "Everything installed in the only stage ships: gcc, make and headers end up in production.",
        [("Makefile", "")]
    ),
    example!(
        "build-tools-fixed",
        "Fixed: builder stage + slim runtime",
        "Compile in a throw-away stage and copy the result onto python:3.9-slim: no compilers in the image you ship.",
        [("Makefile", "")]
    ),
    example!(
        "node-runtime-pitfall",
        "Pitfall: node:18 as the runtime",
        "The full node:18 image carries Debian's toolchain, npm and yarn into production; a slim or Alpine base does not.",
        [("package.json", "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{\"express\":\"^4.19.2\"}}\n")]
    ),
    example!(
        "node-runtime-alpine",
        "Fixed: node:18-alpine runtime",
        "Build on node:18, run on node:18-alpine with production dependencies only.",
        [("package.json", "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{\"express\":\"^4.19.2\"}}\n")]
    ),
    example!(
        "unnamed-stage-reference",
        "Pitfall: COPY --from=0",
        "Stage numbers shift when a stage is added above; name stages with AS and refer to the name.",
        []
    ),
    example!(
        "copy-whole-build-dir",
        "Pitfall: copying the whole build directory",
        "COPY --from=builder /app /app ships sources and intermediates; copy only the artifacts the runtime needs.",
        [("requirements.txt", "flask\ngunicorn\n"), ("app.py", "")]
    ),
    example!(
        "copy-from-later-stage",
        "Pitfall: copying from a later stage",
        "BuildKit resolves --from to a stage defined further down, the classic builder refuses it; keep builders first.",
        []
    ),
    example!(
        "cuda-devel-to-runtime",
        "ML: CUDA devel → runtime",
        "Build on the CUDA -devel image, run on -runtime: the compilers and headers (gigabytes) stay behind.",
        [("requirements.txt", "torch\ntransformers\n"), ("serve.py", "")]
    ),
    example!(
        "pip-cache-left",
        "ML: pip cache left in the image",
        "Without --no-cache-dir pip keeps every downloaded wheel under /root/.cache/pip in the layer.",
        [("requirements.txt", "flask\ngunicorn\npandas\n")]
    ),
    example!(
        "gpu-wheels-cpu-service",
        "ML: GPU wheels in a CPU service",
        "On Linux `pip install torch` brings the CUDA build and nvidia-* wheels; a CPU service wants the CPU index.",
        []
    ),
    example!(
        "text-generation-inference",
        "Real file: text-generation-inference",
        "A large real multi-stage build (Rust router, CUDA kernels, PyTorch): read its stage graph.",
        []
    ),
}

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_parses_cleanly_and_has_a_lesson() {
        let mut ids = std::collections::BTreeSet::new();
        for e in EXAMPLES {
            assert!(ids.insert(e.id), "duplicate id {}", e.id);
            assert!(!e.lesson.is_empty() && !e.title.is_empty());
            let parse = stagecraft_syntax::parse(e.dockerfile());
            assert!(parse.errors.is_empty(), "{}: {:?}", e.id, parse.errors);
            assert!(parse.file.froms().count() >= 1, "{}", e.id);
        }
        assert_eq!(
            example("go-static-alpine").map(|e| e.id),
            Some("go-static-alpine")
        );
        assert_eq!(EXAMPLES[0].dockerfile(), first_dockerfile());
    }
}
