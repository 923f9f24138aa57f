//! The heading numbers of the form (申請書體例 2(2)): 壹、 → 一、 → （一） → 1、 → （1）.
//!
//! Printed and read back in this one place, so the books, the labels Word prints and the
//! format check of books made elsewhere cannot disagree about what a number looks like.
//! Written out here rather than taken from a typesetter: Typst's built-in 壹/一 counters emit
//! simplified forms (贰, 叁), and Word must be told the same scheme in numbering.xml.

const CAPITAL: [char; 10] = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];
const CAPITAL_TEN: char = '拾';
/// The common variant of 參: read as 3 in other people's books, never printed.
const CAPITAL_THREE_VARIANT: char = '叁';
const SMALL: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const SMALL_TEN: char = '十';

/// A digit set and its sign for ten.
struct Numerals {
    digits: &'static [char; 10],
    ten: char,
}

const CAPITALS: Numerals = Numerals {
    digits: &CAPITAL,
    ten: CAPITAL_TEN,
};
const SMALLS: Numerals = Numerals {
    digits: &SMALL,
    ten: SMALL_TEN,
};

impl Numerals {
    /// 1..=99: 十一, 二十, 貳拾參 …; with `ten_with_digit` the teens carry their 1 as well
    /// (壹拾, 壹拾壹), the way Word's ideographLegalTraditional writes them.
    fn write(&self, n: u32, ten_with_digit: bool) -> String {
        let d = |i: u32| self.digits[i as usize];
        let mut s = String::new();
        match n {
            0..=9 => s.push(d(n)),
            10..=99 => {
                if n >= 20 || ten_with_digit {
                    s.push(d(n / 10));
                }
                s.push(self.ten);
                if !n.is_multiple_of(10) {
                    s.push(d(n % 10));
                }
            }
            _ => s = n.to_string(),
        }
        s
    }

    /// 1..=9; 零 and 〇 are no heading's number.
    fn digit(&self, c: char) -> Option<u32> {
        if self.ten == CAPITAL_TEN && c == CAPITAL_THREE_VARIANT {
            return Some(3);
        }
        (1..10u32).find(|&i| self.digits[i as usize] == c)
    }

    /// Whether `c` may appear in a number of this set, well formed or not.
    fn contains(&self, c: char) -> bool {
        c == self.ten || self.digit(c).is_some()
    }

    /// The value of a numeral of 1..=99, with or without the 1 before a ten (十一, 一十一).
    fn read(&self, s: &str) -> Option<u32> {
        let one = |s: &str| {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => self.digit(c),
                _ => None,
            }
        };
        let Some((tens, units)) = s.split_once(self.ten) else {
            return one(s);
        };
        let tens = if tens.is_empty() { 1 } else { one(tens)? };
        let units = if units.is_empty() { 0 } else { one(units)? };
        Some(tens * 10 + units)
    }
}

/// 壹 貳 參 … 拾 拾壹
pub fn capital(n: u32) -> String {
    CAPITALS.write(n, false)
}

/// 壹 … 玖 壹拾 壹拾壹 貳拾: what Word's ideographLegalTraditional prints, which differs
/// from [`capital`] from ten on.
pub fn capital_legal(n: u32) -> String {
    CAPITALS.write(n, true)
}

/// 一 二 三 … 十 十一
pub fn small(n: u32) -> String {
    SMALLS.write(n, false)
}

/// １２: Arabic digits in their full-width forms.
pub fn full_width(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}

/// The printed number of the `n`-th heading (1-based) at `level` (1–5), punctuation included.
pub fn label(level: u8, n: u32) -> String {
    let numeral = match level {
        1 => capital(n),
        2 | 3 => small(n),
        _ => n.to_string(),
    };
    punctuate(level, &numeral)
}

/// A numeral with the punctuation of `level` around it: 「拾」 → 「拾、」 at level 1,
/// 「三」 → 「（三）」 at level 3. Also gives Word its level texts (`（%3）`).
pub fn punctuate(level: u8, numeral: &str) -> String {
    match level {
        1 | 2 | 4 => format!("{numeral}、"),
        _ => format!("（{numeral}）"),
    }
}

/// The number （n） a line of a list opens with (a rule of the regulations, a course of a
/// training plan, a part of an answer's details), as the book writes it. Both writers hang the
/// line's wrapped lines past it, as a heading's lines hang past its number.
pub fn item_number(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('（')?;
    let close = rest.find('）')?;
    let digits = &rest[..close];
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| &text[..'（'.len_utf8() + close + '）'.len_utf8()])
}

/// A heading number read from the start of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed {
    /// 1 = 壹、 2 = 一、 3 = （一） 4 = 1、 5 = （1）
    pub level: u8,
    /// The number it carries; None when the digits are of the right kind but spell no
    /// number (一一、 拾拾、) or one too large to hold. The level still counts: a book that
    /// misspells a number has still made a heading of that level.
    pub n: Option<u32>,
}

fn is_decimal(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn read_decimal(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |n, c| {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c as u32 - '０' as u32
        };
        n.checked_mul(10)?.checked_add(d)
    })
}

