//! The heading numbers of the form (申請書體例 2(2)): 壹、 → 一、 → （一） → 1、 → （1）.
//! Written out here rather than taken from a typesetter: Typst's built-in 壹/一 counters emit
//! simplified forms (贰, 叁), and Word must be told the same scheme in numbering.xml.

const CAPITAL: [&str; 10] = ["零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"];
const SMALL: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Chinese numerals for 1..=99 with the given digit set: 十一, 二十, 貳拾參 ….
fn chinese(n: u32, digits: &[&str; 10], ten: &str) -> String {
    match n {
        0 => digits[0].to_string(),
        1..=9 => digits[n as usize].to_string(),
        10..=19 => format!(
            "{ten}{}",
            if n == 10 {
                ""
            } else {
                digits[(n - 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}{ten}{}",
            digits[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                digits[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// 壹 貳 參 … 拾 拾壹
pub fn capital(n: u32) -> String {
    chinese(n, &CAPITAL, "拾")
}

/// 一 二 三 … 十 十一
pub fn small(n: u32) -> String {
    chinese(n, &SMALL, "十")
}

/// The printed number of the `n`-th heading (1-based) at `level` (1–5), punctuation included.
pub fn label(level: u8, n: u32) -> String {
    match level {
        1 => format!("{}、", capital(n)),
        2 => format!("{}、", small(n)),
        3 => format!("（{}）", small(n)),
        4 => format!("{n}、"),
        _ => format!("（{n}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_every_level() {
        assert_eq!(label(1, 1), "壹、");
        assert_eq!(label(1, 3), "參、");
        assert_eq!(label(1, 10), "拾、");
        assert_eq!(label(1, 12), "拾貳、");
        assert_eq!(label(2, 4), "四、");
        assert_eq!(label(2, 11), "十一、");
        assert_eq!(label(2, 20), "二十、");
        assert_eq!(label(3, 2), "（二）");
        assert_eq!(label(4, 3), "3、");
        assert_eq!(label(5, 12), "（12）");
    }
}
