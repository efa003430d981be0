#!/usr/bin/env python3
"""Generate the embedded PyPI table: wheel sizes and dependencies of popular packages.

    python3 scripts/kb/gen_pypi.py

Reads the seed list scripts/kb/pypi_top.txt and, for each project and (recursively) its
dependencies, the index's JSON API (https://pypi.org/pypi/<name>/json: latest release, its
files with their `size`, and requires_dist). Writes crates/knowledge/data/pypi.tsv, sorted:

  name  version  cp312  cp311  kind  deps  extras

  cp312 / cp311: size in bytes of the wheel pip would pick on linux x86_64 (manylinux, newest
                 glibc tag) for CPython 3.12 / 3.11; cp311 is '=' when the same file (pure or
                 abi3 wheels); '-' when no wheel fits (sdist size is then in cp312 and kind=s)
  kind:          p pure (py3-none-any), b binary wheel, s sdist only (a build is needed);
                 'L' appended on the latest release (other rows are pinned older releases)
  deps:          requirement names for linux x86_64 CPython 3.12 without extras (markers
                 evaluated; version specifiers dropped except an exact `==` pin, written
                 name==version; requested extras kept as name[x+y]), comma-separated,
                 normalised names
  extras:        for the extras listed in EXTRAS below: extra=dep+dep;extra2=…

The date of the run is the source date (first header line); no other timestamps.
"""
import concurrent.futures as cf
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.request

from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.utils import canonicalize_name

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "crates", "knowledge", "data", "pypi.tsv")
INDEX = os.environ.get("PYPI_JSON", "https://pypi.org/pypi")

# Extras people commonly install in Dockerfiles; their extra dependencies are kept too.
EXTRAS = {
    "uvicorn": ["standard"], "fastapi": ["standard"], "celery": ["redis"],
    "apache-airflow": [], "psycopg": ["binary"], "requests": ["socks"],
    "ray": ["default"], "transformers": ["torch"], "pydantic": ["email"],
}
ENV312 = {"implementation_name": "cpython", "implementation_version": "3.12.0",
          "os_name": "posix", "platform_machine": "x86_64", "platform_release": "",
          "platform_system": "Linux", "platform_version": "", "python_full_version": "3.12.0",
          "platform_python_implementation": "CPython", "python_version": "3.12",
          "sys_platform": "linux", "extra": ""}


# Older releases people pin (their exact `==` dependency pins are fetched too), so that
# `torch==2.5.1` finds its cu12 wheels rather than today's.
PINNED = {
    "torch": ["2.1.2", "2.2.2", "2.3.1", "2.4.1", "2.5.1", "2.6.0", "2.7.1", "2.8.0", "2.9.1"],
    "tensorflow": ["2.15.1", "2.16.2", "2.17.1", "2.18.1", "2.19.0"],
    "numpy": ["1.26.4", "2.0.2", "2.1.3", "2.2.6"],
    "pandas": ["2.1.4", "2.2.3"],
    "torchvision": ["0.20.1", "0.21.0", "0.22.1"],
}


_PROJECTS = {}
_LOCK = threading.Lock()


