//! 營利事業統一編號 (統一編號): 8 digits with a weighted checksum.
//!
//! Multiply the digits by 1,2,1,2,1,2,4,1 and add the digits of each product (18 → 1+8).
//! The number is valid when that sum is divisible by 10 (the rule until 2023) or by 5 (the
//! rule the Ministry of Finance adopted in 2023 when the numbers began to run out); both are
//! accepted since companies registered under either rule apply. When the 7th digit is 7 its
//! product 28 gives 2+8 = 10, which the rule lets count as 1 or 0, so the sum + 1 is tried too.

const WEIGHTS: [u32; 8] = [1, 2, 1, 2, 1, 2, 4, 1];

#[derive(Debug, PartialEq, Eq)]
pub enum TaxIdError {
    /// Not exactly 8 ASCII digits.
    Shape,
    /// 8 digits, but the checksum fails; carries the weighted sum.
    Checksum(u32),
}

/// The weighted digit sum of 8 digits.
fn weighted_sum(digits: &[u32; 8]) -> u32 {
    digits
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| {
            let p = d * w;
            p / 10 + p % 10
        })
        .sum()
}

pub fn validate(s: &str) -> Result<(), TaxIdError> {
    let s = s.trim();
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TaxIdError::Shape);
    }
    let mut digits = [0u32; 8];
    for (d, b) in digits.iter_mut().zip(s.bytes()) {
        *d = u32::from(b - b'0');
    }
    let sum = weighted_sum(&digits);
    // Every number valid under the old rule is valid under the new one; both are written
    // out so the two rules stay visible.
    let ok = |n: u32| n.is_multiple_of(10) || n.is_multiple_of(5);
    if ok(sum) || (digits[6] == 7 && ok(sum + 1)) {
        Ok(())
    } else {
        Err(TaxIdError::Checksum(sum))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_under_the_old_rule() {
        // 0 4 5 9 5 2 5 7 × 1 2 1 2 1 2 4 1 = 0 8 5 18 5 4 20 7
        // digit sums 0+8+5+9+5+4+2+7 = 40, divisible by 10.
        assert_eq!(validate("04595257"), Ok(()));
        // 1 0 4 5 8 5 7 5 → 1 0 4 10 8 10 28 5 → 1+0+4+1+8+1+10+5 = 30.
        assert_eq!(validate("10458575"), Ok(()));
    }

    #[test]
    fn valid_only_under_the_2023_rule() {
        // 7 6 3 9 7 2 5 0 → 7 12 3 18 7 4 20 0 → 7+3+3+9+7+4+2+0 = 35: % 5 only.
        assert_eq!(validate("76397250"), Ok(()));
    }

    #[test]
    fn seventh_digit_seven_counts_either_way() {
        // 1 2 3 4 5 6 7 5 → 1 4 3 8 5 12 28 5 → 1+4+3+8+5+3+10+5 = 39;
        // 39 fails, 39 + 1 = 40 passes.
        assert_eq!(validate("12345675"), Ok(()));
        // 7 9 3 4 3 2 7 0 → 7 18 3 8 3 4 28 0 → 7+9+3+8+3+4+10+0 = 44; 45 passes by % 5.
        assert_eq!(validate("79343270"), Ok(()));
        // The same sum + 1 does not help when the 7th digit is not 7:
        // 1 2 3 4 5 6 8 5 → 1 4 3 8 5 12 32 5 → 1+4+3+8+5+3+5+5 = 34.
        assert_eq!(validate("12345685"), Err(TaxIdError::Checksum(34)));
    }

    #[test]
    fn invalid_numbers() {
        // 1 8 0 3 4 0 6 3 → 1 16 0 6 4 0 24 3 → 1+7+0+6+4+0+6+3 = 27.
        assert_eq!(validate("18034063"), Err(TaxIdError::Checksum(27)));
        // One digit changed from a valid number: 0459525[7→8] gives 41.
        assert_eq!(validate("04595258"), Err(TaxIdError::Checksum(41)));
    }

    #[test]
    fn shape() {
        assert_eq!(validate("4595257"), Err(TaxIdError::Shape));
        assert_eq!(validate("045952570"), Err(TaxIdError::Shape));
        assert_eq!(validate("0459525A"), Err(TaxIdError::Shape));
        assert_eq!(validate("０４５９５２５７"), Err(TaxIdError::Shape));
        assert_eq!(validate(" 04595257 "), Ok(()));
    }
}
