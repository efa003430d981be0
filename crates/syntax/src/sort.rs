//! One stable sort for every crate of the core, compiled once.
//!
//! `slice::sort_by` is monomorphised for every element type and comparator: in the
//! playground's wasm its ~27 copies cost ~110 KB before compression. These helpers sort a
//! permutation of indices with a `dyn` comparator — one copy of the sort for the whole
//! program — and then swap the elements into place along the permutation's cycles, which
//! is all that stays generic. Same result as `sort_by` (stable), same O(n log n).
//!
//! Building a `BTreeMap`/`BTreeSet` with `collect()` (or `from([...])`) also runs a stable
//! sort monomorphised for its element type; build them with `new()` + `insert`/`extend`.

use std::cmp::Ordering;

/// Stable sort of `v` by `cmp`, like [`slice::sort_by`], with one shared sort instantiation.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_indices(&mut order, &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
    }
    permute(v, &mut order);
}

/// Puts `v[order[k]]` at position `k` by following the permutation's cycles with swaps:
/// the only per-type code is a swap loop (no second buffer of `Option<T>`).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut cur = start;
        while let Some(src) = order.get_mut(cur).map(|o| std::mem::replace(o, DONE)) {
            if src == DONE || src == start || src >= v.len() {
                break;
            }
            v.swap(cur, src);
            cur = src;
        }
    }
}

/// Stable sort of `v` by a key, like [`slice::sort_by_key`].
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Stable sort of `v` by `Ord`, like [`slice::sort`].
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one non-generic sort: indices ordered by a comparator over indices.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_std_stable_sort() {
        // Pairs with many equal keys: stability is visible in the second field.
        let mut seed = 0x2545_f491_u32;
        for len in [0usize, 1, 2, 3, 7, 20, 33, 100, 1000] {
            let v: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    ((seed % 7) as u8, i as u32)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "len {len}");
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| b.cmp(a));
            let mut std = v;
            std.sort_by(|a, b| b.cmp(a));
            assert_eq!(ours, std, "len {len}");
        }
    }

    #[test]
    fn moves_non_copy_elements() {
        let mut v: Vec<String> = ["b", "c", "a", "b"].iter().map(|s| s.to_string()).collect();
        sort(&mut v);
        assert_eq!(v, ["a", "b", "b", "c"]);
    }
}
