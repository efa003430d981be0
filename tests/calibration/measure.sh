#!/bin/sh
# Re-measures every case under tests/calibration with a real Docker engine and writes
# <case>/measured.tsv (target, 1-based Dockerfile line, bytes the layer adds as
# `docker history` reports them).
#
# Lab set-up used for the committed figures (Debian bookworm host, no registry access):
#   apt-get install docker.io debootstrap
#   debootstrap --variant=minbase bookworm rootfs http://deb.debian.org/debian
#   + the apt configuration the official debian images carry (see base-apt-conf/), then
#   tar -C rootfs -c . | docker import - debian:bookworm
#   dockerd --data-root … -H unix://…/docker.sock --iptables=false --bridge=none
# and DOCKER_HOST pointing at that socket. Builds use the classic builder (docker 20.10),
# whose layer sizes are what `docker image inspect` sums.
set -eu
cd "$(dirname "$0")"
for dir in ${CASES:-*/}; do
  case=${dir%/}
  [ -f "$case/Dockerfile" ] || continue
  out="$case/measured.tsv"
  # Written outside the case directory: the directory is the build context.
  tmp=$(mktemp)
  printf 'target\tline\tbytes\n' > "$tmp"
  # Targets: every named stage, and the final image.
  targets=$(grep -iE '^FROM .* AS ' "$case/Dockerfile" | awk '{print $NF}')
  for t in $targets -; do
    if [ "$t" = "-" ]; then tflag=""; tag="calib-$case"; else tflag="--target $t"; tag="calib-$case-$t"; fi
    DOCKER_BUILDKIT=0 docker build -q --network host $tflag -t "$tag" "$case" >/dev/null
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
    docker history --no-trunc --human=false --format '{{.Size}}' "$tag" | head -n "$n" | tac > /tmp/calib-sizes
    i=1
    for l in $lines; do
      b=$(sed -n "${i}p" /tmp/calib-sizes)
      printf '%s\t%s\t%s\n' "$t" "$l" "$b" >> "$tmp"
      i=$((i + 1))
    done
  done
  rm -f "$out"
  mv "$tmp" "$out"
  echo "$case: $(($(wc -l < "$out") - 1)) layers"
done
