//! Reader for the generated compact columnar tables (`data/*.cols`, written by
//! `scripts/kb/gen_columns.py` from the reviewed `data/*.tsv`).
//!
//! A `.cols` file is the TSV's `#` comment lines, a line with the row count N, a line with
//! one letter per embedded column (its encoding), then N lines per column, column after
//! column: like values next to each other compress better, and the playground ships these
//! tables in its wasm. [`expand`] turns it once into plain columns (every cell as the TSV
//! has it), which [`Columns`] reads; the encodings only make the embedded text smaller:
//!
//! - `t`: the cell as is.
//! - `f`: front-coded: a base-62 digit k (the cell starts with the first k bytes of the
//!   previous row's cell) followed by the rest.
//! - `l`: a `,`-separated list whose items are front-coded like `f` against the previous
//!   item of the column.
//! - `r`: references: tokens between the separators `,|;=+` are `!` + literal text, or a
//!   base-62 row index standing for that row's name (column 0) followed by a literal tail
//!   (`[extra]`).
//! - `d`: like `r`, but each index is the zigzag-coded difference from the cell's previous
//!   index (`2d` for d ≥ 0, `-2d-1` below), starting from 0.

use std::sync::OnceLock;

/// Row-index and prefix-length digits.
fn digit(b: u8) -> Option<usize> {
    let d = match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'z' => b - b'a' + 10,
        b'A'..=b'Z' => b - b'A' + 36,
        _ => return None,
    };
    Some(usize::from(d))
}

/// The separators of a reference cell.
fn is_separator(b: u8) -> bool {
    matches!(b, b',' | b'|' | b';' | b'=' | b'+')
}

/// Appends the first `k` bytes of `out[prev]` (the previous cell or item) to `out`.
fn push_prefix(out: &mut Vec<u8>, prev: (usize, usize), k: usize) {
    let end = prev.0.saturating_add(k).min(prev.1);
    out.extend_from_within(prev.0..end);
}

/// Appends a front-coded `cell` (`f`) and returns where it lies in `out`.
fn push_front_coded(out: &mut Vec<u8>, prev: (usize, usize), cell: &str) -> (usize, usize) {
    let start = out.len();
    let bytes = cell.as_bytes();
    let rest = match bytes.first().and_then(|&b| digit(b)) {
        Some(k) => {
            push_prefix(out, prev, k);
            bytes.get(1..).unwrap_or_default()
        }
        None => bytes,
    };
    out.extend_from_slice(rest);
    (start, out.len())
}

/// Expands a compact `.cols` text into plain columns: the comment lines, N, then N lines per
/// column. A malformed table (impossible for the embedded ones, which the tests compare with
/// their TSV) expands to fewer or wrong cells, never to a panic.
pub(crate) fn expand(text: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len().saturating_mul(2));
    let mut lines = text.lines();
    let mut rows = 0usize;
    for l in lines.by_ref() {
        out.extend_from_slice(l.as_bytes());
        out.push(b'\n');
        if !l.starts_with('#') {
            // Every cell takes at least its line break: a count beyond the text is broken.
            rows = l.parse::<usize>().unwrap_or(0).min(text.len());
            break;
        }
    }
    let kinds = lines.next().unwrap_or("");
    // Where each row's name (column 0) lies in `out`, for references.
    let mut names: Vec<(usize, usize)> = Vec::with_capacity(rows);
    for (col, kind) in kinds.bytes().enumerate() {
        let mut prev = (0, 0);
        for _ in 0..rows {
            let cell = lines.next().unwrap_or("");
            let start = out.len();
            match kind {
                b'f' => prev = push_front_coded(&mut out, prev, cell),
                // An empty list has no items (the previous item stays the same).
                b'l' if cell.is_empty() => {}
                b'l' => {
                    for (i, item) in cell.split(',').enumerate() {
                        if i > 0 {
                            out.push(b',');
                        }
                        prev = push_front_coded(&mut out, prev, item);
                    }
                }
                b'r' | b'd' => push_references(&mut out, &names, cell, kind == b'd'),
                _ => out.extend_from_slice(cell.as_bytes()),
            }
            if col == 0 {
                names.push((start, out.len()));
            }
            out.push(b'\n');
        }
    }
    // Cells are cut only at ASCII bytes (the generator refuses other text in encoded
    // columns), so this is valid UTF-8; a broken table reads as empty (no lossy decoder in
    // the wasm).
    String::from_utf8(out).unwrap_or_default()
}

