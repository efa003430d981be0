#!/usr/bin/env python3
"""Generate the embedded Debian bookworm package table from apt's Packages lists.

    apt-get update && python3 scripts/kb/gen_debian.py                  # bookworm, host lists
    python3 scripts/kb/gen_debian.py --suite trixie --lists DIR           # lists fetched with
        apt-get update -o Dir::State::Lists=DIR -o Dir::Etc::sourcelist=<trixie sources>

Reads /var/lib/apt/lists/*bookworm*_binary-amd64_Packages[.lz4|.gz|.xz|] (main, -updates,
-security; a newer suite's stanza wins), keeps a subset and writes
crates/knowledge/data/debian-bookworm.tsv.

Subset ("smart subset", see crates/knowledge/README.md):
  seeds = Priority required/important/standard + Essential: yes
        + scripts/kb/debian_common.txt (packages commonly installed in Dockerfiles)
        + the buildpack-deps package lists (curl, scm, full)
  subset = closure of the seeds over Depends, Pre-Depends and Recommends, following in each
           or-group the alternatives up to the first real package, and for a virtual name its
           best provider (highest Priority, then name) -- the same choices the resolver makes.

Format (tab-separated, one package per line, sorted by name; line number = package index):
  name  installed-size-KiB  flags  depends  recommends  provides  version
  flags: priority letter r(equired) i(mportant) s(tandard) o(ptional) x(tra) + 'E' if Essential
  depends:    Pre-Depends and Depends merged; groups separated by ',', alternatives by '|';
              version constraints dropped (one candidate version per package), ':any' dropped
  recommends: same syntax; provides: comma list of virtual names
"""
import glob
import gzip
import lzma
import os
import re
import subprocess
import sys

import argparse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ap = argparse.ArgumentParser()
ap.add_argument("--suite", default="bookworm")
ap.add_argument("--lists", default="/var/lib/apt/lists")
ARGS = ap.parse_args()
SUITE = ARGS.suite
OUT = os.path.join(ROOT, "crates", "knowledge", "data", "debian-%s.tsv" % SUITE)
LISTS = ARGS.lists

BUILDPACK = {
    "curl": "ca-certificates curl gnupg netbase wget",
    "scm": "git mercurial openssh-client subversion procps",
    "full": ("autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc imagemagick "
             "libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev "
             "libglib2.0-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libmagickcore-dev "
             "libmagickwand-dev libmaxminddb-dev libncurses5-dev libncursesw5-dev libpng-dev libpq-dev "
             "libreadline-dev libsqlite3-dev libssl-dev libtool libwebp-dev libxml2-dev libxslt-dev "
             "libyaml-dev make patch unzip xz-utils zlib1g-dev"),
}


def read_list(path):
    if path.endswith(".lz4"):
        return subprocess.run(["lz4", "-dc", path], check=True, capture_output=True).stdout.decode()
    if path.endswith(".gz"):
        return gzip.open(path).read().decode()
    if path.endswith(".xz"):
        return lzma.open(path).read().decode()
    return open(path).read()


def stanzas(text):
    for block in text.split("\n\n"):
        fields = {}
        key = None
        for line in block.splitlines():
            if line.startswith((" ", "\t")):
                continue  # continuation lines (Description, Tag) are not needed
            if ":" in line:
                key, _, val = line.partition(":")
                fields[key] = val.strip()
        if "Package" in fields:
            yield fields


def parse_rel(s):
    groups = []
    for g in s.split(","):
        alts = []
        for a in g.split("|"):
            a = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", a).strip()
            a = a.split(":")[0]
            if a and a not in alts:
                alts.append(a)
        if alts:
            groups.append(alts)
    return groups


