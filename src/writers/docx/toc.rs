//! The table of contents (目次): a real `TOC` field that Word can update, whose result is
//! already filled in, because LibreOffice and most viewers never compute it and the form
//! requires page numbers for every section and attachment.
//!
//! The page numbers are either given (taken from the PDF book, which is laid out for real)
//! or estimated by [`estimate_pages`], a line-count model of the same layout.

use super::styles::{self, EM, TEXT_HEIGHT, TEXT_WIDTH};
use super::text::clean;
use crate::book::{Block, Book, Section};
use docx_rs::*;

/// One line of the TOC.
pub struct Entry {
    pub level: u8,
    /// Number and title, as printed in the body.
    pub text: String,
    pub bookmark: String,
    pub page: u32,
}

/// The TOC paragraphs: field begin and instruction in the first, end in the last; each entry
/// links to its heading's `_Toc` bookmark and carries a PAGEREF to it.
pub fn paragraphs(title: &str, entries: &[Entry], max_level: u8) -> Vec<Paragraph> {
    let mut out = vec![Paragraph::new()
        .style(styles::STYLE_TOC_TITLE)
        .add_run(Run::new().add_text(clean(title)))];
    let instr = InstrToC::new()
        .heading_styles_range(1, usize::from(max_level.clamp(1, 9)))
        .hyperlink()
        // Unnumbered 附件 headings are found by their outline level.
        .use_applied_paragraph_line_level();
    let begin = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::TOC(instr))
        .add_field_char(FieldCharType::Separate, false);
    if entries.is_empty() {
        out.push(
            Paragraph::new()
                .style(&styles::toc_style(1))
                .add_run(begin)
                .add_run(Run::new().add_field_char(FieldCharType::End, false)),
        );
        return out;
    }
    for (i, e) in entries.iter().enumerate() {
        let mut p = Paragraph::new().style(&styles::toc_style(e.level));
        if i == 0 {
            p = p.add_run(begin.clone());
        }
        let page_ref = Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGEREF(
                InstrPAGEREF::new(&e.bookmark).hyperlink(),
            ))
            .add_field_char(FieldCharType::Separate, false)
            .add_text(e.page.to_string())
            .add_field_char(FieldCharType::End, false);
        p = p.add_hyperlink(
            Hyperlink::new(&e.bookmark, HyperlinkType::Anchor)
                .add_run(Run::new().add_text(clean(&e.text)))
                .add_run(Run::new().add_tab())
                .add_run(page_ref),
        );
        if i + 1 == entries.len() {
            p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
        }
        out.push(p);
    }
    out
}

/// Width of a text in full-width characters: CJK and full-width forms are 1, the rest ½.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 0.5 } else { 1.0 })
        .sum()
}

/// Lines a text takes in a column `chars` full-width characters wide, after `indent`.
fn lines(text: &str, chars: f64, indent: f64) -> u32 {
    text.split('\n')
        .map(|l| (((width(l) + indent) / chars).ceil() as u32).max(1))
        .sum()
}

/// A running position on the estimated pages.
struct Layout {
    page: u32,
    line: u32,
}

const CHARS_PER_LINE: f64 = (TEXT_WIDTH / EM) as f64;
/// Word's single spacing for 標楷體 (and TW-Kai) is close to 1.3 em: ascent and descent plus
/// the font's line gap. Measured against LibreOffice's conversion of sample books.
const LINE_TWIPS: f64 = EM as f64 * 1.3;

impl Layout {
    fn lines_per_page() -> u32 {
        (f64::from(TEXT_HEIGHT) / LINE_TWIPS).floor() as u32
    }
    fn new_page(&mut self) {
        if self.line > 0 {
            self.page += 1;
            self.line = 0;
        }
    }
    fn advance(&mut self, n: u32) {
        let per_page = Self::lines_per_page();
        self.line += n;
        while self.line > per_page {
            self.page += 1;
            self.line -= per_page;
        }
    }
    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph { text } => self.advance(lines(text, CHARS_PER_LINE, 2.0)),
            Block::Line { text } | Block::Check { text, .. } => {
                self.advance(lines(text, CHARS_PER_LINE, 1.0))
            }
            Block::Testimonial {
                author,
                title,
                text,
            } => {
                let who = format!("{author}{}", title.as_deref().unwrap_or(""));
                self.advance(lines(&who, CHARS_PER_LINE - 1.0, 1.0));
                self.advance(lines(text, CHARS_PER_LINE - 2.0, 2.0));
            }
            Block::Table(t) => {
                let total: f32 = t
                    .columns
                    .iter()
                    .filter(|w| w.is_finite() && **w > 0.0)
                    .sum();
                for row in &t.rows {
                    let mut col = 0usize;
                    let mut tallest = 1u32;
                    for cell in row {
                        let span = usize::from(cell.colspan.max(1));
                        let frac: f32 = t.columns.iter().skip(col).take(span).sum::<f32>()
                            / if total > 0.0 { total } else { 1.0 };
                        let chars = (CHARS_PER_LINE * f64::from(frac) - 0.5).max(1.0);
                        let text_lines: u32 = cell.lines.iter().map(|l| lines(l, chars, 0.0)).sum();
                        let min = cell
                            .min_height
                            .map_or(0, |h| (f64::from(h) * 20.0 / LINE_TWIPS).ceil() as u32);
                        tallest = tallest.max(text_lines.max(min));
                        col += span;
                    }
                    // Rows do not split across pages.
                    if self.line + tallest > Self::lines_per_page() {
                        self.new_page();
                    }
                    self.advance(tallest);
                }
            }
            Block::SealBoxes { .. } => {
                let rows = 1 + (2268.0 / LINE_TWIPS).ceil() as u32;
                if self.line + rows > Self::lines_per_page() {
                    self.new_page();
                }
                self.advance(rows);
            }
            Block::Embed { kind, .. } => {
                if *kind == crate::book::EmbedKind::Pdf {
                    self.advance(2);
                } else {
                    // The image fills the rest of its page; what follows starts a new one.
                    self.advance(1);
                    self.new_page();
                }
            }
        }
    }
    fn section(&mut self, s: &Section, out: &mut Vec<u32>) {
        if s.page_break {
            self.new_page();
        }
        // Headings keep with what follows: move a heading at a page's foot to the next.
        if self.line + 2 > Self::lines_per_page() {
            self.new_page();
        }
        out.push(self.page);
        self.advance(lines(&s.heading(), CHARS_PER_LINE, 0.0));
        for b in &s.blocks {
            self.block(b);
        }
        for c in &s.children {
            self.section(c, out);
        }
    }
}

/// Estimated page of every section (reading order), counting the cover as page 1 and the TOC
/// pages after it. `toc_lines` is the number of TOC entries.
pub fn estimate_pages(book: &Book, toc_lines: usize) -> Vec<u32> {
    let per_page = Layout::lines_per_page() as usize;
    // Cover on page 1; the TOC (title plus entries) starts on page 2.
    let toc_pages = (toc_lines + 2).div_ceil(per_page).max(1) as u32;
    let mut layout = Layout {
        page: 2 + toc_pages,
        line: 0,
    };
    let mut out = Vec::new();
    for s in &book.sections {
        layout.section(s, &mut out);
    }
    out
}
