//! Dev tool for tests/differential/: prints, for each file argument, our dump or error in the
//! record format of the BuildKit oracle there.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::disallowed_methods)] // A dev tool: reads files.
use std::io::Write;
fn main() {
    let mut out = Vec::new();
    for f in std::env::args().skip(1) {
        let dt = std::fs::read(&f).unwrap();
        let p = stagecraft_syntax::parse_bytes(&dt);
        match &p.rejection {
            Some(r) => {
                let lines: Vec<String> = r.lines.iter().map(|l| l.to_string()).collect();
                write!(
                    out,
                    "ERR {}\n[{}]\0\u{1}SEP\u{1}\0",
                    r.message,
                    lines.join(",")
                )
                .unwrap();
            }
            None => {
                let d = p.file.dump();
                let ws: Vec<String> = p
                    .warnings
                    .iter()
                    .map(|w| {
                        let line = dt[..w.range.end as usize]
                            .iter()
                            .filter(|&&b| b == b'\n')
                            .count()
                            + 1;
                        serde_json::to_string(&format!("{} {}", line, w.message)).unwrap()
                    })
                    .collect();
                write!(
                    out,
                    "OK\n{}\n[{}]\0\u{1}SEP\u{1}\0",
                    d.trim_end_matches('\n'),
                    ws.join(",")
                )
                .unwrap();
            }
        }
    }
    std::io::stdout().write_all(&out).unwrap();
}
