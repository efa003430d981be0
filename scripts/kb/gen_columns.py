#!/usr/bin/env python3
"""Columnar copies of the big package tables, the form the knowledge crate embeds.

    python3 scripts/kb/gen_columns.py          # after any gen_debian/gen_npm/gen_pypi run

The TSV files in crates/knowledge/data/ stay the reviewed, human-readable source; this script
rewrites each of debian-bookworm, debian-trixie, npm and pypi as a `.cols` file that brotli
compresses ~17 % better (the playground's wasm carries them):

  * the TSV's comment lines, verbatim (the crate reads source dates from them);
  * one line with the row count N;
  * then the table column by column: N lines of column 0, N lines of column 1, ...
    (like values next to each other compress better than rows of mixed fields);
  * in the dependency columns, a name that is some row's name is written as that row's index
    (decimal; the first row of that name). Any other token (virtual packages, `name==1.2`,
    `name[extra]`, `name@?`) stays text. Tokens are split on the column's separators
    (debian: ',' between groups, '|' between alternatives; npm and pypi: ',').

A token that is all digits is an index, so the script refuses a text token made only of
digits. The crate's tests decode each `.cols` and compare it with its TSV row by row.
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "crates", "knowledge", "data")

# table -> (columns, dependency columns, separator regex of a dependency column)
TABLES = {
    "debian-bookworm": (7, (3, 4), r"([,|])"),
    "debian-trixie": (7, (3, 4), r"([,|])"),
    "npm": (5, (3,), r"(,)"),
    "pypi": (7, (5,), r"(,)"),
}


def convert(name, ncols, dep_cols, sep):
    src = os.path.join(DATA, name + ".tsv")
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = [l for l in lines if l.startswith("#")]
    rows = []
    for l in lines:
        if not l or l.startswith("#"):
            continue
        cells = l.split("\t")
        if not cells[0]:
            continue  # the crate skips rows without a name
        if len(cells) > ncols or any("\n" in c for c in cells):
            sys.exit(f"{src}: unexpected row {l!r}")
        rows.append(cells + [""] * (ncols - len(cells)))
    index = {}
    for i, r in enumerate(rows):
        index.setdefault(r[0], i)

    def tokens(cell):
        out = []
        for part in re.split(sep, cell):
            if re.fullmatch(sep, part) or part == "":
                out.append(part)
            elif part in index:
                out.append(str(index[part]))
            elif part.isdigit():
                sys.exit(f"{src}: token {part!r} is all digits and no row's name")
            else:
                out.append(part)
        return "".join(out)

    out = header + [f"# columnar copy by scripts/kb/gen_columns.py of {name}.tsv; do not edit",
                    str(len(rows))]
    for c in range(ncols):
        for r in rows:
            out.append(tokens(r[c]) if c in dep_cols else r[c])
    dst = os.path.join(DATA, name + ".cols")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{dst}: {len(rows)} rows")


for name, spec in TABLES.items():
    convert(name, *spec)