/// Appends a reference cell (`r`, or `d` when `delta`) with its row indices replaced by
/// names.
fn push_references(out: &mut Vec<u8>, names: &[(usize, usize)], cell: &str, delta: bool) {
    let bytes = cell.as_bytes();
    let mut start = 0;
    let mut prev = 0usize;
    for end in (0..=bytes.len()).filter(|&i| bytes.get(i).is_none_or(|&b| is_separator(b))) {
        let token = bytes.get(start..end).unwrap_or_default();
        if let Some(literal) = token.strip_prefix(b"!") {
            out.extend_from_slice(literal);
        } else {
            let n = token
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let (index, tail) = token.split_at_checked(n).unwrap_or((token, &[]));
            let value = index.iter().try_fold(0usize, |acc, &b| {
                acc.checked_mul(62)?.checked_add(digit(b)?)
            });
            let row = match value {
                Some(v) if delta && v % 2 == 0 => prev.checked_add(v / 2),
                Some(v) if delta => prev.checked_sub(v / 2 + 1),
                v => v,
            };
            if delta && n > 0 {
                prev = row.unwrap_or(prev);
            }
            match row.filter(|_| n > 0).and_then(|r| names.get(r)) {
                Some(&(s, e)) => out.extend_from_within(s..e),
                None => out.extend_from_slice(index),
            }
            out.extend_from_slice(tail);
        }
        if let Some(&sep) = bytes.get(end) {
            out.push(sep);
        }
        start = end.saturating_add(1);
    }
}