/// The heading number at the start of `text` (leading white space ignored), in the form's
/// scheme and in what other producers write for it: half- and full-width parentheses,
/// full-width digits, 叁 for 參, 壹拾 for 拾, and 「1.」 「１．」 for 1、.
pub fn parse(text: &str) -> Option<Parsed> {
    let t = text.trim_start();
    let (inner, parenthesised) = match t.strip_prefix(['(', '（']) {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    let first = inner.chars().next()?;
    let (level, in_number): (u8, fn(char) -> bool) = if parenthesised {
        if SMALLS.contains(first) {
            (3, |c| SMALLS.contains(c))
        } else if is_decimal(first) {
            (5, is_decimal)
        } else {
            return None;
        }
    } else if CAPITALS.contains(first) {
        (1, |c| CAPITALS.contains(c))
    } else if SMALLS.contains(first) {
        (2, |c| SMALLS.contains(c))
    } else if is_decimal(first) {
        (4, is_decimal)
    } else {
        return None;
    };
    let end = inner.find(|c| !in_number(c)).unwrap_or(inner.len());
    let (numeral, rest) = inner.split_at(end);
    let closed = if parenthesised {
        rest.starts_with([')', '）'])
    } else if rest.starts_with('、') {
        true
    } else if level == 4 {
        // 「1.」 and 「１．」 number the fourth level; 「1.5 小時」 is a number, not a heading.
        rest.strip_prefix(['.', '．'])
            .is_some_and(|after| !after.starts_with(is_decimal))
    } else {
        false
    };
    // A heading is never numbered 0 or 02: 「(02)2930-5100」 is an area code, 「0、」 no heading.
    let leading_zero = level >= 4 && numeral.starts_with(['0', '０']);
    if !closed || leading_zero {
        return None;
    }
    let n = match level {
        1 => CAPITALS.read(numeral),
        2 | 3 => SMALLS.read(numeral),
        _ => read_decimal(numeral),
    };
    Some(Parsed { level, n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_code_is_not_a_heading_number() {
        assert!(parse("(02)2930-5100 分機 215").is_none());
        assert!(parse("（０２）２９３０").is_none());
        assert!(parse("(2)教師").is_some());
        assert!(parse("10、").is_some());
    }

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
        assert_eq!(item_number("（12）課程"), Some("（12）"));
        assert_eq!(item_number("（一）課程"), None);
        assert_eq!(item_number("（）課程"), None);
        assert_eq!(item_number("（計算方式：1 ÷ 2）"), None);
    }

    #[test]
    fn word_legal_capitals() {
        assert_eq!(capital_legal(9), "玖");
        assert_eq!(capital_legal(10), "壹拾");
        assert_eq!(capital_legal(11), "壹拾壹");
        assert_eq!(capital_legal(20), "貳拾");
        assert_eq!(capital_legal(35), "參拾伍");
        assert_eq!(full_width(20), "２０");
    }

    #[test]
    fn every_label_reads_back() {
        for level in 1..=5u8 {
            for n in 1..=99 {
                let parsed = parse(&label(level, n));
                assert_eq!(parsed, Some(Parsed { level, n: Some(n) }), "{level} {n}");
            }
        }
        for n in 1..=99 {
            let legal = punctuate(1, &capital_legal(n));
            assert_eq!(
                parse(&legal),
                Some(Parsed {
                    level: 1,
                    n: Some(n)
                }),
                "{legal}"
            );
        }
    }

    #[test]
    fn numbers_in_headings() {
        let p = |t: &str| parse(t).map(|p| (p.level, p.n));
        assert_eq!(p("（十二）員工人數"), Some((3, Some(12))));
        assert_eq!(p("(二)規章"), Some((3, Some(2))));
        assert_eq!(p("（二)規章"), Some((3, Some(2))));
        assert_eq!(p("拾貳、其他"), Some((1, Some(12))));
        assert_eq!(p("叁、其他"), Some((1, Some(3))));
        assert_eq!(p("  壹、基本資料"), Some((1, Some(1))));
        assert_eq!(p("１２、計畫"), Some((4, Some(12))));
        assert_eq!(p("（１２）細項"), Some((5, Some(12))));
        assert_eq!(p("2. 計畫"), Some((4, Some(2))));
        assert_eq!(p("３．計畫"), Some((4, Some(3))));
        assert_eq!(p("一十一、其他"), Some((2, Some(11))));
        // The right kind of digits, but no number: still a heading of its level.
        assert_eq!(p("一一、其他"), Some((2, None)));
        assert_eq!(p("拾拾、其他"), Some((1, None)));
        assert_eq!(p("99999999999、其他"), Some((4, None)));
        assert_eq!(p("拾一、其他"), None);
        assert_eq!(p("零、其他"), None);
        assert_eq!(p("（一、其他"), None);
        assert_eq!(p("壹．其他"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn heading_markers() {
        let heading_level = |t: &str| parse(t).map(|p| p.level);
        assert_eq!(heading_level("壹、基本資料"), Some(1));
        assert_eq!(heading_level("拾貳、其他"), Some(1));
        assert_eq!(heading_level("十一、其他"), Some(2));
        assert_eq!(heading_level("（一）規章"), Some(3));
        assert_eq!(heading_level("(二)規章"), Some(3));
        assert_eq!(heading_level("1、計畫"), Some(4));
        assert_eq!(heading_level("１、計畫"), Some(4));
        assert_eq!(heading_level("2. 計畫"), Some(4));
        assert_eq!(heading_level("（12）細項"), Some(5));
        assert_eq!(heading_level("1.5 小時"), None);
        assert_eq!(heading_level("一年來"), None);
        assert_eq!(heading_level("2024 年"), None);
    }
}
