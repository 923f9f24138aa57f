//! Word multi-level numbering for the five heading levels (壹、 一、 （一） 1、 （1）).
//!
//! Word, not the text, prints the numbers, so a user who inserts a section in Word gets the
//! following ones renumbered. Word's number formats do not always spell a number the way the
//! form does: `ideographLegalTraditional` writes ten as 壹拾 (ECMA-376 §17.18.59), where the
//! book writes 拾. [`plan`] replays Word's counters over the book and keeps Word's numbering
//! for every heading whose number Word prints exactly; any other heading carries its number
//! as text, so the printed book never differs from the PDF.

use crate::book::{numbering as book_numbering, Book};
use docx_rs::*;

/// The one list every numbered heading belongs to. docx-rs always writes a default list with
/// id 1 (abstract and concrete), so ours is 2.
pub const NUM_ID: usize = 2;
const ABSTRACT_ID: usize = 2;

/// Word's number format per heading level; the text around the number is the form's.
const FORMATS: [&str; 5] = [
    "ideographLegalTraditional",
    "taiwaneseCounting",
    "taiwaneseCounting",
    "decimal",
    "decimal",
];

/// How one heading gets its number in the DOCX.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeadingNumber {
    /// Word's list numbering prints it.
    List,
    /// Printed as text in front of the title (Word cannot spell it the form's way).
    Literal(String),
    /// The heading has no number (附件N).
    None,
}

/// What Word prints for the `n`-th item of `level` with the formats above.
pub fn word_label(level: u8, n: u32) -> String {
    let level = level.clamp(1, 5);
    let numeral = match level {
        1 => book_numbering::capital_legal(n),
        2 | 3 => book_numbering::small(n),
        _ => n.to_string(),
    };
    book_numbering::punctuate(level, &numeral)
}

/// Decides, for every section of the book in reading order, how its number is produced.
pub fn plan(book: &Book) -> Vec<HeadingNumber> {
    let mut counters = [0u32; 5];
    book.all_sections()
        .into_iter()
        .map(|s| {
            let Some(number) = &s.number else {
                return HeadingNumber::None;
            };
            let level = s.level.clamp(1, 5);
            let i = usize::from(level - 1);
            let next = counters[i] + 1;
            if word_label(level, next) == *number {
                counters[i] = next;
                // A higher level restarts every level below it, as Word's lists do.
                for c in counters.iter_mut().skip(i + 1) {
                    *c = 0;
                }
                HeadingNumber::List
            } else {
                HeadingNumber::Literal(number.clone())
            }
        })
        .collect()
}

/// numbering.xml: one abstract list with five levels, each bound to its heading style.
pub fn install(docx: Docx) -> Docx {
    let mut abs = AbstractNumbering::new(ABSTRACT_ID);
    for (i, format) in FORMATS.iter().enumerate() {
        let text = book_numbering::punctuate(i as u8 + 1, &format!("%{}", i + 1));
        let level = Level::new(
            i,
            Start::new(1),
            NumberFormat::new(*format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        // The number stands at the margin and a wrapped heading line hangs past it, under the
        // text, as the heading styles (and the PDF) have it.
        .indent(
            Some(super::styles::level_hang(i as u8 + 1)),
            Some(SpecialIndentType::Hanging(super::styles::level_hang(
                i as u8 + 1,
            ))),
            None,
            None,
        )
        // The number runs straight into the title: 壹、基本資料表, not 壹、<tab>基本資料表.
        .suffix(LevelSuffixType::Nothing)
        .paragraph_style(super::styles::heading_style(i as u8 + 1));
        abs = abs.add_level(level);
    }
    docx.add_abstract_numbering(abs)
        .add_numbering(Numbering::new(NUM_ID, ABSTRACT_ID))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_spells_small_numbers_as_the_form_does() {
        for level in 1..=5u8 {
            for n in 1..=9 {
                assert_eq!(
                    word_label(level, n),
                    book_numbering::label(level, n),
                    "{level} {n}"
                );
            }
        }
        for level in 2..=5u8 {
            for n in [10, 11, 19, 20, 21, 35] {
                assert_eq!(
                    word_label(level, n),
                    book_numbering::label(level, n),
                    "{level} {n}"
                );
            }
        }
        assert_eq!(word_label(2, 11), "十一、");
        assert_eq!(word_label(3, 12), "（十二）");
    }

    #[test]
    fn word_spells_ten_and_more_capitals_differently() {
        assert_eq!(word_label(1, 10), "壹拾、");
        assert_eq!(word_label(1, 11), "壹拾壹、");
        assert_ne!(word_label(1, 11), book_numbering::label(1, 11));
    }
}
