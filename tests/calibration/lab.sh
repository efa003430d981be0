#!/bin/sh
# Sets up the calibration lab idempotently (re-running it only does what is missing):
#   1. a private Docker engine (dockerd with its own --data-root, exec-root and socket, so it
#      never touches another daemon on the machine);
#   2. the base image `debian:bookworm`, built the way the official image is (debootstrap
#      --variant=minbase, the apt configuration of base-apt-conf/, the deb822 sources for
#      bookworm, bookworm-updates and bookworm-security, empty apt lists, no .deb cache).
# Docker Hub is not reachable from the lab, so this is the only base image.
#
# The machine sits behind a TLS-intercepting proxy: pip, npm, cargo and curl inside the builds
# need the host's CA bundle. It goes into the base image at /etc/lab/ca.crt (a path no Debian
# package touches) with the environment variables that point each tool at it, so it is part
# of the unmeasured base layer and changes no measured layer.
#
# Usage:  sh tests/calibration/lab.sh            # then, in the same shell:
#         export DOCKER_HOST=unix:///var/tmp/stagecraft-lab/docker.sock
#         sh tests/calibration/measure.sh
# Stop the engine: kill "$(cat /var/tmp/stagecraft-lab/dockerd.pid)"
set -eu
LAB=${LAB:-/var/tmp/stagecraft-lab}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
here=$(cd "$(dirname "$0")" && pwd)
export DOCKER_HOST="unix://$LAB/docker.sock"
mkdir -p "$LAB"

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update && apt-get install -y "$2"; }; }
need dockerd docker.io
need docker docker.io
need debootstrap debootstrap

# 1. The engine.
if ! docker version >/dev/null 2>&1; then
  echo "lab: starting dockerd ($LAB)"
  nohup dockerd \
    --data-root "$LAB/docker" --exec-root "$LAB/exec" --pidfile "$LAB/dockerd.pid" \
    -H "unix://$LAB/docker.sock" --iptables=false --ip-masq=false --bridge=none \
    --storage-driver overlay2 >"$LAB/dockerd.log" 2>&1 &
  i=0
  until docker version >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 60 ] || { tail -20 "$LAB/dockerd.log"; exit 1; }
    sleep 1
  done
fi
echo "lab: engine $(docker version --format '{{.Server.Version}}') at $DOCKER_HOST"

# 2. The base image.
if docker image inspect debian:bookworm >/dev/null 2>&1; then
  echo "lab: debian:bookworm present"
  exit 0
fi
root="$LAB/rootfs"
if [ ! -f "$LAB/rootfs.done" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase bookworm "$root" "$MIRROR"
  touch "$LAB/rootfs.done"
fi
# What the official image carries instead of debootstrap's one-line sources.list.
rm -f "$root/etc/apt/sources.list"
cat >"$root/etc/apt/sources.list.d/debian.sources" <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
cp "$here"/base-apt-conf/docker-* "$root/etc/apt/apt.conf.d/"
# The official image ships with empty lists and no package cache: the first measured
# `apt-get update` writes them.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
mkdir -p "$root/var/lib/apt/lists/partial"
mkdir -p "$root/etc/lab"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/lab/ca.crt"
ca=/etc/lab/ca.crt
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV SSL_CERT_FILE=$ca PIP_CERT=$ca REQUESTS_CA_BUNDLE=$ca NODE_EXTRA_CA_CERTS=$ca CARGO_HTTP_CAINFO=$ca CURL_CA_BUNDLE=$ca GIT_SSL_CAINFO=$ca NPM_CONFIG_CAFILE=$ca" \
  --change 'CMD ["bash"]' \
  - debian:bookworm
echo "lab: debian:bookworm imported"
