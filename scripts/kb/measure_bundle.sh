#!/bin/sh
# Measure what stagecraft-knowledge adds to a wasm bundle: builds scripts/kb/bundle-probe (every
# lookup linked in) for wasm32 with the workspace's release settings, with and without the
# crate, and prints raw/brotli sizes of the code and data sections, plus brotli of each
# embedded table on its own.   Needs: rustup target wasm32-unknown-unknown, brotli.
#
#   sh scripts/kb/measure_bundle.sh [--features trixie]
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROBE="$ROOT/scripts/kb/bundle-probe"
TARGET=${CARGO_TARGET_DIR:-/tmp/kb-bundle-target}
WASM="$TARGET/wasm32-unknown-unknown/release/kbprobe.wasm"
sizes() {
  python3 - "$1" <<'PY'
import subprocess, sys
b = open(sys.argv[1], "rb").read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
def br(x): return len(subprocess.run(["brotli", "-c", "-q", "11"], input=x, capture_output=True).stdout)
i, secs = 8, {}
while i < len(b):
    sid = b[i]; i += 1; n, i = leb(b, i); secs[sid] = secs.get(sid, b"") + b[i:i + n]; i += n
print("  wasm total: %7d raw %7d brotli" % (len(b), br(b)))
for k, name in ((10, "code"), (11, "data")):
    v = secs.get(k, b"")
    print("  %-10s: %7d raw %7d brotli" % (name, len(v), br(v)))
PY
}
cd "$PROBE"
echo "without the crate:"
CARGO_TARGET_DIR="$TARGET" cargo build -q --release --target wasm32-unknown-unknown --no-default-features
sizes "$WASM"
echo "with stagecraft-knowledge $*:"
CARGO_TARGET_DIR="$TARGET" cargo build -q --release --target wasm32-unknown-unknown "$@"
sizes "$WASM"
echo "tables, brotli -q 11 each (the package tables are embedded as .cols, the rest as .tsv):"
for f in "$ROOT"/crates/knowledge/data/*.tsv "$ROOT"/crates/knowledge/data/*.cols; do
  printf '  %-24s %7d raw %7d brotli\n' "$(basename "$f")" "$(wc -c < "$f")" "$(brotli -c -q 11 "$f" | wc -c)"
done
