//! [`SizeRange`]: a byte size as an estimate with a plausible interval.
//!
//! Every size this crate (and the simulation built on it) reports is a range, because almost
//! nothing is known to the byte before a build. Unknown contributions are never counted as zero:
//! they are folded in as a wide range and counted in [`SizeRange::unknown`], so the UI can say
//! "3 parts of this estimate are unknown".

use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::{Add, AddAssign};

/// A size in bytes: `low <= estimate <= high`.
///
/// Serialises as `{"estimate","low","high"}` plus `"unknown"` when some part of the
/// sum was not known (see [`SizeRange::unknown_within`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SizeRange {
    /// Best single guess, in bytes.
    pub estimate: u64,
    /// Lower bound, in bytes.
    pub low: u64,
    /// Upper bound, in bytes.
    pub high: u64,
    /// How many unknown contributions were folded into this range (0 = all parts known).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unknown: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl SizeRange {
    /// Zero bytes, exactly (an empty layer, `scratch`).
    pub const ZERO: SizeRange = SizeRange {
        estimate: 0,
        low: 0,
        high: 0,
        unknown: 0,
    };

    /// An exactly known size.
    pub const fn exact(bytes: u64) -> Self {
        SizeRange {
            estimate: bytes,
            low: bytes,
            high: bytes,
            unknown: 0,
        }
    }

    /// A range; the three values are put in order (`low <= estimate <= high`) whatever
    /// order they come in, so a caller's mistake cannot produce an inverted range.
    pub fn new(estimate: u64, low: u64, high: u64) -> Self {
        let lo = low.min(estimate).min(high);
        let hi = high.max(estimate).max(low);
        SizeRange {
            estimate: estimate.clamp(lo, hi),
            low: lo,
            high: hi,
            unknown: 0,
        }
    }

    /// `estimate` with relative bounds: `low = estimate × (1 - below)`,
    /// `high = estimate × (1 + above)`; e.g. `around(100, 0.1, 0.25)` = 90..125.
    pub fn around(estimate: u64, below: f64, above: f64) -> Self {
        let below = below.clamp(0.0, 1.0);
        let above = above.max(0.0);
        SizeRange::new(
            estimate,
            mul_f64(estimate, 1.0 - below),
            mul_f64(estimate, 1.0 + above),
        )
    }

    /// Something we do not know, believed to lie within `low..=high`. The estimate is the
    /// geometric mean (sizes spread over orders of magnitude) and the range counts as one
    /// unknown part.
    pub fn unknown_within(low: u64, high: u64) -> Self {
        let (lo, hi) = (low.min(high), low.max(high));
        // Geometric mean; `+1` keeps a zero lower bound from collapsing the estimate to 0.
        let est = (((lo as f64) + 1.0).sqrt() * ((hi as f64) + 1.0).sqrt()) as u64;
        let mut r = SizeRange::new(est, lo, hi);
        r.unknown = 1;
        r
    }

    /// True when low = estimate = high and nothing unknown was folded in.
    pub fn is_exact(&self) -> bool {
        self.low == self.high && self.unknown == 0
    }

    /// True when at least one unknown part was folded in.
    pub fn has_unknown(&self) -> bool {
        self.unknown > 0
    }

    /// True when `bytes` lies inside `[low, high]`.
    pub fn contains(&self, bytes: u64) -> bool {
        self.low <= bytes && bytes <= self.high
    }

    /// Multiplies all three values by `factor` (e.g. compressed → uncompressed), saturating.
    pub fn scale(&self, factor: f64) -> Self {
        SizeRange {
            estimate: mul_f64(self.estimate, factor),
            low: mul_f64(self.low, factor),
            high: mul_f64(self.high, factor),
            unknown: self.unknown,
        }
    }

    /// Multiplies by an uncertain factor `estimate (low..high)`: the bounds use the
    /// matching extreme factors, so the range widens.
    pub fn scale_range(&self, estimate: f64, low: f64, high: f64) -> Self {
        let mut r = SizeRange::new(
            mul_f64(self.estimate, estimate),
            mul_f64(self.low, low.min(high)),
            mul_f64(self.high, high.max(low)),
        );
        r.unknown = self.unknown;
        r
    }

    /// Widens the bounds by relative amounts (keeps the estimate).
    pub fn widen(&self, below: f64, above: f64) -> Self {
        let mut r = SizeRange::new(
            self.estimate,
            mul_f64(self.low, 1.0 - below.clamp(0.0, 1.0)),
            mul_f64(self.high, 1.0 + above.max(0.0)),
        );
        r.unknown = self.unknown;
        r
    }

    /// Either of two alternatives (e.g. "a file might come from here or there"): the
    /// interval covers both, the estimate is the mean.
    pub fn merge(&self, other: &SizeRange) -> Self {
        let mut r = SizeRange::new(
            self.estimate / 2 + other.estimate / 2 + (self.estimate % 2 + other.estimate % 2) / 2,
            self.low.min(other.low),
            self.high.max(other.high),
        );
        r.unknown = self.unknown.max(other.unknown);
        r
    }

    /// `self - other` clamped at zero, bound by bound (low - high of the other would be too
    /// pessimistic for the typical use "image minus its base").
    pub fn saturating_sub(&self, other: &SizeRange) -> Self {
        let mut r = SizeRange::new(
            self.estimate.saturating_sub(other.estimate),
            self.low.saturating_sub(other.low),
            self.high.saturating_sub(other.high),
        );
        r.unknown = self.unknown;
        r
    }
}

