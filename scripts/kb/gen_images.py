#!/usr/bin/env python3
"""Generate the knowledge crate's base-image tables from ../shared/kb (read-only).

    python3 scripts/kb/gen_images.py [--kb /work/shared/kb]

Writes (sorted, deterministic, no timestamps):
  crates/knowledge/data/images.tsv       one row per image:tag (+ inferred synthetic rows)
  crates/knowledge/data/image_tools.tsv  tools per image:tag, packed on one line
  crates/knowledge/data/image_ratios.tsv uncompressed/compressed ratio per OS family,
                                         derived from the rows that carry both sizes
  crates/knowledge/data/artifacts.tsv    artifacts.tsv, trimmed (sizes of toolchains, wheels, CUDA)
"""
import argparse
import csv
import os
import re
import statistics
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "crates", "knowledge", "data")


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def clean(s):
    return (s or "").replace("\t", " ").replace("\n", " ").strip()


def os_family(os_col, image):
    o = os_col.lower()
    if image.startswith("gcr.io/distroless") or "distroless" in o:
        return "distroless"
    if "wolfi" in o:
        return "wolfi"
    if o.startswith("alpine"):
        return "alpine"
    if o.startswith("ubuntu"):
        return "ubuntu"
    if o.startswith("busybox"):
        return "busybox"
    if o.startswith("debian"):
        return "debian"
    return "other"


def release(os_col):
    o = os_col.lower()
    m = re.match(r"(debian|ubuntu|alpine)\s+([a-z0-9.]+)", o)
    if m:
        return m.group(2)
    m = re.search(r"debian (\d+)", o)
    if m:
        return {"12": "bookworm", "13": "trixie", "11": "bullseye"}.get(m.group(1), m.group(1))
    return ""


def short_source(src):
    # "docker-library/repo-info repos/python/remote/3.13.md@<sha> ; virtual from …" → keep
    # the first source with a 12-char commit; URLs stay whole (they are the citation).
    first = src.split(" ; ")[0].strip()
    first = re.sub(r"@([0-9a-f]{12})[0-9a-f]{28}", r"@\1", first)
    return first


def flags(notes, certainty):
    f = []
    n = notes or ""
    if n.startswith("HISTORICAL") or n.startswith("HISTORIC"):
        f.append("H")
    if n.startswith("DERIVED"):
        f.append("D")
    if "virtual from a different build" in n or "from an earlier build" in n:
        f.append("V")
    return "".join(f) or "-"


# Synthetic rows: images people use that the shared KB has no figure for. Each one is an
# inference spelled out here (reviewed in diffs); sizes are (compressed, virtual) bytes and
# the low/high multipliers say how wide the honest range is.
#
# nvidia/cuda: shared/kb has only historic anecdotes (10.0-base 115 MB on disk, 10.0-cudnn7-devel
# 3.05 GB) and published deltas (devel − runtime 2–4 GB; cudnn-devel − devel ≈ 2 GB; CUDA 11.8
# runtime libraries ≈ 2.3 GB; pytorch runtime 12.8 − 12.6 ≈ 1 GB). Modern 12.x tags are modelled
# on ubuntu 22.04 (78 MB) + those deltas. Compressed = on-disk / 2.2 (CUDA libraries compress
# about 2×; inferred).
CUDA = [
    # flavour, virtual estimate, low, high
    ("base", 250_000_000, 120_000_000, 450_000_000),
    ("runtime", 3_000_000_000, 1_800_000_000, 4_500_000_000),
    ("cudnn-runtime", 4_000_000_000, 2_500_000_000, 5_800_000_000),
    ("devel", 6_500_000_000, 4_000_000_000, 9_000_000_000),
    ("cudnn-devel", 8_500_000_000, 5_500_000_000, 12_000_000_000),
]


