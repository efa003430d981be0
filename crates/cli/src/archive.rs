//! What a local archive in the build context extracts to, for `ADD file.tar.gz /dest/`.
//!
//! Docker extracts local `.tar`, `.tar.gz`/`.tgz` archives on ADD, and the layer then holds the
//! extracted files. Reading the tar headers gives that size exactly, where the simulation would
//! otherwise guess from the compressed size. Other compressions (xz, bzip2) are left to that
//! guess rather than pulling in more decoders.

use std::path::Path;

/// Largest archive read (compressed) and largest tar stream decompressed, so that a huge or
/// hostile file in the context costs bounded memory; beyond them the simulation's ratio is used.
const MAX_ARCHIVE_BYTES: u64 = 256 << 20;
const MAX_TAR_BYTES: usize = 1 << 30;

/// Whether `name` is an archive kind this module measures.
pub fn is_measured_archive(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with(".tar") || n.ends_with(".tar.gz") || n.ends_with(".tgz")
}

/// Bytes of the regular files and symlinks `path` extracts to, or `None` when it cannot be
/// read as a (gzip-compressed) tar within the limits.
pub fn extracted_size(path: &Path) -> Option<u64> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_ARCHIVE_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let deflate = gzip_payload(&bytes)?;
        let tar =
            miniz_oxide::inflate::decompress_to_vec_with_limit(deflate, MAX_TAR_BYTES).ok()?;
        tar_content_size(&tar)
    } else {
        tar_content_size(&bytes)
    }
}

/// The raw DEFLATE stream of a gzip member (RFC 1952 header skipped).
fn gzip_payload(b: &[u8]) -> Option<&[u8]> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    if b.get(..3)? != [0x1f, 0x8b, 8] {
        return None;
    }
    let flags = *b.get(3)?;
    let mut i = 10usize;
    if flags & FEXTRA != 0 {
        let len = usize::from(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]));
        i += 2 + len;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            i += b.get(i..)?.iter().position(|&c| c == 0)? + 1;
        }
    }
    if flags & FHCRC != 0 {
        i += 2;
    }
    b.get(i..)
}

/// Sum of the sizes of regular files (and symlink targets' lengths) in a tar stream.
fn tar_content_size(tar: &[u8]) -> Option<u64> {
    let mut total = 0u64;
    let mut off = 0usize;
    let mut entries = 0usize;
    while let Some(header) = tar.get(off..off + 512) {
        if header.iter().all(|&b| b == 0) {
            break;
        }
        // "ustar" magic (POSIX and GNU); anything else is not a tar we understand.
        if header.get(257..262)? != b"ustar" {
            return None;
        }
        let size = tar_number(header.get(124..136)?)?;
        match header.get(156).copied()? {
            // Regular files (and old-style '\0', contiguous '7').
            b'0' | 0 | b'7' => total = total.checked_add(size)?,
            // A symlink is as big as its target's name.
            b'2' => {
                let target = header.get(157..257)?;
                total += target.iter().take_while(|&&c| c != 0).count() as u64;
            }
            // Directories, hard links, pax/GNU metadata: nothing of their own in the layer.
            _ => {}
        }
        let data = usize::try_from(size.div_ceil(512) * 512).ok()?;
        off = off.checked_add(512)?.checked_add(data)?;
        entries += 1;
    }
    (entries > 0).then_some(total)
}

/// A tar numeric field: octal text, or GNU's base-256 form (high bit set) for large values.
fn tar_number(field: &[u8]) -> Option<u64> {
    if field.first().is_some_and(|b| b & 0x80 != 0) {
        let mut v = u64::from(field.first()? & 0x7f);
        for &b in field.get(1..)? {
            v = v.checked_mul(256)?.checked_add(u64::from(b))?;
        }
        return Some(v);
    }
    let text: String = field
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as char)
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(text, 8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ustar header for `name` with `size` bytes of type `kind`.
    fn header(name: &str, size: u64, kind: u8, link: &str) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        let sz = format!("{size:011o}\0");
        h[124..136].copy_from_slice(sz.as_bytes());
        h[156] = kind;
        h[157..157 + link.len()].copy_from_slice(link.as_bytes());
        h[257..263].copy_from_slice(b"ustar\0");
        h
    }

    fn tar(entries: &[(&str, u64, u8, &str)]) -> Vec<u8> {
        let mut t = Vec::new();
        for &(name, size, kind, link) in entries {
            t.extend(header(name, size, kind, link));
            let data = if kind == b'0' { size } else { 0 };
            t.extend(vec![b'x'; data as usize]);
            t.resize(t.len().div_ceil(512) * 512, 0);
        }
        t.extend([0u8; 1024]);
        t
    }

    #[test]
    fn sums_files_and_symlinks_not_directories_or_padding() {
        let t = tar(&[
            ("app/", 0, b'5', ""),
            ("app/a.txt", 700, b'0', ""),
            ("app/b.bin", 1, b'0', ""),
            ("app/link", 0, b'2', "a.txt"),
        ]);
        assert_eq!(tar_content_size(&t), Some(706));
    }

    #[test]
    fn reads_gzip_compressed_tars() {
        let t = tar(&[("a", 5000, b'0', "")]);
        let deflate = miniz_oxide::deflate::compress_to_vec(&t, 6);
        // Header with FNAME set, as `gzip` writes it.
        let mut gz = vec![0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3];
        gz.extend(b"a.tar\0");
        gz.extend(&deflate);
        gz.extend([0u8; 8]);
        let dir = std::env::temp_dir().join(format!("stagecraft-archive-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.tar.gz");
        std::fs::write(&path, &gz).unwrap();
        assert_eq!(extracted_size(&path), Some(5000));
        std::fs::write(&path, b"not an archive at all").unwrap();
        assert_eq!(extracted_size(&path), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn base256_sizes_and_garbage() {
        let mut field = [0u8; 12];
        field[0] = 0x80;
        field[11] = 1;
        field[10] = 2;
        assert_eq!(tar_number(&field), Some(513));
        assert_eq!(tar_content_size(&[1u8; 2000]), None);
        assert_eq!(tar_content_size(&[]), None);
    }
}
