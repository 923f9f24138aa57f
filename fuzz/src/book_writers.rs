//! A book made of arbitrary text (Typst and XML syntax, control characters, bidi marks,
//! 10,000-character words) in every kind of block and a nest of sections: both writers make
//! their file, the DOCX is a zip of well-formed XML, and the PDF holds every paragraph's text.

use crate::support::{one_section_book, within_budget, write_and_verify, PALETTE};
use appbook::book::{Block, Book, Cell, Section, Table};
use arbitrary::{Result, Unstructured};

const PIECES: &[&str] = &[
    " ",
    "\u{3000}",
    "\n",
    "。",
    "，",
    "「",
    "」",
    "#",
    "#panic(\"x\")",
    "#set page(width: 1pt)",
    "$x^2$",
    "*bold*",
    "_x_",
    "`raw`",
    "]",
    "[",
    "\\",
    "//",
    "/*",
    "@label",
    "<label>",
    "=",
    "- ",
    "+ ",
    "<w:p>",
    "</w:t>",
    "&amp;",
    "&#0;",
    "]]>",
    "<?xml?>",
    "\"",
    "'",
    "{{ x }}",
    "{% if %}",
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{202d}",
    "\u{200f}",
    "\u{200b}",
    "\u{2028}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{e000}",
    "\u{d7ff}",
    "𠀀",
    "🙂",
    "\u{301}",
    "\t",
    "\r",
];

/// A text made of words from the palette and pieces of syntax, or an arbitrary string, or
/// one very long word.
fn text(u: &mut Unstructured) -> Result<String> {
    let palette: Vec<char> = PALETTE.chars().collect();
    Ok(match u.int_in_range(0..=9)? {
        0 => u.arbitrary::<&str>()?.to_string(),
        1 => {
            let c = if u.arbitrary()? { "a" } else { "學" };
            c.repeat(10_000)
        }
        _ => {
            let mut s = String::new();
            for _ in 0..u.int_in_range(0..=12)? {
                match u.int_in_range(0..=2)? {
                    0 => s.push_str(u.choose(PIECES)?),
                    1 => s.push(*u.choose(&palette)?),
                    _ => {
                        let word_len = u.int_in_range(1..=12)?;
                        for _ in 0..word_len {
                            s.push(u.choose(b"abcxyzABC0123456789")?.to_owned() as char);
                        }
                    }
                }
            }
            s
        }
    })
}

fn block(u: &mut Unstructured) -> Result<Block> {
    Ok(match u.int_in_range(0..=5)? {
        0 => Block::Paragraph { text: text(u)? },
        1 => Block::Line { text: text(u)? },
        2 => Block::Check {
            checked: u.arbitrary()?,
            text: text(u)?,
            // An answer's details: a line or paragraph or two, set under it.
            details: (0..u.int_in_range(0..=2)?)
                .map(|_| {
                    Ok(if u.arbitrary()? {
                        Block::Line { text: text(u)? }
                    } else {
                        Block::Paragraph { text: text(u)? }
                    })
                })
                .collect::<Result<_>>()?,
        },
        3 => Block::Testimonial {
            author: text(u)?,
            title: if u.arbitrary()? { Some(text(u)?) } else { None },
            text: text(u)?,
        },
        4 => Block::SealBoxes {
            captions: (0..u.int_in_range(0..=3)?)
                .map(|_| text(u))
                .collect::<Result<_>>()?,
        },
        _ => {
            let cols = u.int_in_range(1..=4)?;
            let mut rows = Vec::new();
            for _ in 0..u.int_in_range(0..=3)? {
                let mut row = Vec::new();
                for _ in 0..cols {
                    let lines = (0..u.int_in_range(0..=2)?)
                        .map(|_| text(u))
                        .collect::<Result<_>>()?;
                    let mut cell = Cell::lines(lines);
                    cell.label = u.arbitrary()?;
                    row.push(cell);
                }
                rows.push(row);
            }
            Block::Table(Table {
                columns: vec![1.0; cols],
                rows,
            })
        }
    })
}

const NUMBERS: [&str; 5] = ["壹、", "一、", "（一）", "1、", "（1）"];

fn section(u: &mut Unstructured, level: u8) -> Result<Section> {
    let blocks = (0..u.int_in_range(0..=4)?)
        .map(|_| block(u))
        .collect::<Result<_>>()?;
    let children = if level < 5 && u.ratio(1, 3)? {
        (0..u.int_in_range(1..=2)?)
            .map(|_| section(u, level + 1))
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    Ok(Section {
        level,
        number: if u.ratio(4, 5)? {
            Some(NUMBERS[level as usize - 1].to_string())
        } else {
            None
        },
        title: text(u)?,
        toc: u.arbitrary()?,
        page_break: u.arbitrary()?,
        blocks,
        children,
    })
}

fn book(u: &mut Unstructured) -> Result<Book> {
    let mut book = one_section_book(Vec::new());
    book.meta.title = text(u)?;
    book.meta.author = text(u)?;
    book.meta.subject = text(u)?;
    book.meta.keywords = vec![text(u)?];
    book.cover.title = vec![text(u)?];
    book.cover.fields = vec![(text(u)?, text(u)?)];
    book.cover.date_line = text(u)?;
    book.toc_title = text(u)?;
    book.sections = (0..u.int_in_range(1..=3)?)
        .map(|_| section(u, 1))
        .collect::<Result<_>>()?;
    Ok(book.tidied())
}

pub fn run(data: &[u8]) {
    let Ok(book) = book(&mut Unstructured::new(data)) else {
        return;
    };
    within_budget("writing a book", 1024, || write_and_verify(&book));
}