def main():
    order = ["%s_main" % SUITE, "%s-updates_main" % SUITE, "%s-security_main" % SUITE]
    pkgs = {}
    sources = []
    for suite in order:
        paths = sorted(glob.glob(os.path.join(LISTS, "*_dists_%s_binary-amd64_Packages*" % suite.replace("_main", "/main").replace("/", "_"))))
        paths = [p for p in paths if not p.endswith(".diff_Index")]
        for p in paths:
            sources.append(os.path.basename(p))
            for f in stanzas(read_list(p)):
                if f.get("Architecture") not in ("amd64", "all"):
                    continue
                pkgs[f["Package"]] = f  # later suites (updates, security) win
    if not pkgs:
        sys.exit("no Packages lists found under %s (run apt-get update)" % LISTS)
    date = ""
    for rel in sorted(glob.glob(os.path.join(LISTS, "*_dists_%s_InRelease" % SUITE))):
        for line in open(rel, errors="replace"):
            if line.startswith("Date:"):
                date = line.split(":", 1)[1].strip()
    providers = {}
    for name, f in pkgs.items():
        for g in parse_rel(f.get("Provides", "")):
            for v in g:
                providers.setdefault(v, set()).add(name)

    seeds = set()
    for name, f in pkgs.items():
        if f.get("Priority") in ("required", "important", "standard") or f.get("Essential") == "yes":
            seeds.add(name)
    common = os.path.join(os.path.dirname(__file__), "debian_common.txt")
    for line in open(common):
        line = line.strip()
        if line and not line.startswith("#"):
            seeds.add(line)
    for v in BUILDPACK.values():
        seeds.update(v.split())

    rank = {"required": 0, "important": 1, "standard": 2, "optional": 3, "extra": 4}

    def best_provider(v):
        # apt has no single rule for a virtual with several providers; we take the one
        # with the highest Priority, then the alphabetically first (the resolver does the same).
        return min(providers[v], key=lambda p: (rank.get(pkgs[p].get("Priority"), 5), p))

    def choices(group):
        # Alternatives up to and including the first real package: apt takes the first
        # installable alternative, so later ones only matter if an earlier one is virtual.
        out = []
        for a in group:
            if a in pkgs:
                out.append(a)
                break
            if a in providers:
                out.append(best_provider(a))
        return out

    keep = set()
    stack = sorted(seeds)
    while stack:
        n = stack.pop()
        if n in keep:
            continue
        if n in pkgs:
            keep.add(n)
            f = pkgs[n]
            for field in ("Pre-Depends", "Depends", "Recommends"):
                for g in parse_rel(f.get(field, "")):
                    stack.extend(choices(g))
        elif n in providers:
            stack.append(best_provider(n))

    prio = {"required": "r", "important": "i", "standard": "s", "optional": "o", "extra": "x"}
    lines = []
    for name in sorted(keep):
        f = pkgs[name]
        flags = prio.get(f.get("Priority", ""), "o") + ("E" if f.get("Essential") == "yes" else "")
        deps = parse_rel(f.get("Pre-Depends", "")) + parse_rel(f.get("Depends", ""))
        seen = []
        for g in deps:
            if g not in seen:
                seen.append(g)
        recs = parse_rel(f.get("Recommends", ""))
        prov = sorted({v for g in parse_rel(f.get("Provides", "")) for v in g})
        lines.append("\t".join([
            name, f.get("Installed-Size", "0"), flags,
            ",".join("|".join(g) for g in seen),
            ",".join("|".join(g) for g in recs),
            ",".join(prov),
            f.get("Version", ""),
        ]))
    with open(OUT, "w") as out:
        out.write("# generated by scripts/kb/gen_debian.py; do not edit\n")
        out.write("# source: Debian %s main + %s-updates + %s-security amd64 Packages, Release date %s\n" % (SUITE, SUITE, SUITE, date))
        out.write("# subset: closure (Depends, Pre-Depends, Recommends; alternatives up to the first real package; best provider of a virtual) of Priority required/important/standard, Essential, scripts/kb/debian_common.txt and buildpack-deps lists\n")
        out.write("# name\tinstalled-size-KiB\tflags\tdepends\trecommends\tprovides\tversion\n")
        for l in lines:
            out.write(l + "\n")
    print("debian: %d of %d packages kept (%d seeds)" % (len(keep), len(pkgs), len(seeds)), file=sys.stderr)


if __name__ == "__main__":
    main()
