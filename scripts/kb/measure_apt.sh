#!/bin/sh
# Measure real `apt-get install` results on a Debian bookworm minbase chroot made to look like
# debian:bookworm-slim, and write them as fixtures for the resolver's acceptance tests.
#
#   sudo sh scripts/kb/measure_apt.sh            (needs root, debootstrap, network to deb.debian.org)
#
# Output: tests/fixtures/kb/apt/<scenario>.tsv with
#   # header lines: command, base, bytes measured with du (apparent, slim excludes) and the sum
#   #               of dpkg Installed-Size (KiB×1024) of the added packages
#   package<TAB>version<TAB>installed-size-KiB      (the packages the install added, sorted)
# and tests/fixtures/kb/apt/base-minbase.tsv (what the base has).
#
# bookworm-slim = minbase + dpkg path-excludes for docs/man/locales (debuerreotype "slimify");
# we add the same excludes so `du` measures what a slim image layer would hold. Installed-Size
# counts the docs too, so it is larger than the slim du figure.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/tests/fixtures/kb/apt"
WORK=${WORK:-/tmp/kb}
SUITE=${SUITE:-bookworm}        # SUITE=trixie writes trixie-*.tsv fixtures
if [ "$SUITE" = bookworm ]; then BASE="$WORK/bw"; PFX=""; else BASE="$WORK/$SUITE"; PFX="$SUITE-"; fi
mkdir -p "$OUT" "$WORK"
if [ ! -x "$BASE/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase "$SUITE" "$BASE" http://deb.debian.org/debian
fi
SLIM="$BASE-slim"
if [ ! -d "$SLIM" ]; then
  cp -a "$BASE" "$SLIM"
  cp /etc/resolv.conf "$SLIM/etc/resolv.conf"
  cat > "$SLIM/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
EOF
  rm -f "$SLIM/etc/apt/sources.list.d/debian.sources"
  printf 'deb http://deb.debian.org/debian %s main\ndeb http://deb.debian.org/debian %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n' "$SUITE" "$SUITE" "$SUITE" > "$SLIM/etc/apt/sources.list"
  chroot "$SLIM" apt-get update -q
fi

pkgs() { chroot "$1" dpkg-query -W -f '${Package}\t${Version}\t${Installed-Size}\n' | sort; }
# Apparent bytes of the filesystem, without apt's lists/caches (a Dockerfile would clean them)
# and without pseudo filesystems.
bytes() {
  du -sb --exclude=./var/lib/apt/lists --exclude=./var/cache/apt --exclude=./proc \
     --exclude=./sys --exclude=./dev --exclude=./var/log "$1/." | cut -f1
}

pkgs "$SLIM" > "$WORK/base.tmp"
{ echo "# debootstrap --variant=minbase $SUITE (= debian:$SUITE-slim package set); package, version, Installed-Size KiB"; cat "$WORK/base.tmp"; } > "$OUT/${PFX}base-minbase.tsv"

run() { # name, recommends(0|1), packages…   (slim base; FULL=1 → docs kept)
  name=$1; rec=$2; shift 2
  dir="$BASE-$name"
  rm -rf "$dir"; cp -a "$SLIM" "$dir"
  if [ "${FULL:-0}" = 1 ]; then rm "$dir/etc/dpkg/dpkg.cfg.d/docker-slim"; fi
  before=$(bytes "$dir"); pkgs "$dir" > "$WORK/$name.before"
  if [ "$rec" = 1 ]; then flag=""; else flag="--no-install-recommends"; fi
  chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $flag "$@" > "$WORK/$name.log" 2>&1
  chroot "$dir" apt-get clean
  after=$(bytes "$dir"); pkgs "$dir" > "$WORK/$name.after"
  comm -13 "$WORK/$name.before" "$WORK/$name.after" > "$WORK/$name.added"
  isz=$(awk -F'\t' '{s+=$3} END {print s*1024}' "$WORK/$name.added")
  {
    echo "# apt-get install -y $flag $*"
    if [ "${FULL:-0}" = 1 ]; then echo "# base: debootstrap --variant=minbase $SUITE (docs kept, like debian:$SUITE), $(date -u +%Y-%m-%d)"
    else echo "# base: debootstrap --variant=minbase $SUITE + slim dpkg excludes, $(date -u +%Y-%m-%d)"; fi
    echo "# du_added_bytes: $((after - before))"
    echo "# installed_size_added_bytes: $isz"
    cat "$WORK/$name.added"
  } > "$OUT/$PFX$name.tsv"
  rm -rf "$dir"
}

if [ "$SUITE" != bookworm ]; then
  run build-essential 0 build-essential
  run python3-pip 0 python3 python3-pip
  exit 0
fi
if [ "${ONLY_FULL:-0}" != 1 ]; then
run build-essential 0 build-essential
run curl 0 curl ca-certificates
run python3-pip 0 python3 python3-pip
run git 0 git
run git-recommends 1 git
run python3-pip-recommends 1 python3 python3-pip
fi
FULL=1 run full-build-essential 0 build-essential
FULL=1 run full-git 0 git
FULL=1 run full-python3-pip 0 python3 python3-pip
