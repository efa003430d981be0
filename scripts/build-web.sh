#!/usr/bin/env bash
# Builds the playground into dist/ (trunk: the Yew app, wasm-bindgen, wasm-opt, the editor bundle).
# Used by scripts/serve.sh and scripts/test.sh so the page people open is the page we test.
#
#   bash scripts/build-web.sh [trunk build options, e.g. --dist /tmp/other-dist]
#
# Size matters here (issue 9: everything the page loads <= 400 kB brotli), so the wasm is built
#  - with opt-level z (about 12 % smaller than the release profile's s), and
#  - against a standard library rebuilt from source with the same profile and std's
#    `optimize_for_size` feature (about 4 % smaller again). The prebuilt std is compiled at
#    opt-level 3 for speed; ours is compiled for size, and LTO can then see through it.
#    `-Z build-std` is a cargo feature still marked unstable; RUSTC_BOOTSTRAP=1 enables it on
#    the pinned stable toolchain (rust-toolchain.toml, which also lists the rust-src it needs),
#    so the build stays reproducible without a nightly. Only this build uses it.
#  - with two more unstable size options (same RUSTC_BOOTSTRAP): `-Zfmt-debug=none` (Debug
#    output is empty: nothing the page shows is Debug text — messages quote with
#    stagecraft_syntax::go_quote — so the derived Debug code can go) and
#    `-Zlocation-detail=none` (panic reports keep their message but not the file and line).
#    Together about 10 kB brotli.
# STAGECRAFT_PLAIN_STD=1 builds against the prebuilt std, without those options (for comparison).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/env.sh
source scripts/env.sh

# shellcheck source=scripts/web-build-env.sh
source scripts/web-build-env.sh
exec trunk build --release "$@"
