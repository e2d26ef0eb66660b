//! The decimal pairs the embedded data is written in, shared by `build.rs` (which includes this file, to write
//! them) and `embedded.rs` (to read them), so that the two sides cannot drift: a number `x` becomes `(mantissa,
//! exponent)` with `mantissa as f64 / 10^exponent` giving back exactly the bits of `x`, when there is such a pair
//! (one IEEE division of two exact values is correctly rounded, on every target). Short decimals compress much
//! better this way than as the eight bytes of an `f64`.

/// Powers of ten that are exact in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The number a pair stands for (NaN for an exponent beyond the table, which `encode` never writes).
#[allow(dead_code, reason = "build.rs includes this file to encode only")]
pub(crate) fn decode(mantissa: i64, exponent: u8) -> f64 {
    mantissa as f64 / POW10.get(usize::from(exponent)).copied().unwrap_or(f64::NAN)
}

/// `x` as a pair that [`decode`]s to exactly the bits of `x`, when there is one.
#[allow(dead_code, reason = "the crate includes this file to decode only")]
pub(crate) fn encode(x: f64) -> Option<(i64, u8)> {
    let text = format!("{x:?}");
    let (digits, exponent) = match text.split_once('e') {
        Some((digits, exponent)) => (digits, exponent.parse::<i64>().ok()?),
        None => (text.as_str(), 0),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut mantissa: i64 = format!("{whole}{fraction}").parse().ok()?;
    let mut scale = i64::try_from(fraction.len()).ok()? - exponent;
    while scale < 0 {
        mantissa = mantissa.checked_mul(10)?;
        scale += 1;
    }
    let scale = u8::try_from(scale).ok()?;
    let exact = mantissa.unsigned_abs() <= 1 << 53 && usize::from(scale) < POW10.len();
    (exact && decode(mantissa, scale).to_bits() == x.to_bits()).then_some((mantissa, scale))
}
