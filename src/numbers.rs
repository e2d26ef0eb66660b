//! Reading a decimal number typed by a person (a link, a CSV cell).
//!
//! `str::parse::<f64>` would bring the standard library's float parser and its 21 KB table of powers of five into
//! the browser module; serde_json's number parser is in it already. This module turns what a person writes
//! (`+5`, `.5`, `5.`, `007`, `1E3`) into JSON number syntax and lets serde_json read it.

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

#[cfg(test)]
mod tests {
    use super::*;

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
        for bad in ["", "-", ".", "NaN", "inf", "-infinity", "1,5", "0x10", "1e", "1e+", "--1", "1.2.3", "1e400", "5%"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
