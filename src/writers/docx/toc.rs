//! The table of contents (目次): a real `TOC` field that Word can update, whose result is
//! already filled in, because LibreOffice and most viewers never compute it and the form
//! requires page numbers for every section and attachment.
//!
//! The page numbers are either given by the caller (from a real layout of this DOCX) or
//! estimated by [`estimate_pages`], a line-height model of the same layout. The PDF book's
//! pages cannot stand in: it also carries the pages of PDF attachments, which the DOCX only
//! lists, and Typst breaks lines differently from Word.

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

/// Single spacing gives a line the height of its tallest font: 1 em for the Kai face, about
/// 1.15 em once Latin text (set in Times New Roman) is on the line. Measured on LibreOffice's
/// conversion with TW-Kai; Word refreshes the numbers itself when it opens the file.
const KAI_LINE: f64 = EM as f64;
const LATIN_LINE: f64 = EM as f64 * 1.15;

/// Height in twips of a text in a column `chars` full-width characters wide, after `indent`:
/// the text is broken into lines as it would wrap, and each line is as tall as its fonts.
fn height(text: &str, chars: f64, indent: f64) -> f64 {
    let line_height = |latin: bool| if latin { LATIN_LINE } else { KAI_LINE };
    let mut total = 0.0;
    for paragraph in text.split('\n') {
        let (mut used, mut latin) = (indent, false);
        for c in paragraph.chars() {
            let w = width(c.encode_utf8(&mut [0; 4]));
            if used + w > chars && used > 0.0 {
                total += line_height(latin);
                used = 0.0;
                latin = false;
            }
            used += w;
            latin |= c.is_ascii_alphanumeric();
        }
        total += line_height(latin);
    }
    total
}

/// A running position on the estimated pages.
struct Layout {
    page: u32,
    /// Twips used on the current page.
    y: f64,
}

const CHARS_PER_LINE: f64 = (TEXT_WIDTH / EM) as f64;
const PAGE: f64 = TEXT_HEIGHT as f64;

impl Layout {
    fn new_page(&mut self) {
        if self.y > 0.0 {
            self.page += 1;
            self.y = 0.0;
        }
    }
    /// Adds a block that may split across pages (a paragraph breaks between lines).
    fn flow(&mut self, h: f64) {
        self.y += h;
        while self.y > PAGE {
            self.page += 1;
            self.y -= PAGE;
        }
    }
    /// Adds a block that does not split (a table row, a heading with its next line).
    fn keep(&mut self, h: f64) {
        if self.y + h > PAGE {
            self.new_page();
        }
        self.flow(h);
    }
    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph { text } => self.flow(height(text, CHARS_PER_LINE, 2.0)),
            Block::Line { text } => self.flow(height(text, CHARS_PER_LINE, 1.0)),
            Block::Check { text, details, .. } => {
                self.flow(height(text, CHARS_PER_LINE, 1.0));
                // Details are narrower by their indent; a line-count estimate need not be, the
                // rounding of whole lines dominates.
                details.iter().for_each(|d| self.block(d));
            }
            Block::Testimonial {
                author,
                title,
                text,
            } => {
                let who = format!("{author}{}", title.as_deref().unwrap_or(""));
                self.flow(height(&who, CHARS_PER_LINE - 1.0, 1.0));
                for para in text.split('\n').filter(|l| !l.trim().is_empty()) {
                    self.flow(height(para, CHARS_PER_LINE - 2.0, 2.0));
                }
            }
            Block::Table(t) => {
                let total: f32 = t
                    .columns
                    .iter()
                    .filter(|w| w.is_finite() && **w > 0.0)
                    .sum();
                for row in &t.rows {
                    let mut col = 0usize;
                    let mut tallest = KAI_LINE;
                    for cell in row {
                        let span = usize::from(cell.colspan.max(1));
                        let frac: f32 = t.columns.iter().skip(col).take(span).sum::<f32>()
                            / if total > 0.0 { total } else { 1.0 };
                        let chars = (CHARS_PER_LINE * f64::from(frac) - 0.5).max(1.0);
                        let text: f64 = cell.lines.iter().map(|l| height(l, chars, 0.0)).sum();
                        let min = cell.min_height.map_or(0.0, |h| f64::from(h) * 20.0);
                        tallest = tallest.max(text.max(min));
                        col += span;
                    }
                    self.keep(tallest);
                }
                // The empty paragraph after every table.
                self.flow(KAI_LINE);
            }
            Block::SealBoxes { .. } => {
                self.keep(KAI_LINE);
                self.keep(2268.0);
                self.flow(KAI_LINE);
            }
            Block::Embed { kind, pages, .. } => {
                if *kind == crate::book::EmbedKind::Pdf {
                    // A picture per page: the first under the heading, each other on a page
                    // of its own, and what follows on a new page.
                    self.flow(KAI_LINE);
                    for _ in 1..pages.unwrap_or(1) {
                        self.new_page();
                        self.flow(KAI_LINE);
                    }
                    self.new_page();
                } else {
                    // The image fills the rest of its page; what follows starts a new one.
                    self.flow(KAI_LINE);
                    self.new_page();
                }
            }
        }
    }
    fn section(&mut self, s: &Section, out: &mut Vec<u32>) {
        if s.page_break {
            self.new_page();
        }
        let h = height(&s.heading(), CHARS_PER_LINE, 0.0);
        // Headings keep with the next paragraph, so a heading at a page's foot moves to the
        // next page together with the headings directly below it and one line of text.
        if self.y + lead(s) > PAGE {
            self.new_page();
        }
        out.push(self.page);
        self.flow(h);
        for b in &s.blocks {
            self.block(b);
        }
        for c in &s.children {
            self.section(c, out);
        }
    }
}

/// Height of a heading, the headings that follow it directly, and one line of text.
fn lead(s: &Section) -> f64 {
    let h = height(&s.heading(), CHARS_PER_LINE, 0.0);
    match (s.blocks.is_empty(), s.children.first()) {
        (true, Some(child)) => h + lead(child),
        _ => h + LATIN_LINE,
    }
}

/// Estimated page of every section (reading order), counting the cover as page 1 and the TOC
/// pages after it. `toc_lines` is the number of TOC entries.
pub fn estimate_pages(book: &Book, toc_lines: usize) -> Vec<u32> {
    // Every TOC line ends in a page number (Latin digits), so it is a Latin-height line.
    let per_page = (PAGE / LATIN_LINE) as usize;
    // Cover on page 1; the TOC (title plus entries) starts on page 2.
    let toc_pages = (toc_lines + 1).div_ceil(per_page).max(1) as u32;
    let mut layout = Layout {
        page: 2 + toc_pages,
        y: 0.0,
    };
    let mut out = Vec::new();
    for s in &book.sections {
        layout.section(s, &mut out);
    }
    out
}
