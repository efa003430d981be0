# Sourced by the scripts: puts the pinned tools first on PATH. node_modules/.bin comes before
# /usr/bin so trunk finds binaryen 132's wasm-opt rather than Debian's older one.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Test builds without debug info are smaller and faster to link.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-0}"
export CARGO_PROFILE_TEST_DEBUG="${CARGO_PROFILE_TEST_DEBUG:-0}"
