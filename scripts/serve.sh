#!/usr/bin/env bash
# Installs what is missing, builds the playground and serves it at http://127.0.0.1:8080.
#
#   bash scripts/serve.sh
#
# Environment variables honoured:
#   PORT=8080               port of the static file server (bound to 127.0.0.1)
#   STAGECRAFT_NO_SERVE=1   build dist/ and exit instead of serving
#   plus those of scripts/setup.sh (STAGECRAFT_SKIP_APT, CARGO_INSTALL_JOBS)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
# shellcheck source=scripts/env.sh
source scripts/env.sh

cargo fetch --locked
bash scripts/build-web.sh

if [ "${STAGECRAFT_NO_SERVE:-0}" = 1 ]; then
  exit 0
fi
PORT="${PORT:-8080}"
echo "serving the playground at http://127.0.0.1:$PORT/ (Ctrl-C to stop)" >&2
cd dist
# A plain static file server is all the playground needs (it maps .wasm to application/wasm).
exec python3 -m http.server --bind 127.0.0.1 "$PORT"
