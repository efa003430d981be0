#!/usr/bin/env python3
"""Compact columnar copies of the big package tables, the form the knowledge crate embeds.

    python3 scripts/kb/gen_columns.py          # after any gen_debian/gen_npm/gen_pypi run
    python3 scripts/kb/gen_columns.py --sizes  # also print brotli sizes per column

The TSV files in crates/knowledge/data/ stay the reviewed, human-readable source; this script
rewrites each of debian-bookworm, debian-trixie, npm and pypi as a `.cols` file that brotli
compresses much better (the playground's wasm carries them). The crate expands a `.cols` back
into plain columns once, on first use (`crates/knowledge/src/columns.rs`), and its tests check
that the expansion equals the TSV (minus the columns left out here).

Layout (one cell per line):

  * the TSV's comment lines that carry the source's date, verbatim (the crate reads the
    dates from them), then one `#` line naming this script;
  * one line with the row count N;
  * one line with a letter per embedded column, saying how it is encoded:
      t  text as is;
      f  front-coded: a prefix-length character (ALPHABET[k]: the cell starts with the first
         k characters of the previous row's cell of this column) followed by the rest;
      r  reference list: the cell is split on the separators `,|;=+` (kept as they are);
         each token is either `!` + literal text, or a row index in base 62 (ALPHABET)
         standing for that row's name (column 0; the first row of that name), optionally
         followed by a literal tail starting with `[` (`uvicorn[standard]`);
      d  like r, but each row index is written as its difference from the previous index
         of the cell (the first from 0), zigzag-coded (d >= 0 -> 2d, d < 0 -> -2d-1): npm's
         dependency lists are mostly in row order, so the numbers are small;
      l  front-coded list: the `,`-separated items of the cell, each front-coded against
         the previous item of the column (across rows);
  * then the embedded columns, column after column, N lines each.

It also writes `pip_calibration.cols`: pip_calibration.tsv's rows with the wheel file name
cut to `p` (pure, `none-any`) or `b`, all the crate reads of it.

Only what the crate reads is embedded: the Debian version column is not (nothing shows apt
package versions), and of the Debian `Provides` lists, the `node-*` virtual names that no
Depends/Recommends of the table mentions and that are no package's name are dropped (Debian's
node-lodash-packages, node-babel7, ... provide ~1,000 names of the npm modules they bundle:
4.5 kB brotli that only mattered for `apt-get install node-<bundled module>`, which now reports
an unknown package). The crate's test applies the same rule to the TSV (`prune_provides`).
"""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "crates", "knowledge", "data")

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
SEPARATORS = ",|;=+"

# table -> (columns in the TSV, encoding per TSV column; `-` = not embedded)
TABLES = {
    # name size flags depends recommends provides version
    "debian-bookworm": (7, "ftt rrl-".replace(" ", "")),
    "debian-trixie": (7, "ftt rrl-".replace(" ", "")),
    # name version unpacked deps flags
    "npm": (5, "fttdt"),
    # name version cp312 cp311 kind deps extras
    "pypi": (7, "fttttrr"),
}


def b62(n):
    s = ""
    while True:
        s = ALPHABET[n % 62] + s
        n //= 62
        if n == 0:
            return s


def common(a, b):
    k = 0
    n = min(len(a), len(b), len(ALPHABET) - 1)
    while k < n and a[k] == b[k]:
        k += 1
    return k


def prune_provides(rows):
    """Drops the `node-*` virtual names nothing refers to (see the docstring)."""
    keep = {r[0] for r in rows}
    for r in rows:
        for c in (3, 4):
            keep.update(a for a in re.split(r"[,|]", r[c]) if a)
    for r in rows:
        r[5] = ",".join(p for p in r[5].split(",")
                        if p and (p in keep or not p.startswith("node-")))


def dated(line):
    """A comment line naming the source's date (`Release date …`, `… on 2026-11-23`)."""
    return re.search(r"Release date | on \d{4}-", line) is not None


