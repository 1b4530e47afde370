//! `fixed::Fixed` against the model it replaces: `format!("{:.N}")` of core.
#![cfg(not(target_arch = "wasm32"))]
use aksnet_core::fixed::Fixed;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_finite_value_below_2_pow_100(sign in any::<bool>(), exp in 0u64..1123, frac in 0u64..1 << 52, d in 0u8..=6) {
        // Every bit pattern of a finite f64 below 2^100, subnormals and zeros included.
        let x = f64::from_bits(u64::from(sign) << 63 | exp << 52 | frac);
        prop_assert_eq!(Fixed(x, d).to_string(), format!("{x:.prec$}", prec = usize::from(d)));
    }

    #[test]
    fn ratios_and_percentages(a in 0u64..1_000_000, b in 1u64..1_000_000, d in 0u8..=3) {
        let x = a as f64 / b as f64 * 100.0;
        prop_assert_eq!(Fixed(x, d).to_string(), format!("{x:.prec$}", prec = usize::from(d)));
    }

    #[test]
    fn halves_and_quarters_tie_to_even(n in -100_000i64..100_000, d in 0u8..=3) {
        let x = n as f64 / 8.0;
        prop_assert_eq!(Fixed(x, d).to_string(), format!("{x:.prec$}", prec = usize::from(d)));
    }
}
