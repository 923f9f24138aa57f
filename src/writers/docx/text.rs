//! User text into runs. docx-rs escapes XML's special characters; what it cannot express are
//! characters XML 1.0 forbids outright (control characters), which would make Word refuse
//! the file, so they are dropped here. Line breaks inside a text become Word line breaks.

use crate::text::addresses::{BREAK, WEB_ADDRESS};
use docx_rs::{BreakType, Paragraph, Run};
use regex::Regex;
use std::sync::LazyLock;

/// Addresses and numbers a reader copies, which must never break across lines: e-mail, web
/// addresses, Taiwanese phone numbers (area code, extension) and mobiles. The same patterns as
/// the PDF's (templates/typst/book.typ, `unbroken`).
static UNBROKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &[
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+",
            WEB_ADDRESS,
            r"(\(0\d{1,3}\)|0\d{1,3}-)?\d{3,4}-\d{3,4}( ?(分機|轉|#) ?\d{1,6})?",
            r"09\d{2}-?\d{3}-?\d{3}",
        ]
        .join("|"),
    )
    .expect("a valid pattern")
});

/// The word joiner: no line may break where it stands. Word and LibreOffice both honour it, and
/// it prints nothing.
pub const JOINER: char = '\u{2060}';

/// The text with a word joiner between the characters of every address and phone number, so
/// that neither Word nor LibreOffice breaks one at a hyphen or a slash. (LibreOffice still
/// breaks at a space or before a Chinese character, so [`runs_within`] also starts an address
/// that would not fit after the text before it on a line of its own.)
pub fn protect(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (piece, address) in pieces(text) {
        if address {
            join_into(&mut out, piece);
        } else {
            out.push_str(piece);
        }
    }
    out
}

/// `address` with a word joiner between each two of its characters, after `out`.
fn join_into(out: &mut String, address: &str) {
    let mut chars = address.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if chars.peek().is_some() {
            out.push(JOINER);
        }
    }
}

/// The address runs of a text line and the rest, in order: (text, is an address).
fn pieces(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut last = 0;
    for m in UNBROKEN.find_iter(text) {
        if m.start() > last {
            out.push((&text[last..m.start()], false));
        }
        // A web address too long for a line comes marked where it may break (see
        // `text::addresses`): each part is kept whole, and the marks stay breakable.
        let mut from = m.start();
        for (i, _) in m.as_str().match_indices(BREAK) {
            let at = m.start() + i;
            if at > from {
                out.push((&text[from..at], true));
            }
            out.push((&text[at..at + BREAK.len_utf8()], false));
            from = at + BREAK.len_utf8();
        }
        if m.end() > from {
            out.push((&text[from..m.end()], true));
        }
        last = m.end();
    }
    if last < text.len() || out.is_empty() {
        out.push((&text[last..], false));
    }
    out
}

/// Characters allowed in an XML 1.0 document (line breaks are handled by the caller).
fn allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

pub fn clean(text: &str) -> String {
    text.chars().filter(|c| allowed(*c) && *c != '\r').collect()
}

/// Appends `text` to the paragraph, one run per line with breaks between; addresses are kept
/// whole (see [`protect`]).
pub fn runs(p: Paragraph, text: &str) -> Paragraph {
    runs_within(p, text, None)
}

/// Like [`runs`], in a column `width` em wide: an address wider than the column is narrowed to
/// fit rather than broken, as the PDF does.
pub fn runs_within(mut p: Paragraph, text: &str, width: Option<f64>) -> Paragraph {
    let text = clean(text);
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        // Width of the text before the next piece on this line of the cell.
        let mut before = 0.0;
        for (piece, address) in pieces(line) {
            if !address {
                if !piece.is_empty() {
                    run = run.add_text(piece);
                    before += super::measure::width(piece);
                }
                continue;
            }
            let mut a = Run::new();
            if let Some(w) = width {
                let natural = super::measure::width(piece);
                if before > 0.0 && before < w && before + natural > w {
                    a = a.add_break(BreakType::TextWrapping);
                    before = 0.0;
                }
                if let Some(scale) = narrowed(piece, w) {
                    a = a.stretch(scale);
                }
                before += natural.min(w);
            }
            p = p.add_run(std::mem::take(&mut run));
            // The piece itself, not `protect(piece)`: the part of a long web address after a
            // break mark is no address on its own, but is kept whole all the same.
            let mut joined = String::with_capacity(piece.len() * 4);
            join_into(&mut joined, piece);
            p = p.add_run(a.add_text(joined));
        }
    }
    p.add_run(run)
}

/// The horizontal scale in percent that makes `address` fit `width` em, when it does not fit.
pub fn narrowed(address: &str, width: f64) -> Option<i32> {
    let natural = super::measure::width(address);
    (natural > width && natural > 0.0).then(|| ((width / natural * 100.0).floor() as i32).max(50))
}
