#!/bin/sh
# Resolve a few common installs with pip itself (metadata only, nothing installed) for
# CPython 3.12 on manylinux x86_64, and keep name/version lists as test fixtures for
# resolve_pip: tests/fixtures/kb/pip/<name>.tsv
#
#   sh scripts/kb/pip_reports.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/tests/fixtures/kb/pip"
mkdir -p "$OUT"
TMP=$(mktemp -d)
report() { # name, requirements…
  name=$1; shift
  pip install --dry-run --quiet --ignore-installed --only-binary=:all: --python-version 3.12 \
    --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux2014_x86_64 \
    --target "$TMP/t" --report "$TMP/$name.json" "$@"
  python3 - "$TMP/$name.json" "$OUT/$name.tsv" "$*" <<'PY'
import json, sys, re
rep = json.load(open(sys.argv[1]))
rows = sorted((re.sub(r"[-_.]+", "-", i["metadata"]["name"]).lower(), i["metadata"]["version"]) for i in rep["install"])
with open(sys.argv[2], "w") as f:
    f.write("# pip install --dry-run --report (cp312, manylinux x86_64): %s\n" % sys.argv[3])
    for n, v in rows:
        f.write("%s\t%s\n" % (n, v))
PY
}
report flask flask
report fastapi-standard "fastapi[standard]"
report pandas pandas
report django-gunicorn django gunicorn psycopg2-binary
report transformers-torch transformers torch
report scikit-learn scikit-learn
rm -rf "$TMP"
