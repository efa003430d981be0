//! Exports for run.mjs: `alloc(len)` for the input buffer, then `parse_all(ptr, len, iters)`
//! parses every NUL-separated file of the buffer `iters` times.
#![allow(unsafe_code)] // The FFI boundary with the JS host.

/// A buffer of `len` bytes for the host to fill (never freed: one per run).
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Parse each NUL-separated file in `ptr[..len]` `iters` times; returns the number of
/// instructions seen (so that nothing is optimised away).
#[no_mangle]
pub extern "C" fn parse_all(ptr: *const u8, len: usize, iters: u32) -> u32 {
    // SAFETY: the host passes back a buffer from `alloc` that it filled with `len` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return u32::MAX;
    };
    let mut n = 0u32;
    for _ in 0..iters {
        for f in text.split('\0').filter(|f| !f.is_empty()) {
            let p = stagecraft_syntax::parse(std::hint::black_box(f));
            n = n.wrapping_add(p.file.instructions.len() as u32);
        }
    }
    n
}
