#!/usr/bin/env bash
# Installs whatever stagecraft needs and is missing. Idempotent: every step checks first, so a
# second run installs nothing and takes seconds.
#
#   bash scripts/setup.sh            # what the playground build needs
#   bash scripts/setup.sh --tests    # plus chromium and the browser-test dependencies
#
# Environment variables honoured:
#   STAGECRAFT_SKIP_APT=1   never call apt-get; fail with a message if a system package is missing
#   CARGO_INSTALL_JOBS=N    parallel jobs for `cargo install` (default: cargo's own default)
#
# Pins (see TOOLCHAIN notes in the repository history / Trunk.toml):
#   trunk 0.21.14 (0.22 needs rustc >= 1.96), wasm-bindgen-cli 0.2.130 (must equal the crate pin
#   in Cargo.toml), wasm-opt from npm binaryen 132 (Debian's binaryen is too old for Rust 1.95).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
WASM_OPT_VERSION=132

WITH_TESTS=0
for arg in "$@"; do
  case "$arg" in
    --tests) WITH_TESTS=1 ;;
    *) echo "setup: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { echo "setup: $*" >&2; }
export PATH="$HOME/.cargo/bin:$PATH"

# --- system packages (apt) ----------------------------------------------------------------
missing=()
need_cmd_pkg() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_cmd_pkg cc gcc               # linker for cargo install
need_cmd_pkg python3 python3      # static file server for scripts/serve.sh
need_cmd_pkg node nodejs          # esbuild (editor bundle), wasm-opt (npm binaryen), bundle report
need_cmd_pkg npm npm
if [ "$WITH_TESTS" = 1 ]; then
  need_cmd_pkg chromium chromium
  need_cmd_pkg chromedriver chromium-driver
  need_cmd_pkg dot graphviz       # the model's DOT output is rendered by Graphviz in a test
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "${STAGECRAFT_SKIP_APT:-0}" = 1 ]; then
    log "missing system packages: ${missing[*]} (STAGECRAFT_SKIP_APT=1, not installing)"
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Rust toolchain: rust-toolchain.toml pins the version, target and components -----------
if ! command -v rustup >/dev/null 2>&1; then
  log "rustup not found: install Rust from https://rustup.rs first"
  exit 1
fi
installed_targets="$(rustup target list --installed 2>/dev/null || true)"
installed_components="$(rustup component list --installed 2>/dev/null || true)"
if ! grep -q '^wasm32-unknown-unknown$' <<<"$installed_targets" \
  || ! grep -q '^rustfmt' <<<"$installed_components" \
  || ! grep -q '^clippy' <<<"$installed_components" \
  || ! grep -q '^rust-src' <<<"$installed_components"; then
  # rust-src: the playground build recompiles std for size (scripts/build-web.sh).
  log "installing the pinned Rust toolchain, wasm32 target, rustfmt, clippy and rust-src"
  rustup toolchain install --profile minimal   # reads rust-toolchain.toml
  rustup target add wasm32-unknown-unknown
  rustup component add rustfmt clippy rust-src
fi

# --- cargo-installed tools ------------------------------------------------------------------
jobs_flag=()
if [ -n "${CARGO_INSTALL_JOBS:-}" ]; then jobs_flag=(--jobs "$CARGO_INSTALL_JOBS"); fi
# trunk's own release profile uses fat LTO with one codegen unit, which doubles its install time
# on small machines; a build tool does not need that, so these overrides apply to the installs.
fast_install=(env CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_INCREMENTAL=false)

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  log "cargo install trunk $TRUNK_VERSION (several minutes, once)"
  "${fast_install[@]}" cargo install trunk --version "$TRUNK_VERSION" --locked "${jobs_flag[@]}"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  # Without --locked on purpose: the locked dependency set of 0.2.130 no longer compiles.
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a couple of minutes, once)"
  "${fast_install[@]}" cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" "${jobs_flag[@]}"
fi

# --- npm: esbuild (editor bundle) and wasm-opt (binaryen) -------------------------------------
# npm ci only when the lockfile is newer than the installed tree.
npm_ci() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
    || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci "$ROOT"
if ! "$ROOT/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION"; then
  log "node_modules/.bin/wasm-opt is not binaryen $WASM_OPT_VERSION"
  exit 1
fi
if [ "$WITH_TESTS" = 1 ]; then
  npm_ci "$ROOT/tests/e2e"
fi

log "ok"
