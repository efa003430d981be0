#!/bin/sh
# Real `npm install` of a few popular packages into empty projects; keeps the installed
# package list (from package-lock.json) and node_modules bytes (du -sb, apparent) as fixtures:
# tests/fixtures/kb/npm/<name>.tsv
#
#   sh scripts/kb/npm_fixtures.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/tests/fixtures/kb/npm"
mkdir -p "$OUT"
run() { # fixture-name, packages…
  name=$1; shift
  dir=$(mktemp -d)
  (cd "$dir" && npm init -y >/dev/null && npm install --omit=dev --no-audit --no-fund --ignore-scripts "$@" >/dev/null 2>&1)
  bytes=$(du -sb "$dir/node_modules" | cut -f1)
  node -e '
    const lock = require(process.argv[1] + "/package-lock.json");
    const rows = [];
    for (const [p, v] of Object.entries(lock.packages)) {
      if (!p) continue;
      const name = v.name || p.slice(p.lastIndexOf("node_modules/") + 13);
      rows.push(name + "\t" + v.version);
    }
    console.log(rows.sort().join("\n"));
  ' "$dir" > "$dir/list"
  { echo "# npm install --omit=dev --ignore-scripts $* (npm $(npm --version), $(date -u +%Y-%m-%d))"
    echo "# node_modules_bytes: $bytes"
    cat "$dir/list"; } > "$OUT/$name.tsv"
  rm -rf "$dir"
}
run express express
run react react react-dom
run axios axios
