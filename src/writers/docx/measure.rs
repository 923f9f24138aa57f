//! How many lines a text takes in a Word/LibreOffice paragraph of a given width, for the
//! 目次's page numbers. Every run is set in the Kai face (Latin letters and digits too), so
//! the advances are the Kai face's: one em for Chinese characters, punctuation and symbols,
//! and the face's own proportional widths for ASCII.
//!
//! Lines break as LibreOffice breaks them: anywhere between Chinese characters, Latin words
//! only at spaces and after a hyphen, never before closing punctuation (、。，」） …), which
//! hangs into the margin instead, and never after an opening bracket.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

pub use crate::text::kai::{advance, width};

/// Punctuation that may not begin a line: it hangs past the line's end instead.
fn closing(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '｝'
            | '］'
            | '…'
            | '‧'
            | '·'
            | '%'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
    )
}

/// Brackets that may not end a line: they move to the next one with what they open.
fn opening(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〔' | '〈' | '《' | '｛' | '［' | '(' | '[' | '{'
    )
}

/// A piece of text the line breaker never splits.
struct Unit {
    width: f64,
    /// A space: it may end a line and then takes no room there.
    space: bool,
    closing: bool,
    opening: bool,
    /// Joined to the next unit by a word joiner.
    glued: bool,
}

/// Letters, digits and the signs inside a Latin word, an e-mail address or a number.
fn latin(c: char) -> bool {
    (c as u32) < 0x7f && c != ' ' && !opening(c) && !matches!(c, ')' | ']' | '}')
}

fn units(text: &str) -> Vec<Unit> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if latin(c) && !closing(c) {
            // A Latin word runs up to a joiner too, which then glues it to what follows.
            // A Latin word: one unit, but it may break after a hyphen that a letter follows.
            let mut w = 0.0;
            while i < chars.len() && latin(chars[i]) {
                w += advance(chars[i]);
                let hyphen =
                    chars[i] == '-' && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic());
                i += 1;
                // Trailing sentence punctuation belongs to the word (it cannot start a line).
                if hyphen {
                    break;
                }
            }
            out.push(Unit {
                width: w,
                space: false,
                closing: false,
                opening: false,
                glued: false,
            });
            continue;
        }
        if c == super::text::JOINER {
            // Glues the units on either side into one.
            if let Some(prev) = out.last_mut() {
                prev.glued = true;
            }
            i += 1;
            continue;
        }
        out.push(Unit {
            width: advance(c),
            space: c == ' ' || c == '\u{3000}',
            closing: closing(c),
            opening: opening(c),
            glued: false,
        });
        i += 1;
    }
    // Units joined by a joiner are one.
    let mut joined: Vec<Unit> = Vec::with_capacity(out.len());
    for u in out {
        match joined.last_mut() {
            Some(prev) if prev.glued => {
                prev.width += u.width;
                prev.glued = u.glued;
                prev.space = false;
                prev.closing = false;
                prev.opening = false;
            }
            _ => joined.push(u),
        }
    }
    joined
}

/// Lines taken by one paragraph of `text` (no line breaks inside) in a column `width` em
/// wide, whose first line starts `first` em further in than the others (negative for a
/// hanging indent).
pub fn lines(text: &str, width: f64, first: f64) -> u32 {
    let (line, used) = fill(text, width, first);
    line + u32::from(used > 0.0 || line == 0)
}

/// How `text` fills a column `width` em wide (see [`lines`]): the lines it fills up, and the
/// width in em it takes on the line after them.
fn fill(text: &str, width: f64, first: f64) -> (u32, f64) {
    let units = units(text);
    // A small tolerance: LibreOffice measures in twips and rounds each advance.
    let room = |line: u32| width - if line == 0 { first } else { 0.0 } + 0.01;
    let mut line = 0u32;
    let mut used = 0.0;
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        if used + u.width <= room(line) || used == 0.0 || u.space {
            // A unit wider than a whole line is narrowed to fit it (see `text::narrowed`).
            used += u.width.min(room(line));
            i += 1;
            continue;
        }
        if u.closing {
            // Hangs past the end of this line.
            used = 0.0;
            line += 1;
            i += 1;
            continue;
        }
        // Breaks before this unit; an opening bracket at the end of the line goes along.
        if i > 0 && units[i - 1].opening && used > units[i - 1].width {
            i -= 1;
        }
        used = 0.0;
        line += 1;
        // A line never starts with a space.
        while i < units.len() && units[i].space {
            i += 1;
        }
    }
    (line, used)
}

/// The width in em of a paragraph's lines in a style of geometry `look` moved in by `extra`
/// twips, and its first line's indent in em.
fn measure_of(look: &super::styles::Look, extra: i32) -> (f64, f64) {
    let em = f64::from(super::styles::EM);
    let width = (f64::from(super::styles::TEXT_WIDTH) - f64::from(look.left + extra)) / em;
    (width, f64::from(look.first) / em)
}

/// A formula's bracket, 「（計算方式：…）」, which a reader takes in at once: a line should not
/// end inside it. The PDF keeps the same spans whole (templates/typst/book.typ).
static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("（計算方式：[^）\n]*）").expect("a valid pattern"));

/// The text with a line break before every formula's bracket that the line it starts on would
/// split, when the bracket fits on a line of its own: Typst moves an unbreakable box to the
/// next line the same way, and a break written into the text is one Word and LibreOffice
/// cannot move. A bracket wider than a line is left to wrap.
pub fn keep_whole<'a>(text: &'a str, look: &super::styles::Look, extra: i32) -> Cow<'a, str> {
    if !WHOLE.is_match(text) {
        return Cow::Borrowed(text);
    }
    let (width, first) = measure_of(look, extra);
    Cow::Owned(keep_whole_in(text, width, first))
}

