//! Reader for the generated columnar tables (`data/*.cols`, written by
//! `scripts/kb/gen_columns.py` from the reviewed `data/*.tsv`).
//!
//! Layout: the TSV's `#` comment lines, a line with the row count N, then N lines per
//! column, column after column. Like values next to each other compress better (the
//! playground ships these tables in its wasm), and dependency names that are a row's name
//! are written as that row's index.

/// One decoded `.cols` table; cells borrow the embedded text.
#[derive(Debug)]
pub(crate) struct Columns {
    /// The comment lines (sources, dates), `#` included.
    pub header: Vec<&'static str>,
    rows: usize,
    body: Vec<&'static str>,
}

impl Columns {
    /// Splits the text; a malformed table (impossible for the embedded ones, which the
    /// tests compare with their TSV) reads as fewer rows, never as a panic.
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

    /// A dependency token: all digits = the name of that row, anything else = itself.
    pub fn name_ref(&self, token: &'static str) -> &'static str {
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) {
            return token;
        }
        match token.parse::<usize>() {
            Ok(row) if row < self.rows => self.cell(0, row),
            _ => token,
        }
    }

    /// The names of a `,`-separated token list.
    pub fn name_list(&self, cell: &'static str) -> Vec<&'static str> {
        cell.split(',')
            .filter(|s| !s.is_empty())
            .map(|t| self.name_ref(t))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_and_references() {
        let t = Columns::parse("# head\n3\na\nb\nc\n1\n\n0,2,x,\n");
        assert_eq!(t.header, ["# head"]);
        assert_eq!(t.rows(), 3);
        assert_eq!([t.cell(0, 0), t.cell(0, 2), t.cell(1, 0)], ["a", "c", "1"]);
        assert_eq!(t.cell(1, 1), "");
        assert_eq!(t.cell(5, 0), "");
        assert_eq!(t.name_list(t.cell(1, 2)), ["a", "c", "x"]);
        assert_eq!(t.name_ref("7"), "7");
    }
}
