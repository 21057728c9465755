//! Numbers as text without the standard library's float formatting: `format!("{:.1}")` and
//! `format!("{}")` of an `f64` bring its shortest-form and exact-form algorithms and their tables
//! (about 14 KB) into the page's wasm, for the diagrams' coordinates, a few percentages and a
//! resource's size. [`Fixed`] writes a fixed number of decimals exactly as `{:.N}` does;
//! [`Shortest`] writes the shortest text that reads back as the same number, as `{}` does, from
//! the digits serde_json's float writer (zmij) finds anyway. Tests compare both with `format!`.

use std::fmt;

/// A number to a fixed number of decimals, written exactly as `format!("{:.N}")` writes it: the
/// number's exact binary value rounded half to even, "-" for a negative number (negative zero
/// too), "NaN" and "inf". The standard library's float formatting (its shortest-form and
/// exact-form algorithms and their tables) is not needed in the page. Up to 9 decimals; a whole
/// part beyond 2⁶⁴, which no coordinate or percentage reaches, is written as 2⁶⁴ − 1.
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u32);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(x, decimals) = *self;
        let decimals = decimals.min(9);
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        // |x| = mantissa × 2^exponent, exactly.
        let bits = x.to_bits();
        let (biased, fraction) = ((bits >> 52) & 0x7ff, bits & ((1 << 52) - 1));
        let (mantissa, exponent) = match biased {
            0 => (fraction, -1074),
            _ => (fraction | 1 << 52, biased as i32 - 1075),
        };
        let scale = 10u128.pow(decimals);
        // Below 2^83: a mantissa under 2^53 times a scale under 2^30.
        let scaled = u128::from(mantissa) * scale;
        let units = if exponent >= 0 {
            scaled
                .checked_shl(exponent as u32)
                .filter(|u| u >> exponent == scaled)
        } else {
            let shift = exponent.unsigned_abs();
            if shift >= 128 {
                Some(0)
            } else {
                let (whole, rest, half) = (
                    scaled >> shift,
                    scaled & ((1 << shift) - 1),
                    1 << (shift - 1),
                );
                Some(whole + u128::from(rest > half || (rest == half && whole & 1 == 1)))
            }
        }
        .unwrap_or(u128::MAX);
        let whole = u64::try_from(units / scale).unwrap_or(u64::MAX);
        write!(f, "{whole}")?;
        if decimals > 0 {
            // Below the scale, so below 10^9.
            let part = (units % scale) as u64;
            write!(f, ".{part:0width$}", width = decimals as usize)?;
        }
        Ok(())
    }
}

/// A number as `format!("{}")` lays it out: the shortest digits that read back as the same number
/// (found by serde_json's writer), without an exponent ("1e21" is written out in full, 5e-7 as
/// "0.0000005"), a whole number without a fraction ("50"). Up to 15 significant digits (any
/// number a person writes, such as a resource's size) the text is the standard library's; a
/// number that needs 16 or 17 may differ from it in the last digit, still reading back as the
/// same number (a progress fraction given to the browser).
#[derive(Clone, Copy, Debug)]
pub struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        let number = serde_json::Number::from_f64(x.abs()).map(|n| n.to_string());
        // "1.234", "0.001234", "5e+02", "1.5e-7": the digits and where the point goes.
        let text = number.as_deref().unwrap_or("0");
        let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
        let exponent: i64 = exponent.parse().unwrap_or(0);
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = format!("{whole}{fraction}");
        let leading = digits.len() - digits.trim_start_matches('0').len();
        let digits = digits.trim_matches('0');
        if digits.is_empty() {
            return f.write_str("0");
        }
        // The value is 0.DIGITS × 10^point.
        let point = whole.len() as i64 - leading as i64 + exponent;
        let count = digits.len() as i64;
        if point <= 0 {
            f.write_str("0.")?;
            for _ in 0..-point {
                f.write_str("0")?;
            }
            f.write_str(digits)
        } else if point < count {
            let (high, low) = digits.split_at(point as usize);
            write!(f, "{high}.{low}")
        } else {
            f.write_str(digits)?;
            for _ in 0..point - count {
                f.write_str("0")?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_read_as_the_standard_formatting() {
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            1.45,
            2.5,
            3.5,
            -0.04,
            -2.25,
            1e-300,
            5e-324,
            1100.0,
            123_456.789,
            1e18,
            0.1 + 0.2,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Coordinates as the diagrams make them: sums and quotients of small numbers.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let a = (seed % 200_000) as f64 / ((seed >> 20) % 997 + 1) as f64;
            values.extend([a, -a, a / 8.0, (seed >> 40) as f64 * 0.05]);
        }
        for x in values {
            assert_eq!(Fixed(x, 0).to_string(), format!("{x:.0}"), "{x:e}");
            assert_eq!(Fixed(x, 1).to_string(), format!("{x:.1}"), "{x:e}");
            assert_eq!(Fixed(x, 3).to_string(), format!("{x:.3}"), "{x:e}");
        }
    }

    #[test]
    fn shortest_reads_as_the_standard_formatting() {
        let mut values = vec![
            0.0,
            -0.0,
            0.1,
            0.5,
            50.0,
            1e21,
            1e22,
            1.5e-7,
            5e-324,
            1e-5,
            123_456.789,
            1e15,
            1e16,
            1e17,
            0.1 + 0.2,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            2f64.powi(53),
            2f64.powi(70),
            1.0 / 3.0,
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            values.extend([f64::from_bits(seed), (seed % 100_000) as f64 / 1000.0]);
        }
        for x in values {
            let (ours, std) = (Shortest(x).to_string(), format!("{x}"));
            // The same number read back, always; the same text up to 15 significant digits.
            if x.is_nan() {
                assert_eq!(ours, std);
                continue;
            }
            assert_eq!(ours.parse::<f64>().ok(), Some(x), "{:#x}", x.to_bits());
            let significant = format!("{x:e}")
                .split('e')
                .next()
                .map_or(0, |m| m.replace(['.', '-'], "").len());
            if significant <= 15 {
                assert_eq!(ours, std, "{:#x}", x.to_bits());
            }
        }
    }
}
