//! Web addresses longer than a line of the book. An address a reader copies is never broken
//! across lines (both writers keep it whole), but one wider than the whole text column cannot
//! be kept whole: it ran past the page's edge in the PDF, and LibreOffice broke the DOCX's
//! anywhere (「h」 alone on a line). Such an address may break where The Chicago Manual of Style
//! lets a URL break (before a slash or a full stop, after the scheme's `//`, …), and stays
//! whole between those points; the points are many, so a justified line around it does not
//! gape. The points are marked once, in the book's text, with a zero-width space, which both
//! writers treat as the only places the address may break.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Where a long web address may break: it prints nothing, and Typst, Word and LibreOffice all
/// break a line there.
pub const BREAK: char = '\u{200B}';

/// The width of the book's text column in em: A4 less both margins and the binding's gutter,
/// at 14 pt (the DOCX writer's `TEXT_WIDTH` over `EM`, 9,070 / 280 twips; the PDF's template
/// has the same margins). An address wider than this fits no line.
pub const COLUMN_EM: f64 = 9070.0 / 280.0;

/// A web address, marks of [`BREAK`] included, as both the book and the DOCX writer find it
/// (the PDF's template has the same pattern).
pub const WEB_ADDRESS: &str = r"(https?://|www\.)[A-Za-z0-9./?#=&%_~:+\u{200B}-]+";

static WEB: LazyLock<Regex> = LazyLock::new(|| Regex::new(WEB_ADDRESS).expect("a valid pattern"));

/// Where The Chicago Manual of Style lets a web address break: before a slash (not the second of
/// a `//`), a full stop, a hyphen, an underscore, a tilde, `#`, `%` or `?`, and before or after
/// `=` and `&` (after: see [`breakable`], with the break after the scheme's `//`).
fn breaks_before(c: char, previous: char) -> bool {
    match c {
        '/' => previous != '/' && previous != ':',
        '.' | '-' | '_' | '~' | '#' | '%' | '?' | '=' | '&' => true,
        _ => false,
    }
}

/// The text with a [`BREAK`] at every point where a web address wider than the text column may
/// break. Shorter addresses, and text without one, come back unchanged.
pub fn breakable(text: &str) -> Cow<'_, str> {
    let long = WEB
        .find_iter(text)
        .filter(|m| super::kai::width(m.as_str()) > COLUMN_EM);
    rewrite(text, long, |address, out| {
        let chars: Vec<char> = address.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if i > 0 && breaks_before(c, chars[i - 1]) && !out.ends_with(BREAK) {
                out.push(BREAK);
            }
            out.push(c);
            let scheme = c == '/' && i >= 2 && chars[i - 1] == '/' && chars[i - 2] == ':';
            if (scheme || matches!(c, '=' | '&')) && i + 1 < chars.len() {
                out.push(BREAK);
            }
        }
    })
}

/// The text with each of the `found` matches in it written out by `mark` (which appends it with
/// its break points) and the rest copied; borrowed when nothing is found.
pub(super) fn rewrite<'t>(
    text: &'t str,
    found: impl Iterator<Item = regex::Match<'t>>,
    mark: impl Fn(&str, &mut String),
) -> Cow<'t, str> {
    let mut found = found.peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for m in found {
        out.push_str(&text[last..m.start()]);
        mark(m.as_str(), &mut out);
        last = m.end();
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// The parts of an address that [`breakable`] marked, each kept whole by the writers.
pub fn parts(address: &str) -> impl Iterator<Item = &str> {
    address.split(BREAK).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = "https://www.example.gov.tw/household/registration/learning-passport/annual-report/2024/index.html?section=learning&lang=zh-TW";

    #[test]
    fn a_long_address_breaks_where_chicago_lets_it() {
        let text = format!("詳見 {LONG} 。");
        let marked = breakable(&text);
        let parts: Vec<&str> = parts(&marked).collect();
        assert_eq!(
            parts,
            [
                "詳見 https://",
                "www",
                ".example",
                ".gov",
                ".tw",
                "/household",
                "/registration",
                "/learning",
                "-passport",
                "/annual",
                "-report",
                "/2024",
                "/index",
                ".html",
                "?section",
                "=",
                "learning",
                "&",
                "lang",
                "=",
                "zh",
                "-TW 。",
            ]
        );
        // Nothing is lost or added but the marks.
        assert_eq!(marked.replace(BREAK, ""), text);
    }

    #[test]
    fn an_address_that_fits_a_line_is_left_alone() {
        for text in [
            "https://www.youtube.com/watch?v=demoHS2014a",
            "hr-training@example.gov.tw",
            "沒有網址的一段文字。",
        ] {
            assert!(matches!(breakable(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