def project(name):
    """The project JSON (latest release info + every release's files), fetched once."""
    with _LOCK:
        if name in _PROJECTS:
            return _PROJECTS[name]
    req = urllib.request.Request("%s/%s/json" % (INDEX, name), headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            d = json.load(r)
    except Exception as e:  # noqa: BLE001 - reported and skipped
        print("skip %s: %s" % (name, e), file=sys.stderr)
        d = None
    if name in PINNED:  # needed again for each pinned release; others are read once
        with _LOCK:
            _PROJECTS[name] = d
    return d


PIN_CACHE = os.environ.get("PYPI_PIN_CACHE", "/tmp/kb/pypi-pinned")


def pinned_requires(name, ver):
    """requires_dist of an older release, from `pip install --dry-run --report` (pip may have to
    download the wheel to read it; the per-version JSON endpoint is not served by the
    configured index). Cached in $PYPI_PIN_CACHE for reruns."""
    os.makedirs(PIN_CACHE, exist_ok=True)
    cache = os.path.join(PIN_CACHE, "%s-%s.json" % (name, ver))
    if os.path.exists(cache):
        return json.load(open(cache))
    req = _pinned_requires(name, ver)
    if req is not None:
        json.dump(req, open(cache, "w"))
    return req


def _pinned_requires(name, ver):
    with tempfile.TemporaryDirectory() as tmp:
        rep = os.path.join(tmp, "r.json")
        # The host's own wheel tags (linux x86_64): metadata is the same in every wheel of a
        # release, and pip expands manylinux tags properly only for the running platform.
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
               "--no-deps", "--only-binary=:all:", "--report", rep, "%s==%s" % (name, ver)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(rep):
            print("skip %s==%s: pip: %s" % (name, ver, r.stderr.strip().splitlines()[-1:] ), file=sys.stderr)
            return None
        inst = json.load(open(rep)).get("install") or []
        return (inst[0]["metadata"].get("requires_dist") or []) if inst else None


def fetch(key):
    name, ver = key
    d = project(name)
    if d is None or ver is None:
        return d
    files = d.get("releases", {}).get(ver)
    if not files:
        print("skip %s==%s: no such release" % (name, ver), file=sys.stderr)
        return None
    if name in PINNED:
        req = pinned_requires(name, ver)
    else:
        # An exact pin found in another release's metadata (torch==2.5.1 → nvidia-cudnn-cu12
        # ==9.1.0.70): sizes are that release's files; the dependency names are taken from the
        # latest release (pip would have to download GB-sized wheels to read old metadata, and
        # only names are kept anyway) — cached pip answers are used when present.
        cache = os.path.join(PIN_CACHE, "%s-%s.json" % (name, ver))
        req = json.load(open(cache)) if os.path.exists(cache) else d["info"].get("requires_dist")
    if req is None:
        return None
    return {"info": {"version": ver, "requires_dist": req}, "urls": files}


def wheel_for(files, py):
    """Size of the wheel pip would choose for CPython `py` (e.g. '312') on manylinux x86_64."""
    best = None
    for f in files:
        fn = f["filename"]
        if f.get("packagetype") != "bdist_wheel" or f.get("yanked"):
            continue
        parts = fn[:-4].split("-")
        if len(parts) < 5:
            continue
        pytag, abi, plat = parts[-3], parts[-2], parts[-1]
        plats = plat.split(".")
        if plat != "any" and not any(("manylinux" in p and p.endswith("x86_64")) or p == "linux_x86_64" for p in plats):
            continue
        pys = pytag.split(".")
        score = None
        if "cp" + py in pys and abi in ("cp" + py, "abi3", "none"):
            score = 3
        elif abi == "abi3" and any(p.startswith("cp3") and int(p[3:] or 0) <= int(py[1:]) for p in pys):
            score = 2
        elif abi == "none" and any(p in ("py3", "py2.py3", "py" + py[0]) or p == "py3" for p in pys):
            score = 1 if plat == "any" else 2
        if score is None:
            continue
        # Prefer the newest manylinux tag (pip does on a recent glibc); tie-break by name.
        key = (score, plat != "any", fn)
        if best is None or key > best[0]:
            best = (key, f["size"], plat == "any")
    return best


PINS = set()


def deps_of(requires, extra=""):
    """Dependency names; `name==version` when the requirement pins one exact version."""
    out = []
    for r in requires or []:
        try:
            req = Requirement(r)
        except Exception:  # noqa: BLE001 - malformed metadata: skip the line
            continue
        env = dict(ENV312, extra=extra)
        if req.marker is not None:
            try:
                if not req.marker.evaluate(env):
                    continue
                if extra and req.marker.evaluate(dict(ENV312, extra="")):
                    continue  # a base dependency, not specific to the extra
            except Exception:  # noqa: BLE001
                continue
        elif extra:
            continue
        base = canonicalize_name(req.name)
        n = base
        if req.extras:
            n += "[%s]" % "+".join(sorted(canonicalize_name(x) for x in req.extras))
        specs = list(req.specifier)
        if len(specs) == 1 and specs[0].operator == "==" and "*" not in specs[0].version:
            PINS.add((base, specs[0].version))
            n = "%s==%s" % (n, specs[0].version)
        if n not in out:
            out.append(n)
        for x in sorted(req.extras):
            EXTRAS.setdefault(base, [])
            if canonicalize_name(x) not in EXTRAS[base]:
                EXTRAS[base].append(canonicalize_name(x))
    return out


def main():
    seeds = [canonicalize_name(l.strip()) for l in open(os.path.join(os.path.dirname(__file__), "pypi_top.txt"))
             if l.strip() and not l.startswith("#")]
    data = {}
    todo = sorted({(n, None) for n in seeds} | {(n, v) for n, vs in PINNED.items() for v in vs},
                  key=lambda k: (k[0], k[1] or ""))
    with cf.ThreadPoolExecutor(max_workers=6) as ex:
        while todo:
            batch = [k for k in todo if k not in data]
            for k, d in zip(batch, ex.map(fetch, batch)):
                data[k] = d
            new = set()
            # Every fetched project each round: extras requested later (fastapi-cli[standard])
            # add dependencies of projects fetched earlier.
            for k in list(data):
                d = data[k]
                if not d:
                    continue
                info = d["info"]
                deps = deps_of(info.get("requires_dist"))
                for x in EXTRAS.get(k[0], []):
                    deps += deps_of(info.get("requires_dist"), x)
                for dep in deps:
                    new.add((dep.split("==")[0].split("[")[0], None))
            new |= PINS
            todo = sorted((k for k in new if k not in data), key=lambda k: (k[0], k[1] or ""))
    # A pinned version equal to the latest is the same row.
    latest = {k[0]: data[k]["info"]["version"] for k in data if k[1] is None and data[k]}
    for k in list(data):
        if k[1] is not None and latest.get(k[0]) == k[1]:
            del data[k]
    rows = []
    for k in sorted(data, key=lambda k: (k[0], k[1] is None, k[1] or "")):
        d = data[k]
        if not d:
            continue
        n = k[0]
        info = d["info"]
        files = d.get("urls") or []
        w312 = wheel_for(files, "312")
        w311 = wheel_for(files, "311")
        if w312:
            kind = "p" if w312[2] else "b"
            s312 = str(w312[1])
            s311 = "=" if (w311 and w311[1] == w312[1]) else (str(w311[1]) if w311 else "-")
        elif w311:
            kind = "p" if w311[2] else "b"
            s312, s311 = "-", str(w311[1])
        else:
            sd = [f for f in files if f.get("packagetype") == "sdist"]
            kind = "s"
            s312 = str(sd[0]["size"]) if sd else "-"
            s311 = "-"
        if k[1] is None:
            kind += "L"  # latest release
        deps = deps_of(info.get("requires_dist"))
        extras = []
        for x in sorted(EXTRAS.get(n, [])):
            xd = deps_of(info.get("requires_dist"), x)
            if xd:
                extras.append("%s=%s" % (x, "+".join(xd)))
        rows.append("\t".join([n, info["version"], s312, s311, kind, ",".join(deps), ";".join(extras)]))
    with open(OUT, "w") as f:
        f.write("# generated by scripts/kb/gen_pypi.py from the PyPI JSON API on %s; do not edit\n"
                % datetime.date.today().isoformat())
        f.write("# name\tversion\tcp312-wheel-bytes\tcp311-wheel-bytes\tkind\tdeps\textras\n")
        for r in rows:
            f.write(r + "\n")
    print("pypi: %d rows (%d seeds)" % (len(rows), len(seeds)), file=sys.stderr)


if __name__ == "__main__":
    main()