/// `bytes × factor`, rounded, saturating at the u64 bounds (NaN → 0).
fn mul_f64(bytes: u64, factor: f64) -> u64 {
    let v = (bytes as f64) * factor;
    if v.is_nan() || v <= 0.0 {
        0
    } else if v >= u64::MAX as f64 {
        u64::MAX
    } else {
        v.round() as u64
    }
}

impl Add for SizeRange {
    type Output = SizeRange;
    /// Sums bound by bound (worst case both ways), saturating.
    fn add(self, rhs: SizeRange) -> SizeRange {
        SizeRange {
            estimate: self.estimate.saturating_add(rhs.estimate),
            low: self.low.saturating_add(rhs.low),
            high: self.high.saturating_add(rhs.high),
            unknown: self.unknown.saturating_add(rhs.unknown),
        }
    }
}

impl AddAssign for SizeRange {
    fn add_assign(&mut self, rhs: SizeRange) {
        *self = *self + rhs;
    }
}

impl Sum for SizeRange {
    fn sum<I: Iterator<Item = SizeRange>>(iter: I) -> SizeRange {
        iter.fold(SizeRange::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a SizeRange> for SizeRange {
    fn sum<I: Iterator<Item = &'a SizeRange>>(iter: I) -> SizeRange {
        iter.fold(SizeRange::ZERO, |a, b| a + *b)
    }
}

impl std::fmt::Display for SizeRange {
    /// `"41.2 MB (38.0–45.1 MB)"`, decimal units as Docker prints them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.low == self.high {
            write!(f, "{}", human_bytes(self.estimate))?;
        } else {
            write!(
                f,
                "{} ({}–{})",
                human_bytes(self.estimate),
                human_bytes(self.low),
                human_bytes(self.high)
            )?;
        }
        if self.unknown > 0 {
            write!(f, " +{} unknown", self.unknown)?;
        }
        Ok(())
    }
}

/// Decimal human-readable bytes (`1.11 GB`, `41.2 MB`, `512 B`), as `docker images` prints:
/// three significant digits. Integer arithmetic only (no float formatting in the wasm).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    // Written digit by digit rather than with `format!`: this runs ~50 times per analysis and
    // the formatting machinery was most of its cost. Same text.
    let mut out = String::with_capacity(12);
    if bytes < 1000 {
        push_decimal(&mut out, bytes);
        out.push_str(" B");
        return out;
    }
    let mut unit = 0;
    let mut scale: u64 = 1;
    while unit + 1 < UNITS.len() && bytes / scale >= 1000 {
        scale *= 1000;
        unit += 1;
    }
    let whole = bytes / scale;
    // Decimals so that the figure has three significant digits.
    let decimals: u32 = if whole < 10 {
        2
    } else if whole < 100 {
        1
    } else {
        0
    };
    let factor = 10u64.pow(decimals);
    let rounded =
        (u128::from(bytes) * u128::from(factor) + u128::from(scale) / 2) / u128::from(scale);
    // `rounded / factor` ≤ bytes / scale + 1 and `rounded % factor` < 100: both fit a u64.
    let int = u64::try_from(rounded / u128::from(factor)).unwrap_or(u64::MAX);
    let frac = u64::try_from(rounded % u128::from(factor)).unwrap_or(0);
    push_decimal(&mut out, int);
    if decimals > 0 {
        out.push('.');
        // Zero-padded to `decimals` digits.
        let mut p = factor / 10;
        while p > 0 {
            out.push(digit(frac / p));
            p /= 10;
        }
    }
    out.push(' ');
    out.push_str(UNITS.get(unit).copied().unwrap_or("B"));
    out
}