def synthetic_rows():
    rows = []
    note_c = ("ubuntu 22.04 + published CUDA deltas (runtime libs ~2.3 GB, devel +2-4 GB, "
              "cudnn-devel +2 GB); compressed = virtual/2.2")
    for flav, est, lo, hi in CUDA:
        rows.append({
            "image": "nvidia/cuda", "tag": "12-" + flav + "-ubuntu22.04", "family": "ubuntu",
            "release": "22.04", "compressed": str(est * 10 // 22), "virtual": str(est),
            "layers": "", "certainty": "inferred", "observed": "2026",
            "source": "stagecraft model from shared/kb artifacts.tsv", "flags": "S",
            "low": str(lo), "high": str(hi), "note": note_c,
        })
    # distroless cc = base + libgcc/libstdc++ (~2-3 MB); debug variants add busybox (~1-2 MB).
    rows.append({
        "image": "gcr.io/distroless/cc-debian12", "tag": "latest", "family": "distroless",
        "release": "bookworm", "compressed": "23000000", "virtual": "", "layers": "",
        "certainty": "inferred", "observed": "mid-2025",
        "source": "stagecraft model: distroless/base-debian12 + libgcc-s1 + libstdc++6",
        "flags": "S", "low": "", "high": "", "note": "base-debian12 (~20 MB published) + ~3 MB",
    })
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", default="/work/shared/kb")
    args = ap.parse_args()
    images = read_tsv(os.path.join(args.kb, "images.tsv"))
    tools = read_tsv(os.path.join(args.kb, "image-tools.tsv"))
    arts = read_tsv(os.path.join(args.kb, "artifacts.tsv"))
    os.makedirs(OUT, exist_ok=True)

    rows = []
    for r in images:
        fam = os_family(r["os"], r["image"])
        rows.append({
            "image": r["image"], "tag": r["tag"], "family": fam, "release": release(r["os"]),
            "compressed": r["compressed_bytes"], "virtual": r["virtual_bytes"],
            "layers": r["layers"], "certainty": r["certainty"], "observed": r["observed"],
            "source": short_source(r["source"]), "flags": flags(r["notes"], r["certainty"]),
            "low": "", "high": "", "note": "",
        })
    # Rows without a usable tag (e.g. "7.0 (nvidia-docker era)") are kept: they never match a
    # real tag, but document the anecdote.
    rows += synthetic_rows()
    rows.sort(key=lambda r: (r["image"], r["tag"]))

    cols = ["image", "tag", "family", "release", "compressed", "virtual", "layers", "certainty",
            "observed", "source", "flags", "low", "high", "note"]
    with open(os.path.join(OUT, "images.tsv"), "w") as f:
        f.write("# generated by scripts/kb/gen_images.py from shared/kb/images.tsv; do not edit\n")
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(clean(r[c]) for c in cols) + "\n")

    # Ratios uncompressed/compressed per OS family, from measured rows carrying both.
    ratios = {}
    for r in rows:
        if r["certainty"] != "measured" or not r["virtual"] or not r["compressed"]:
            continue
        ratios.setdefault(r["family"], []).append(int(r["virtual"]) / int(r["compressed"]))
    allr = [x for v in ratios.values() for x in v]
    with open(os.path.join(OUT, "image_ratios.tsv"), "w") as f:
        f.write("# generated by scripts/kb/gen_images.py: virtual/compressed per OS family "
                "(measured rows with both sizes), in thousandths; '*' = all families\n")
        f.write("family\tmedian\tmin\tmax\tn\n")
        for fam in sorted(ratios) + ["*"]:
            v = allr if fam == "*" else ratios[fam]
            f.write("%s\t%d\t%d\t%d\t%d\n" % (fam, round(statistics.median(v) * 1000),
                                                round(min(v) * 1000), round(max(v) * 1000), len(v)))

    # Tools packed per image:tag: tool=state+evidence[=version]. state y/n/?; evidence
    # d=dockerfile p=dockerfile-purged l=pkglist b=base-inferred.
    ev = {"dockerfile": "d", "dockerfile-purged": "p", "pkglist": "l", "base-inferred": "b"}
    st = {"yes": "y", "no": "n", "unknown": "?", "present": "y"}
    packed = {}
    for t in tools:
        key = (t["image"], t["tag"])
        version = clean(t["version"])
        # Keep short version strings only (e.g. "3.0.3"); prose notes stay in shared/kb.
        if " " in version or len(version) > 16 or "," in version or ";" in version:
            version = ""
        cell = "%s:%s%s" % (t["tool"], st.get(t["present"], "?"), ev.get(t["evidence"], "?"))
        if version:
            cell += ":" + version
        packed.setdefault(key, []).append(cell)
    # The official node images install node and npm from the same release tarball, so npm
    # kept by the Dockerfile implies the node executable (shared/kb lists npm, not node).
    for key, cells in packed.items():
        names = {c.split(":")[0] for c in cells}
        if key[0] == "node" and "npm:yd" in cells and "node" not in names:
            cells.append("node:yb")
    with open(os.path.join(OUT, "image_tools.tsv"), "w") as f:
        f.write("# generated by scripts/kb/gen_images.py from shared/kb/image-tools.tsv; "
                "tool:<y|n|?><d=dockerfile|p=purged|l=pkglist|b=base-inferred>[:version]\n")
        for key in sorted(packed):
            f.write("%s\t%s\t%s\n" % (key[0], key[1], ",".join(sorted(packed[key]))))

    with open(os.path.join(OUT, "artifacts.tsv"), "w") as f:
        f.write("# generated by scripts/kb/gen_images.py from shared/kb/artifacts.tsv\n")
        f.write("artifact\ttypical\tlow\thigh\tcertainty\tsource\n")
        for a in sorted(arts, key=lambda a: a["artifact"]):
            src = short_source(a["source"])
            f.write("\t".join(clean(x) for x in [a["artifact"], a["typical_bytes"], a["range_low"],
                                                  a["range_high"], a["certainty"], src]) + "\n")
    print("images: %d rows, tools: %d images, ratio families: %s" % (
        len(rows), len(packed), ",".join(sorted(ratios))), file=sys.stderr)


if __name__ == "__main__":
    main()