/// The non-empty items of a `,`-separated cell (one shared copy of this loop in the wasm).
pub(crate) fn list(cell: &'static str) -> Vec<&'static str> {
    cell.split(',').filter(|s| !s.is_empty()).collect()
}

/// One expanded table; cells borrow its text.
#[derive(Debug)]
pub(crate) struct Columns {
    /// The comment lines (sources, dates), `#` included.
    pub header: Vec<&'static str>,
    rows: usize,
    body: Vec<&'static str>,
}

impl Columns {
    /// The table of a compact `.cols` text, expanded once into `store`.
    pub fn load(store: &'static OnceLock<String>, compact: &str) -> Columns {
        Columns::parse(store.get_or_init(|| expand(compact)))
    }

    /// Splits an expanded table (see [`expand`]) into its cells.
    pub fn parse(text: &'static str) -> Columns {
        let mut lines = text.lines();
        let mut header = Vec::new();
        let mut rows = 0;
        for l in lines.by_ref() {
            if l.starts_with('#') {
                header.push(l);
            } else {
                rows = l.parse().unwrap_or(0);
                break;
            }
        }
        Columns {
            header,
            rows,
            body: lines.collect(),
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Cell `col` of `row`; `""` when absent.
    pub fn cell(&self, col: usize, row: usize) -> &'static str {
        col.checked_mul(self.rows)
            .and_then(|i| i.checked_add(row))
            .and_then(|i| self.body.get(i))
            .copied()
            .unwrap_or("")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A comment line naming its source's date (`Release date …`, `… on 2026-11-23`): the
    /// only comment lines the generator copies.
    fn dated(line: &str) -> bool {
        let iso = |r: &str| {
            let b = r.as_bytes();
            b.len() > 4 && b.iter().take(4).all(u8::is_ascii_digit) && b.get(4) == Some(&b'-')
        };
        line.contains("Release date ") || line.split(" on ").skip(1).any(iso)
    }

    /// A TSV as [`expand`] must give it back: its dated comment lines, one `#` line naming
    /// the generator, the row count, then the `keep` columns of the rows that have a name.
    pub(crate) fn tsv_as_columns(tsv: &str, keep: &[usize]) -> String {
        let header: Vec<&str> = tsv
            .lines()
            .filter(|l| l.starts_with('#') && dated(l))
            .collect();
        let rows: Vec<Vec<&str>> = tsv
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| c.first().is_some_and(|n| !n.is_empty()))
            .collect();
        let mut out = String::new();
        for l in header {
            out += l;
            out += "\n";
        }
        out += &format!("{}\n", rows.len());
        for &c in keep {
            for r in &rows {
                out += r.get(c).copied().unwrap_or("");
                out += "\n";
            }
        }
        out
    }

    /// The generated table `cols` holds exactly the `keep` columns of `tsv`.
    pub(crate) fn assert_same_table(cols: &str, tsv: &str, keep: &[usize]) {
        let expanded = expand(cols);
        let generator = expanded
            .lines()
            .find(|l| l.contains("gen_columns.py"))
            .expect("generator line");
        let want = tsv_as_columns(tsv, keep);
        let got: String = expanded
            .lines()
            .filter(|l| *l != generator)
            .flat_map(|l| [l, "\n"])
            .collect();
        // Line by line first: a failure names the first differing cell.
        for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
            assert_eq!(g, w, "line {i} of the expanded table");
        }
        assert!(got == want, "expanded table differs from its TSV");
    }

    #[test]
    fn expands_every_encoding() {
        let text = "# head\n3\nfrlt\n0apt\n3-get\n2b\n1,!x|0\n!y[z]\n2=!1.0+1[e]\n\
                    0a,1b,1c\n\n1bc\n\n7\n\n";
        let t = expand(text);
        assert_eq!(
            t,
            "# head\n3\napt\napt-get\napb\napt-get,x|apt\ny[z]\napb=1.0+apt-get[e]\n\
             a,ab,ac\n\nabc\n\n7\n\n"
        );
        let c = Columns::parse(Box::leak(t.into_boxed_str()));
        assert_eq!(c.header, ["# head"]);
        assert_eq!(c.rows(), 3);
        assert_eq!(
            [c.cell(0, 1), c.cell(2, 2), c.cell(3, 1)],
            ["apt-get", "abc", "7"]
        );
        assert_eq!(c.cell(5, 0), "");
        // Delta-coded references: 2 → +1 = row 1, 1 → −1 = row 0, 4 → +2 = row 2.
        assert_eq!(
            expand("3\nfd\n0a\n0b\n0c\n2,1,4\n!x\n4[y]\n"),
            "3\na\nb\nc\nb,a,c\nx\nc[y]\n"
        );
    }

    #[test]
    fn malformed_tables_do_not_panic() {
        for text in [
            "",
            "x",
            "9\nfr\n",
            "2\nrr\nzz!,\n9999999999999999999999\n",
            "2\nf\nZabc\n",
            "3\nd\nZZZZZZZZZZZZZZZZZZZZZZZZZ\n1\n!\n",
        ] {
            let _ = Columns::parse(Box::leak(expand(text).into_boxed_str()));
        }
        assert_eq!(expand("1\nr\nZZ\n"), "1\nZZ\n");
        // A row count beyond the text is capped by its length, not allocated.
        // (the count line, then one empty cell per byte of the 14-byte text).
        assert_eq!(expand("99999999999\nt\n").lines().count(), 15);
        // An empty reference cell is no row index.
        assert_eq!(expand("2\nfr\n0a\n0b\n\n,0\n"), "2\na\nb\n\n,a\n");
    }
}