/// [`keep_whole`] in a column `width` em wide whose first line is indented by `first` em.
fn keep_whole_in(text: &str, width: f64, first: f64) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for (i, segment) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Where the current line of the paragraph began, and its first-line indent.
        let mut from = 0;
        let mut indent = if i == 0 { first } else { 0.0 };
        for m in WHOLE.find_iter(segment) {
            let before = &segment[from..m.start()];
            // The bracket with the punctuation after it, which LibreOffice keeps on its line
            // rather than letting both hang; nor is a bracket counted on to hang here.
            let tail = segment[m.end()..].chars().take_while(|&c| closing(c));
            let need = self::width(m.as_str()) + tail.map(advance).sum::<f64>();
            let (line, used) = fill(&super::text::protect(before), width, indent);
            let room = width - if line == 0 { indent } else { 0.0 } + 0.01;
            if !before.trim().is_empty() && used > 0.0 && used + need > room && need <= width {
                out.push_str(before);
                out.push('\n');
                from = m.start();
                indent = 0.0;
            }
        }
        out.push_str(&segment[from..]);
    }
    out
}

/// Lines a paragraph of `text` takes in a style of geometry `look`, moved in by `extra` twips
/// (an answer's details). A line break in the text starts a new line without a first-line
/// indent.
pub fn paragraph_lines(text: &str, look: &super::styles::Look, extra: i32) -> u32 {
    let (width, first) = measure_of(look, extra);
    super::text::protect(text)
        .split('\n')
        .enumerate()
        .map(|(i, line)| lines(line, width, if i == 0 { first } else { 0.0 }))
        .sum()
}

/// A paragraph of `text` in a style of geometry `look`, moved in by `extra` twips, as the page
/// model sees it: its lines, its spacing, and whether it keeps with what follows.
pub fn item(text: &str, look: &super::styles::Look, extra: i32) -> super::pages::Item {
    let mut item = super::pages::Item::text(
        paragraph_lines(text, look, extra),
        super::styles::LINE,
        look.before,
        look.after,
    );
    item.keep_next = look.keep_next;
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The book decides which web addresses fit no line with the DOCX's own text width.
    #[test]
    fn the_books_column_is_the_docx_text_width() {
        use super::super::styles::{EM, TEXT_WIDTH};
        let column = f64::from(TEXT_WIDTH) / f64::from(EM);
        assert_eq!(crate::text::addresses::COLUMN_EM, column);
    }

    #[test]
    fn a_formula_that_a_line_would_split_starts_the_next_line() {
        let formula = "（計算方式：55 人 ÷ 58 人 × 100%）";
        // 20 characters before it on a 30-em line: 10 em left, the bracket needs about 17.
        let text = format!("{}{formula}。", "字".repeat(20));
        assert_eq!(
            keep_whole_in(&text, 30.0, 0.0),
            format!("{}\n{formula}。", "字".repeat(20))
        );
        // It fits after 5 characters: nothing changes.
        let short = format!("{}{formula}。", "字".repeat(5));
        assert_eq!(keep_whole_in(&short, 30.0, 0.0), short);
        // The full stop after it counts: a bracket that fits only if the stop hung moves too.
        let need = width(formula);
        let before = "字".repeat((30.0 - need).floor() as usize);
        assert_eq!(lines(&format!("{before}{formula}"), 30.0, 0.0), 1);
        assert!(keep_whole_in(&format!("{before}{formula}。"), 30.0, 0.0).contains('\n'));
        // Wider than a whole line: left to wrap.
        let long = format!("字字（計算方式：{}）", "數".repeat(40));
        assert_eq!(keep_whole_in(&long, 30.0, 0.0), long);
        // A first-line indent narrows the line the bracket would start on.
        let text = format!("{}{formula}", "字".repeat(11));
        assert!(!keep_whole_in(&text, 30.0, 0.0).contains('\n'));
        assert!(keep_whole_in(&text, 30.0, 2.0).contains('\n'));
    }

    #[test]
    fn chinese_fills_whole_em_lines() {
        assert_eq!(lines(&"字".repeat(33), 33.0, 0.0), 1);
        assert_eq!(lines(&"字".repeat(34), 33.0, 0.0), 2);
        // A first-line indent narrows the first line; a hanging one widens it.
        assert_eq!(lines(&"字".repeat(31), 33.0, 2.0), 1);
        assert_eq!(lines(&"字".repeat(32), 33.0, 2.0), 2);
        assert_eq!(lines(&"字".repeat(34), 33.0, -1.0), 1);
    }

    #[test]
    fn closing_punctuation_hangs_and_latin_words_move_whole() {
        // 33 characters and a full stop: the stop hangs, one line.
        assert_eq!(lines(&format!("{}。", "字".repeat(33)), 33.0, 0.0), 1);
        // A word that does not fit goes to the next line whole.
        let text = format!("{}example", "字".repeat(31));
        assert_eq!(lines(&text, 33.0, 0.0), 2);
        assert_eq!(lines("", 33.0, 0.0), 1);
    }

    #[test]
    fn an_address_moves_to_the_next_line_whole() {
        let text =
            super::super::text::protect(&format!("{}hr-training@example.gov.tw", "字".repeat(20)));
        // Twenty characters and the address (about 11 em) do not share a 30-em line, and the
        // address is not broken after its hyphen.
        assert_eq!(lines(&text, 30.0, 0.0), 2);
        assert_eq!(lines(&text, 40.0, 0.0), 1);
    }

    #[test]
    fn kai_ascii_widths_are_proportional() {
        assert!((width("0123456789") - 5.0).abs() < 1e-9);
        assert!(width("i") < width("m"));
    }
}
