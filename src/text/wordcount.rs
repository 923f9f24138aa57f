//! 字數 as Microsoft Word counts it for Traditional Chinese text (SPEC §4.3).
//!
//! The rule, in full:
//! - every CJK ideograph counts 1 (all CJK Unified Ideographs blocks and extensions,
//!   compatibility ideographs), and so does every other East Asian character: kana, hangul,
//!   bopomofo, and every full-width form, including full-width punctuation such as ，。「」（）
//!   and full-width letters and digits (ＡＢ１２);
//! - any other run of non-space characters counts 1 as a whole: a Latin word, a number such as
//!   `2025` or `3.5`, a URL, `TTQS`, `e-learning`. The run ends at white space or at a
//!   character of the first kind, so `ISO9001認證` is 1 + 2 = 3;
//! - a run made only of half-width punctuation (`-`, `...`, `(`, `/`) counts 0;
//! - white space counts 0, the ideographic space U+3000 (a paragraph's indent) included.
//!
//! Word also leaves text boxes and footnotes out by default; appbook counts only the prose the
//! applicant writes in the plan's sections.

/// Counts 字數 by the rule above.
pub fn count(text: &str) -> usize {
    let mut total = 0;
    let mut run_has_word_char = false;
    let mut in_run = false;
    for c in text.chars() {
        // The common case first (no space lies in the block).
        if is_unified_ideograph(c) {
            total += 1 + close_run(&mut in_run, &mut run_has_word_char);
            continue;
        }
        // White space first: the ideographic space U+3000, the usual paragraph indent, lies in
        // an East Asian block but is a space, and Word does not count it.
        if c.is_whitespace() {
            total += close_run(&mut in_run, &mut run_has_word_char);
        } else if is_east_asian(c) {
            total += 1;
            total += close_run(&mut in_run, &mut run_has_word_char);
        } else {
            in_run = true;
            if !is_halfwidth_punctuation(c) {
                run_has_word_char = true;
            }
        }
    }
    total + close_run(&mut in_run, &mut run_has_word_char)
}

fn close_run(in_run: &mut bool, has_word: &mut bool) -> usize {
    let n = usize::from(*in_run && *has_word);
    *in_run = false;
    *has_word = false;
    n
}

fn is_halfwidth_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '\u{2010}'..='\u{2027}' | '\u{00A1}'..='\u{00BF}')
}

/// An ideograph of the CJK Unified Ideographs block (U+4E00–U+9FFF): most characters of a
/// Chinese text, a letter to Unicode and one 字 to Word. Tested before the slower general tests
/// where every character of a long text is looked at.
pub fn is_unified_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Characters Word counts one each: ideographs and the East Asian blocks.
pub fn is_east_asian(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // Hangul Jamo
        | 0x2E80..=0x2FDF     // CJK radicals, Kangxi radicals
        | 0x2FF0..=0x2FFF     // ideographic description
        | 0x3000..=0x303F     // CJK symbols and punctuation: 、。「」『』〈〉
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3100..=0x312F     // Bopomofo
        | 0x3130..=0x318F     // Hangul compatibility Jamo
        | 0x3190..=0x31FF     // Kanbun, Bopomofo ext., CJK strokes, Katakana ext.
        | 0x3200..=0x33FF     // enclosed CJK, CJK compatibility
        | 0x3400..=0x4DBF     // Extension A
        | 0x4E00..=0x9FFF     // Unified Ideographs
        | 0xA960..=0xA97F     // Hangul Jamo ext. A
        | 0xAC00..=0xD7FF     // Hangul syllables and Jamo ext. B
        | 0xF900..=0xFAFF     // Compatibility Ideographs
        | 0xFE10..=0xFE1F     // vertical forms
        | 0xFE30..=0xFE4F     // CJK compatibility forms
        | 0xFE50..=0xFE6F     // small form variants
        | 0xFF01..=0xFF60     // full-width ASCII forms: ，！（）１Ａ
        | 0xFFE0..=0xFFE6     // full-width signs: ￥￡
        | 0x20000..=0x3FFFF   // Extensions B–H, compatibility supplement
    )
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn an_ideographic_space_counts_nothing() {
        assert_eq!(count("\u{3000}\u{3000}本公司"), 3);
        assert_eq!(count("學習\u{3000}TTQS\u{3000}認證"), 5);
        // 499 字 indented by two ideographic spaces is still 499.
        let plan = format!("\u{3000}\u{3000}{}", "字".repeat(499));
        assert_eq!(count(&plan), 499);
    }

    #[test]
    fn ideographs_and_fullwidth_punctuation_count_one_each() {
        assert_eq!(count("企業組織學習"), 6);
        assert_eq!(count("學習，成長。"), 6);
        assert_eq!(count("「數位學習」"), 6);
        assert_eq!(count("（一）"), 3);
        assert_eq!(count("ＴＴＱＳ"), 4);
    }

    #[test]
    fn latin_words_and_numbers_count_one_per_run() {
        assert_eq!(count("TTQS"), 1);
        assert_eq!(count("e-learning platform"), 2);
        assert_eq!(count("2025"), 1);
        assert_eq!(count("3.5 hours"), 2);
        assert_eq!(count("https://www.example.com.tw/a?b=c"), 1);
    }

    #[test]
    fn mixed_text_splits_runs_at_ideographs() {
        assert_eq!(count("導入TTQS制度"), 2 + 1 + 2);
        assert_eq!(count("ISO9001認證"), 3);
        assert_eq!(count("共 120 人"), 3);
        assert_eq!(count("共120人"), 3);
    }

    #[test]
    fn halfwidth_punctuation_and_space_count_nothing() {
        assert_eq!(count(""), 0);
        assert_eq!(count("   \n\t "), 0);
        assert_eq!(count(" - ... / ( ) "), 0);
        assert_eq!(count("學習 - 成長"), 4);
        assert_eq!(count("(TTQS)"), 1);
        assert_eq!(count("“quoted”"), 1);
    }

    #[test]
    fn extension_b_ideographs_count_one() {
        assert_eq!(count("𠀀𪚥"), 2);
    }

    #[test]
    fn boundary_499_and_500() {
        let s499 = "學".repeat(499);
        assert_eq!(count(&s499), 499);
        let s500 = format!("{s499}。");
        assert_eq!(count(&s500), 500);
        let s500b = format!("{} TTQS", "學".repeat(499));
        assert_eq!(count(&s500b), 500);
        let s499b = format!("{} ...", "學".repeat(499));
        assert_eq!(count(&s499b), 499);
    }
}
