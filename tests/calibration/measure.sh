#!/bin/sh
# Re-measures every case under tests/calibration with a real Docker engine and writes
# <case>/measured.tsv (target, 1-based Dockerfile line, bytes the layer adds as
# `docker history` reports them: regular files and symlinks the layer writes, directories
# and deletions count 0 — not `du`).
#
# Set the lab up first (idempotent): `sh lab.sh`, then
#   DOCKER_HOST=unix:///var/tmp/stagecraft-lab/docker.sock nice sh measure.sh
#   CASES="copy-chown/ npm-web-dev/" …  re-measures only those cases.
# Builds use the classic builder (DOCKER_BUILDKIT=0), whose per-instruction layer sizes are
# what `docker image inspect` sums; `--network host` because the lab's engine has no bridge.
set -eu
cd "$(dirname "$0")"
sizes=$(mktemp)
trap 'rm -f "$sizes"' EXIT
for dir in ${CASES:-*/}; do
  case=${dir%/}
  [ -f "$case/Dockerfile" ] || continue
  out="$case/measured.tsv"
  # Written outside the case directory: the directory is the build context, and an earlier
  # measured.tsv must not be part of it (the test leaves it out of the context too).
  tmp=$(mktemp)
  old=""
  if [ -f "$out" ]; then old=$(mktemp); mv "$out" "$old"; fi
  restore() { [ -z "$old" ] || mv "$old" "$out"; }
  printf 'target\tline\tbytes\n' > "$tmp"
  # Targets: every named stage, and the final image.
  targets=$(grep -iE '^FROM .* AS ' "$case/Dockerfile" | awk '{print $NF}')
  for t in $targets -; do
    if [ "$t" = "-" ]; then tflag=""; tag="calib-$case"; else tflag="--target $t"; tag="calib-$case-$t"; fi
    if ! DOCKER_BUILDKIT=0 docker build -q --network host $tflag -t "$tag" "$case" >/dev/null; then
      echo "$case: build of target $t failed" >&2
      restore
      exit 1
    fi
    # Instruction lines of that stage, in order (continuations joined).
    lines=$(awk -v t="$t" '
      BEGIN { stage = ""; cont = 0 }
      { raw = $0 }
      cont { cont = (raw ~ /\\$/); next }
      /^[[:space:]]*(#|$)/ { next }
      toupper($1) == "FROM" { n = split($0, w, " "); stage = (n >= 4 ? w[n] : "-"); cur = ""; next }
      { cur = cur " " NR; cont = (raw ~ /\\$/); lines[stage] = cur }
      END { print lines[t == "-" ? stage : t] }
    ' "$case/Dockerfile")
    n=$(echo $lines | wc -w)
    # history: newest first; the last $n rows (reversed) are this stage's instructions.
    docker history --no-trunc --human=false --format '{{.Size}}' "$tag" | head -n "$n" | tac > "$sizes"
    i=1
    for l in $lines; do
      b=$(sed -n "${i}p" "$sizes")
      printf '%s\t%s\t%s\n' "$t" "$l" "$b" >> "$tmp"
      i=$((i + 1))
    done
  done
  [ -z "$old" ] || rm -f "$old"
  mv "$tmp" "$out"
  chmod 644 "$out"
  echo "$case: $(($(wc -l < "$out") - 1)) layers"
done
