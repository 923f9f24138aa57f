//! Runs of Latin letters, digits and signs with no space in them that are too wide for a line:
//! a file name (`AnnualTrainingPlan…Final.odt`), a course code, an English name written without
//! spaces. Chinese text breaks between any two characters and Latin text at its spaces, but
//! such a run has no break point: Typst let it run past the page's edge, and LibreOffice cut it
//! wherever the line ended. Like a long web address ([`super::addresses`]), it is given break
//! points once, in the book's text, with a zero-width space that both writers break at: after a
//! separator (`.`, `_`, `-`, `/`…), where a lowercase letter meets a capital and where letters
//! meet digits; a stretch with none of these is cut so that no piece is wider than
//! [`PIECE_EM`].
//!
//! E-mail addresses are left alone (the writers keep them whole and narrow one that is too wide),
//! and so are web addresses, which [`super::addresses`] marks where they may break.

use super::addresses::BREAK;
use super::kai::width;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// A run this wide in em is given break points: half the text column, so that it fits neither
/// a cell of a table nor the rest of a line after a label; shorter runs keep their text as
/// written, so what a reader searches for or copies is unchanged.
pub const LONG_EM: f64 = super::addresses::COLUMN_EM / 2.0;

/// No piece between two break points is wider than this, in em.
pub const PIECE_EM: f64 = 8.0;

/// A run of anything but spaces, ideographs, CJK punctuation (U+3000–303F), full-width forms
/// (U+FF00–FFEF) and break marks: all of those break already (the PDF's template has the same
/// class for table cells).
static RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^\s\p{Han}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}\x{200B}]+").expect("a valid pattern")
});

/// The text with a [`BREAK`] at the points where a run too wide for a line may break. Text
/// without such a run comes back unchanged.
pub fn breakable(text: &str) -> Cow<'_, str> {
    let long = RUN
        .find_iter(text)
        .filter(|m| width(m.as_str()) > LONG_EM && !kept_whole(m.as_str()));
    super::addresses::rewrite(text, long, mark)
}

/// An e-mail or a web address: the writers keep one whole, and a web address wider than a line
/// has break points of its own.
fn kept_whole(run: &str) -> bool {
    run.contains('@') || run.contains("://") || run.to_ascii_lowercase().starts_with("www.")
}

/// Appends `run` with its break points.
fn mark(run: &str, out: &mut String) {
    let chars: Vec<char> = run.chars().collect();
    let mut piece = 0.0;
    for (i, &c) in chars.iter().enumerate() {
        let w = super::kai::advance(c);
        let natural = i > 0 && natural_break(chars[i - 1], c);
        // A stretch with no natural point is cut where the next character would pass the
        // widest piece.
        let forced = i > 0 && piece + w > PIECE_EM;
        if natural || forced {
            out.push(BREAK);
            piece = 0.0;
        }
        out.push(c);
        piece += w;
    }
}

/// Whether a run may break between `a` and `b`: after a separator, at a lowercase letter
/// followed by a capital, and where letters and digits meet.
fn natural_break(a: char, b: char) -> bool {
    let separator = matches!(
        a,
        '.' | '_' | '-' | '/' | '\\' | ',' | ';' | ':' | ')' | ']' | '}'
    );
    let camel = a.is_lowercase() && b.is_uppercase();
    let digits =
        (a.is_ascii_digit() && b.is_alphabetic()) || (a.is_alphabetic() && b.is_ascii_digit());
    (separator || camel || digits) && !matches!(b, '.' | ',' | ';' | ':' | ')' | ']' | '}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str =
        "AnnualTrainingPlanForTheHouseholdRegistrationPersonnelTrainingInstitute2024Final.odt";

    #[test]
    fn a_long_file_name_breaks_at_its_words_and_keeps_every_character() {
        let text = format!("年度訓練計畫（檔名 {FILE}）於 112 年通過");
        let marked = breakable(&text);
        assert_eq!(marked.replace(BREAK, ""), text);
        let pieces: Vec<&str> = marked.split(BREAK).collect();
        assert!(pieces.len() > 5, "{pieces:?}");
        assert!(pieces.contains(&"Household"), "{pieces:?}");
        assert!(pieces.contains(&"2024"), "{pieces:?}");
        assert!(pieces.iter().any(|p| p.starts_with("Final.")), "{pieces:?}");
        for p in &pieces[1..pieces.len() - 1] {
            assert!(width(p) <= PIECE_EM, "{p} is wider than a piece");
        }
    }

    #[test]
    fn a_run_without_words_is_cut_into_pieces_no_wider_than_a_piece() {
        let run = "x".repeat(120);
        let marked = breakable(&run);
        assert_eq!(marked.replace(BREAK, ""), run);
        for p in marked.split(BREAK) {
            assert!(width(p) <= PIECE_EM && !p.is_empty(), "{p}");
        }
    }

    #[test]
    fn short_runs_and_addresses_are_left_alone() {
        for text in [
            "ISO-9001 與 TTQS 銀牌",
            "2,236,400 元",
            "household.registration.training.section@example.gov.tw",
            "https://www.example.gov.tw/household/registration/annual-report/2024",
            "www.example.gov.tw/household/registration/learning-passport/annual-report",
            "沒有英文的一段文字。",
        ] {
            assert!(matches!(breakable(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
