//! Exact decimal arithmetic for derived figures. Inputs are scaled to integers, so rounding is
//! exact half-up (2.675 → 2.68) rather than whatever binary floating point happens to give.

use serde::Serialize;
use std::fmt;

/// A number with two decimals, stored as hundredths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Fixed(pub i128);

/// Inputs are taken to 4 decimals: more than any hour or amount on the form carries.
const INPUT_SCALE: f64 = 10_000.0;

/// The input as an integer of ten-thousandths; None for a value no i128 holds (a cast would
/// saturate silently and give a wrong figure).
fn scaled(v: f64) -> Option<i128> {
    let x = (v * INPUT_SCALE).round();
    (x.is_finite() && x.abs() < i128::MAX as f64).then_some(x as i128)
}

impl Fixed {
    /// `num / (den × divisor) × factor`, rounded half-up (away from zero) to 2 decimals.
    /// None when the denominator is zero, or when a value is too large to compute exactly:
    /// every step is checked, so an absurd count never wraps into a plausible-looking figure.
    pub fn ratio(num: f64, den: f64, divisor: i128, factor: i128) -> Option<Fixed> {
        let n = scaled(num)?.checked_mul(factor)?.checked_mul(100)?;
        let d = scaled(den)?.checked_mul(divisor)?;
        if d == 0 {
            return None;
        }
        let (n, d) = if d < 0 {
            (n.checked_neg()?, d.checked_neg()?)
        } else {
            (n, d)
        };
        let twice_d = d.checked_mul(2)?;
        let q = if n >= 0 {
            n.checked_mul(2)?.checked_add(d)? / twice_d
        } else {
            -(n.checked_neg()?.checked_mul(2)?.checked_add(d)? / twice_d)
        };
        Some(Fixed(q))
    }

    pub fn from_f64(v: f64) -> Fixed {
        Fixed::ratio(v, 1.0, 1, 1).unwrap_or(Fixed(0))
    }

    /// `1234567.8` → `1,234,567.80`
    pub fn grouped(&self) -> String {
        let s = self.to_string();
        let (sign, digits) = match s.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", s.as_str()),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        format!("{sign}{}.{frac}", group_digits(int))
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// Thousands separators for an unsigned run of digits.
pub fn group_digits(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An input number as written: whole numbers without decimals, others as given.
pub fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = format!("{}", v.abs() as i64);
        format!("{}{}", if v < 0.0 { "-" } else { "" }, group_digits(&s))
    } else {
        let s = format!("{v}");
        match s.split_once('.') {
            Some((i, f)) => {
                let (sign, i) = i.strip_prefix('-').map(|r| ("-", r)).unwrap_or(("", i));
                format!("{sign}{}.{f}", group_digits(i))
            }
            None => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_figures_give_no_result_instead_of_a_panic_or_a_wrapped_one() {
        assert_eq!(Fixed::ratio(1.0e30, 120.0, 1, 100), None);
        assert_eq!(Fixed::ratio(1.0e36, 1.0, 52, 1), None);
        assert_eq!(Fixed::ratio(-1.0e36, 1.0, 1, 100), None);
        assert_eq!(Fixed::ratio(f64::INFINITY, 1.0, 1, 1), None);
        assert_eq!(Fixed::ratio(f64::NAN, 1.0, 1, 1), None);
        assert_eq!(Fixed::ratio(1.0, 1.0e300, 1, 1), None);
        // Large but honest figures are still exact.
        assert_eq!(
            Fixed::ratio(9.0e15, 3.0, 1, 1).map(|f| f.to_string()),
            Some("3000000000000000.00".into())
        );
    }

    #[test]
    fn half_up_at_the_boundary() {
        // 2.675 is 2.67499999… in binary; exact arithmetic still rounds it up.
        assert_eq!(Fixed::ratio(2.675, 1.0, 1, 1).unwrap().to_string(), "2.68");
        assert_eq!(Fixed::ratio(1.0, 8.0, 1, 1).unwrap().to_string(), "0.13");
        assert_eq!(Fixed::ratio(1.0, 3.0, 1, 1).unwrap().to_string(), "0.33");
        assert_eq!(Fixed::ratio(2.0, 3.0, 1, 1).unwrap().to_string(), "0.67");
        assert_eq!(Fixed::ratio(-1.0, 8.0, 1, 1).unwrap().to_string(), "-0.13");
        assert_eq!(Fixed::ratio(1.0, 0.0, 1, 1), None);
    }

    #[test]
    fn percent_and_weekly() {
        // 85 of 120 = 70.8333…% → 70.83
        assert_eq!(
            Fixed::ratio(85.0, 120.0, 1, 100).unwrap().to_string(),
            "70.83"
        );
        // 1,300 hours / 100 employees / 52 weeks = 0.25 exactly
        assert_eq!(
            Fixed::ratio(1300.0, 100.0, 52, 1).unwrap().to_string(),
            "0.25"
        );
        // 1,000 / 120 / 52 = 0.16025… → 0.16
        assert_eq!(
            Fixed::ratio(1000.0, 120.0, 52, 1).unwrap().to_string(),
            "0.16"
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(Fixed(123456789).grouped(), "1,234,567.89");
        assert_eq!(Fixed(5).to_string(), "0.05");
        assert_eq!(plain_number(1720.0), "1,720");
        assert_eq!(plain_number(12.5), "12.5");
        assert_eq!(plain_number(-3.0), "-3");
    }
}
