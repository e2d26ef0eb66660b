//! Number formatting for chart labels and hover texts: signed values with a true minus sign, so that a change's
//! direction is readable without colour.

/// A signed number with `decimals` decimals and a true minus sign (`+1.2`, `−0.4`, `0.0`).
pub fn signed_number(value: f64, decimals: usize) -> String {
    let rounded = format!("{:.*}", decimals, value.abs());
    let is_zero = rounded.chars().all(|c| c == '0' || c == '.');
    if is_zero {
        rounded
    } else if value < 0.0 {
        format!("−{rounded}")
    } else {
        format!("+{rounded}")
    }
}

/// A signed percentage (`+1.25%`).
pub fn percent(value: f64, decimals: usize) -> String {
    format!("{}%", signed_number(value, decimals))
}

/// Billions of US dollars, unsigned (`$412.7B`), switching to trillions above 1,000.
pub fn money_bn(value: f64) -> String {
    let sign = if value < 0.0 { "−" } else { "" };
    let v = value.abs();
    if v >= 1000.0 {
        format!("{sign}${:.2}T", v / 1000.0)
    } else if v >= 10.0 {
        format!("{sign}${v:.1}B")
    } else {
        format!("{sign}${v:.2}B")
    }
}

/// A signed change in billions of US dollars (`+$3.4B`, `−$0.21B`).
pub fn signed_money_bn(value: f64) -> String {
    let text = money_bn(value.abs());
    if value > 0.0 && text != "$0.00B" {
        format!("+{text}")
    } else if value < 0.0 && text != "$0.00B" {
        format!("−{text}")
    } else {
        text
    }
}

/// Signed whole dollars (`+$144`, `−$606`).
pub fn signed_dollars(value: f64) -> String {
    let rounded = value.abs().round();
    if rounded == 0.0 {
        "$0".into()
    } else if value < 0.0 {
        format!("−${rounded:.0}")
    } else {
        format!("+${rounded:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_are_explicit_and_zero_has_none() {
        assert_eq!(signed_number(1.234, 2), "+1.23");
        assert_eq!(signed_number(-0.4, 1), "−0.4");
        assert_eq!(signed_number(-0.004, 2), "0.00");
        assert_eq!(percent(12.0, 0), "+12%");
        assert_eq!(money_bn(412.7), "$412.7B");
        assert_eq!(money_bn(1634.1), "$1.63T");
        assert_eq!(signed_money_bn(-3.456), "−$3.46B");
        assert_eq!(signed_money_bn(0.001), "$0.00B");
    }
}
