//! Reading and writing decimal numbers without the standard library's float parser and formatter.
//!
//! `str::parse::<f64>` would bring the standard library's float parser and its 21 KB table of powers of five into
//! the browser module, and `format!("{:.2}", x)` its exact float formatter (Grisu and Dragon4, about 25 KB);
//! serde_json's number parser is in the module already. So [`parse_decimal`] turns what a person writes (`+5`,
//! `.5`, `5.`, `007`, `1E3`) into JSON number syntax and lets serde_json read it, and [`fixed`] and
//! [`scientific`] write numbers through integer formatting. They round half away from zero after scaling, which
//! can differ from `format!` in the last digit on exact ties (`0.125` to two decimals gives `0.13`, not `0.12`).

/// The finite number written in `text` (surrounding spaces allowed), or `None` if it is not a plain decimal
/// number (`NaN`, `inf`, `1,5`, `0x10`, empty) or does not fit in an `f64`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut json = String::with_capacity(text.len() + 2);
    if negative {
        json.push('-');
    }
    let whole = whole.trim_start_matches('0');
    json.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(exponent) = exponent {
        let unsigned = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if unsigned.is_empty() || !digits(unsigned) {
            return None;
        }
        json.push('e');
        json.push_str(exponent);
    }
    serde_json::from_str::<f64>(&json).ok().filter(|v| v.is_finite())
}

/// `value` with `decimals` decimals (at most 9), like `format!("{value:.decimals$}")`: `fixed(-1.25, 1)` is
/// `-1.3`, `fixed(2.0, 0)` is `2`. Magnitudes of 10¹⁵ and more are written as [`scientific`] with 6 decimals.
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return not_finite(value);
    }
    let decimals = decimals.min(9);
    let scaled = (value.abs() * 10f64.powi(decimals as i32)).round();
    if scaled >= 1e15 * 10f64.powi(decimals as i32) || scaled >= 9e15 {
        return scientific(value, 6);
    }
    let digits = (scaled as u64).to_string();
    let digits = format!("{}{digits}", "0".repeat((decimals + 1).saturating_sub(digits.len())));
    let (whole, fraction) = digits.split_at(digits.len() - decimals);
    let sign = if value < 0.0 { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// `value` in scientific notation with `decimals` decimals in the mantissa, like `format!("{value:.1e}")`:
/// `scientific(0.000123, 1)` is `1.2e-4`.
pub fn scientific(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return not_finite(value);
    }
    let decimals = decimals.min(9);
    let sign = if value < 0.0 { "-" } else { "" };
    if value == 0.0 {
        return format!("{sign}{}e0", fixed(0.0, decimals));
    }
    let scale = 10f64.powi(decimals as i32);
    let mut exponent = value.abs().log10().floor() as i32;
    let mut mantissa = (value.abs() / 10f64.powi(exponent) * scale).round();
    if mantissa >= 10.0 * scale {
        mantissa /= 10.0;
        exponent += 1;
    } else if mantissa < scale {
        mantissa *= 10.0;
        exponent -= 1;
    }
    format!("{sign}{}e{exponent}", fixed(mantissa / scale, decimals))
}

/// The shortest text that reads back as `value` (`0.1`, `25`, `1e308`), as serde_json writes numbers, without a
/// trailing `.0`; for messages and CSV cells.
pub fn shortest(value: f64) -> String {
    if !value.is_finite() {
        return not_finite(value);
    }
    let text = serde_json::to_string(&value).unwrap_or_default();
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// Writes [`shortest`] in `format!`: `format!("found {}", Shortest(v))`.
#[derive(Clone, Copy)]
pub struct Shortest(pub f64);

impl std::fmt::Display for Shortest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&shortest(self.0))
    }
}

fn not_finite(value: f64) -> String {
    (if value.is_nan() {
        "NaN"
    } else if value > 0.0 {
        "inf"
    } else {
        "-inf"
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_like_format_away_from_ties() {
        for (value, decimals) in [(0.0, 2), (-1.25001, 1), (2.0, 0), (1234.5678, 2), (0.04, 1), (-0.04, 1), (0.999, 2)]
        {
            assert_eq!(fixed(value, decimals), format!("{value:.decimals$}"), "{value} to {decimals}");
        }
        assert_eq!(fixed(1e20, 2), "1.000000e20");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        for value in [1.5e-11, 0.000123, 9.96, 123456.0, -2.5e3, 1.0, 0.0] {
            assert_eq!(scientific(value, 1), format!("{value:.1e}"), "{value}");
        }
        assert_eq!(scientific(1e-10, 0), "1e-10");
        for value in [0.1, 25.0, -1.5, 1e308, 5e-324, 123456.789, 0.0] {
            assert_eq!(parse_decimal(&shortest(value)), Some(value), "{value} round-trips");
        }
        assert_eq!(shortest(25.0), "25");
        assert_eq!(format!("found {}", Shortest(f64::NAN)), "found NaN");
    }

    #[test]
    fn reads_what_people_write_and_refuses_the_rest() {
        let cases = [("25", 25.0), (" -0.5 ", -0.5), ("+5", 5.0), (".5", 0.5), ("5.", 5.0), ("007", 7.0)];
        for (text, want) in cases {
            assert_eq!(parse_decimal(text), Some(want), "{text}");
        }
        assert_eq!(parse_decimal("1E3"), Some(1000.0));
        assert_eq!(parse_decimal("2.5e-1"), Some(0.25));
        assert_eq!(parse_decimal("0.1"), Some(0.1));
        assert_eq!(parse_decimal("1e308"), Some(1e308));
        for bad in ["", "-", ".", "NaN", "inf", "-infinity", "1,5", "0x10", "1e", "1e+", "--1", "1.2.3", "1e400", "5%"]
        {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
