#!/usr/bin/env bash
# A copy of the playground whose wasm keeps its function names, for looking inside:
#   twiggy top -n 40 DIR/stagecraft-web_bg.wasm      (what the bytes are)
#   STAGECRAFT_DIST=DIR node tests/e2e/profile.mjs   (where a keystroke's time goes)
#
#   bash scripts/build-web-names.sh [DIR]   (default: target/dist-names)
#
# Same compiler options as scripts/build-web.sh (the page people load) and the same wasm-opt
# passes, but the name section is kept (-g) and the symbols are not stripped; the result is a
# few hundred kB larger than the real page and is never served.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/env.sh
source scripts/env.sh
DIR="${1:-target/dist-names}"
bash scripts/build-web.sh --dist "$DIR"

# shellcheck source=scripts/web-build-env.sh
source scripts/web-build-env.sh
export CARGO_PROFILE_RELEASE_STRIP=false
cargo build --release --target wasm32-unknown-unknown -p stagecraft-web --target-dir target/names
OUT="$(mktemp -d)"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" target/names/wasm32-unknown-unknown/release/stagecraft-web.wasm
# The passes index.html gives trunk (data-wasm-opt="z" and its feature flags), plus -g.
wasm-opt -Oz -g --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/stagecraft-web_bg.wasm" -o "$DIR/stagecraft-web_bg.wasm"
cp "$OUT/stagecraft-web.js" "$DIR/stagecraft-web.js"
rm -rf "$OUT"
echo "wasm with names: $DIR/stagecraft-web_bg.wasm"
