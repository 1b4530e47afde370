//! Fixed-point text for `f64`: what `format!("{:.N}", x)` writes, from integer arithmetic.
//!
//! Core's float formatting (Grisu with a Dragon fallback, and their tables) is about
//! 14 KB of the browser bundle. Every figure aksnet shows with decimals (percentages,
//! scores, chart coordinates) needs at most a few digits, so this module writes them
//! exactly (the f64's binary value rounded half to even, like `core::fmt`) with `u128`
//! arithmetic only. The tests check it against `format!` itself.

use core::fmt;

/// Most digits after the point [`Fixed`] writes; more are written as this many.
pub const MAX_DECIMALS: u8 = 6;

/// `x` with `decimals` digits after the point, as `format!("{x:.decimals$}")` would
/// write it; displays without allocating. NaN and infinities are written as `NaN`,
/// `inf` and `-inf`.
///
/// ```
/// use aksnet_core::fixed::Fixed;
/// assert_eq!(Fixed(2.5, 0).to_string(), "2");
/// assert_eq!(Fixed(0.125, 2).to_string(), "0.12");
/// assert_eq!(Fixed(-3.14159, 3).to_string(), "-3.142");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed(pub f64, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(x, decimals) = *self;
        let decimals = decimals.min(MAX_DECIMALS);
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            return f.write_str("inf");
        }
        let scale = 10u128.pow(u32::from(decimals));
        let (int, frac) = match scaled(x.abs(), scale) {
            Some(n) => (n / scale, n % scale),
            // Past 2^120 or so: no figure aksnet shows comes near; the integer part.
            None => return write!(f, "{}", x.abs() as u128),
        };
        write!(f, "{int}")?;
        if decimals > 0 {
            write!(f, ".{frac:0width$}", width = usize::from(decimals))?;
        }
        Ok(())
    }
}

/// `round_half_even(x * scale)` for finite `x >= 0`, exactly; `None` past `u128`.
fn scaled(x: f64, scale: u128) -> Option<u128> {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1 << 52) - 1));
    // x = mantissa * 2^exp, exactly.
    let (mantissa, exp) = if exp_bits == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, exp_bits - 1075)
    };
    let n = mantissa * scale; // < 2^53 * 10^6 < 2^73
    if exp >= 0 {
        return if exp < 54 { Some(n << exp) } else { None };
    }
    let shift = exp.unsigned_abs();
    if shift >= 100 {
        // n < 2^73 and the divisor is at least 2^100: below a half, so zero.
        return Some(0);
    }
    let quotient = n >> shift;
    let remainder = n & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    let up = remainder > half || (remainder == half && quotient % 2 == 1);
    Some(quotient + u128::from(up))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;

    #[test]
    fn matches_core_formatting_on_chosen_values() {
        let values = [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            0.05,
            0.15,
            0.25,
            0.35,
            1e-300,
            5e-324,
            99.995,
            99.9949,
            0.0005,
            123456.789,
            1e15,
            4.0e20,
            1.0 / 3.0,
            2.0 / 3.0,
            -0.0004,
            72.5,
            27.5,
            0.8125,
            0.9995,
        ];
        for x in values {
            for d in 0..=MAX_DECIMALS {
                let want = format!("{x:.prec$}", prec = usize::from(d));
                assert_eq!(Fixed(x, d).to_string(), want, "{x} with {d} decimals");
            }
        }
    }

    #[test]
    fn non_finite_values() {
        assert_eq!(Fixed(f64::NAN, 2).to_string(), "NaN");
        assert_eq!(Fixed(f64::INFINITY, 1).to_string(), "inf");
        assert_eq!(Fixed(f64::NEG_INFINITY, 0).to_string(), "-inf");
    }

    #[test]
    fn at_most_six_decimals() {
        assert_eq!(Fixed(0.1234567, 9).to_string(), "0.123457");
    }
}
