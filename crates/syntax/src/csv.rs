//! One record of Go's `encoding/csv` reader with default settings (comma separator,
//! `"` quoting with `""` as an escaped quote, no lazy quotes), as BuildKit splits `--mount`.

/// The fields of `s`, or `None` where Go's reader reports an error (a bare `"` in an
/// unquoted field, text after a closing quote, an unterminated quote).
pub(crate) fn read_record(s: &str) -> Option<Vec<String>> {
    // Go's reader stops the record at the first newline outside quotes.
    let mut fields = Vec::new();
    let b = s.as_bytes();
    let mut pos = 0;
    loop {
        if b.get(pos) == Some(&b'"') {
            let mut field = Vec::new();
            pos += 1;
            loop {
                match b.get(pos) {
                    None => return None,
                    Some(b'"') => {
                        if b.get(pos + 1) == Some(&b'"') {
                            field.push(b'"');
                            pos += 2;
                        } else {
                            pos += 1;
                            break;
                        }
                    }
                    Some(&c) => {
                        field.push(c);
                        pos += 1;
                    }
                }
            }
            fields.push(String::from_utf8_lossy(&field).into_owned());
            match b.get(pos) {
                None | Some(b'\n') => return Some(fields),
                Some(b',') => pos += 1,
                Some(b'\r') if matches!(b.get(pos + 1), None | Some(b'\n')) => return Some(fields),
                Some(_) => return None,
            }
        } else {
            let end = b[pos..]
                .iter()
                .position(|&c| c == b',' || c == b'\n')
                .map_or(b.len(), |i| pos + i);
            let mut field = &s[pos..end];
            if field.contains('"') {
                return None;
            }
            if end == b.len() || b[end] == b'\n' {
                field = field.strip_suffix('\r').unwrap_or(field);
                fields.push(field.to_string());
                return Some(fields);
            }
            fields.push(field.to_string());
            pos = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_go() {
        assert_eq!(
            read_record("type=cache,target=/x").unwrap(),
            vec!["type=cache", "target=/x"]
        );
        assert_eq!(
            read_record(r#"type=secret,"id=a,b",x"#).unwrap(),
            vec!["type=secret", "id=a,b", "x"]
        );
        assert_eq!(read_record("a,").unwrap(), vec!["a", ""]);
        assert!(read_record(r#"a"b"#).is_none());
    }
}