def convert(name, ncols, kinds, show_sizes):
    src = os.path.join(DATA, name + ".tsv")
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    # Only the dated source lines: the crate reads the date from them (column titles and
    # subset notes stay in the TSV).
    header = [l for l in lines if l.startswith("#") and dated(l)]
    rows = []
    for l in lines:
        if not l or l.startswith("#"):
            continue
        cells = l.split("\t")
        if not cells[0]:
            continue  # the crate skips rows without a name
        if len(cells) > ncols:
            sys.exit(f"{src}: unexpected row {l!r}")
        rows.append(cells + [""] * (ncols - len(cells)))
    index = {}
    for i, r in enumerate(rows):
        index.setdefault(r[0], i)
    if name.startswith("debian-"):
        prune_provides(rows)

    def refs(cell, delta):
        out, prev = [], 0
        for part in re.split("([" + re.escape(SEPARATORS) + "])", cell):
            # `name[extra]` → index + literal tail; anything else stays literal.
            m = re.fullmatch(r"([^\[]+)(\[.*)?", part)
            if part == "" or part in SEPARATORS:
                out.append(part)
            elif m and m.group(1) in index:
                i = index[m.group(1)]
                v = i
                if delta:
                    v = 2 * (i - prev) if i >= prev else 2 * (prev - i) - 1
                    prev = i
                out.append(b62(v) + (m.group(2) or ""))
            else:
                out.append("!" + part)
        return "".join(out)

    embedded = []
    for c, kind in enumerate(kinds):
        cells = [r[c] for r in rows]
        if kind == "-":
            continue
        for v in cells:
            # prefixes are cut in bytes by the crate: ASCII only outside `t` columns
            if "\n" in v or (kind != "t" and not v.isascii()):
                sys.exit(f"{src}: unexpected cell {v!r}")
        if kind == "f":
            prev, out = "", []
            for v in cells:
                k = common(prev, v)
                out.append(ALPHABET[k] + v[k:])
                prev = v
            cells = out
        elif kind == "l":
            prev, out = "", []
            for v in cells:
                items = []
                for it in v.split(",") if v else []:
                    k = common(prev, it)
                    items.append(ALPHABET[k] + it[k:])
                    prev = it
                out.append(",".join(items))
            cells = out
        elif kind in "rd":
            cells = [refs(v, kind == "d") for v in cells]
        embedded.append((c, kind, cells))

    out = header + [
        f"# compact columnar copy by scripts/kb/gen_columns.py of {name}.tsv; do not edit",
        str(len(rows)),
        "".join(k for _, k, _ in embedded),
    ]
    for _, _, cells in embedded:
        out.extend(cells)
    text = "\n".join(out) + "\n"
    dst = os.path.join(DATA, name + ".cols")
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{dst}: {len(rows)} rows, {len(text)} bytes, {brotli(text)} brotli")
    if show_sizes:
        for c, kind, cells in embedded:
            print(f"  column {c} ({kind}): {brotli(chr(10).join(cells))} brotli alone")


def brotli(text):
    try:
        return len(subprocess.run(["brotli", "-c", "-q", "11"], input=text.encode(),
                                  capture_output=True, check=True).stdout)
    except (OSError, subprocess.CalledProcessError):
        return -1


def calibration():
    """`pip_calibration.cols`: the rows of pip_calibration.tsv with the wheel file name
    reduced to what the crate reads of it, `p` (a pure `none-any` wheel) or `b` (binary)."""
    src = os.path.join(DATA, "pip_calibration.tsv")
    out = ["# compact copy by scripts/kb/gen_columns.py of pip_calibration.tsv; do not edit"]
    with open(src, encoding="utf-8") as f:
        for l in f.read().split("\n"):
            if not l or l.startswith("#"):
                continue
            c = l.split("\t")
            if len(c) > 1:
                c[1] = "p" if c[1].endswith("none-any.whl") else "b"
            out.append("\t".join(c))
    text = "\n".join(out) + "\n"
    dst = os.path.join(DATA, "pip_calibration.cols")
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{dst}: {len(out) - 1} rows, {len(text)} bytes, {brotli(text)} brotli")


for name, spec in TABLES.items():
    convert(name, *spec, "--sizes" in sys.argv)
calibration()