/// The last decimal digit of `n`.
fn digit(n: u64) -> char {
    char::from(b'0' + (n % 10) as u8)
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut String, n: u64) {
    let mut p: u64 = 1;
    while n / p >= 10 {
        p *= 10;
    }
    loop {
        out.push(digit(n / p));
        if p == 1 {
            break;
        }
        p /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_bounds() {
        let r = SizeRange::new(5, 10, 1);
        assert_eq!((r.low, r.estimate, r.high), (1, 5, 10));
        let r = SizeRange::new(50, 10, 20);
        assert_eq!((r.low, r.estimate, r.high), (10, 50, 50));
    }

    #[test]
    fn add_and_sum_count_unknowns() {
        let a = SizeRange::exact(100);
        let b = SizeRange::unknown_within(1_000, 100_000);
        let s: SizeRange = [a, b, a].iter().sum();
        assert_eq!(s.low, 1_200);
        assert_eq!(s.high, 100_200);
        assert_eq!(s.unknown, 1);
        assert!(s.estimate > 1_200 && s.estimate < 100_200);
        assert!(!s.is_exact());
        assert!(SizeRange::exact(3).is_exact());
    }

    #[test]
    fn unknown_is_never_zero() {
        let u = SizeRange::unknown_within(0, 1_000_000);
        assert!(u.estimate > 0);
        assert!(u.has_unknown());
    }

    #[test]
    fn around_scale_widen_merge() {
        let r = SizeRange::around(1000, 0.1, 0.25);
        assert_eq!((r.low, r.estimate, r.high), (900, 1000, 1250));
        let s = r.scale(2.0);
        assert_eq!((s.low, s.estimate, s.high), (1800, 2000, 2500));
        let w = r.widen(0.5, 1.0);
        assert_eq!((w.low, w.high), (450, 2500));
        let m = SizeRange::exact(10).merge(&SizeRange::exact(20));
        assert_eq!((m.low, m.estimate, m.high), (10, 15, 20));
        let sr = SizeRange::exact(100).scale_range(2.0, 1.5, 3.0);
        assert_eq!((sr.low, sr.estimate, sr.high), (150, 200, 300));
    }

    #[test]
    fn display_and_json_shape() {
        assert_eq!(SizeRange::exact(41_200_000).to_string(), "41.2 MB");
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_110_000_000), "1.11 GB");
        assert_eq!(human_bytes(43_188_023), "43.2 MB");
        assert_eq!(human_bytes(409_120_197), "409 MB");
        assert_eq!(human_bytes(9_999), "10.00 kB");
    }

    /// The text `human_bytes` had when it was written with `format!`.
    fn human_bytes_fmt(bytes: u64) -> String {
        const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
        if bytes < 1000 {
            return format!("{bytes} B");
        }
        let (mut unit, mut scale) = (0, 1u64);
        while unit + 1 < UNITS.len() && bytes / scale >= 1000 {
            scale *= 1000;
            unit += 1;
        }
        let whole = bytes / scale;
        let decimals: u32 = if whole < 10 {
            2
        } else if whole < 100 {
            1
        } else {
            0
        };
        let factor = 10u64.pow(decimals);
        let rounded =
            (u128::from(bytes) * u128::from(factor) + u128::from(scale) / 2) / u128::from(scale);
        let (int, frac) = (rounded / u128::from(factor), rounded % u128::from(factor));
        match decimals {
            0 => format!("{int} {}", UNITS[unit]),
            d => format!("{int}.{frac:0width$} {}", UNITS[unit], width = d as usize),
        }
    }

    #[test]
    fn human_bytes_matches_the_format_version() {
        let mut values = vec![0, 1, 9, 10, 99, 100, 999, u64::MAX, u64::MAX - 1];
        for e in 3..=19 {
            let p = 10u64.pow(e);
            for m in [1, 2, 5, 9, 10, 11, 99, 100, 999] {
                let v = p.saturating_mul(m) / 10;
                values.extend([v.saturating_sub(1), v, v.saturating_add(1), v + v / 200]);
            }
        }
        // A spread of ordinary sizes.
        let mut x: u64 = 12345;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            values.push(x >> (x % 60));
        }
        for v in values {
            assert_eq!(human_bytes(v), human_bytes_fmt(v), "{v}");
        }
        let json = serde_json::to_string(&SizeRange::new(2, 1, 3)).unwrap();
        assert_eq!(json, r#"{"estimate":2,"low":1,"high":3}"#);
    }
}
