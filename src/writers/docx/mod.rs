//! The application book as a Word document (DOCX), from the same [`Book`] the PDF writer
//! consumes, so both carry the same sections, numbers and text.
//!
//! What makes it a working Word document rather than a picture of one: real paragraph styles
//! (14 pt, East-Asian font 標楷體, single spacing), heading numbers produced by Word's own
//! multi-level list (see [`numbering`]), a TOC field that is already filled in and that Word
//! can update, tables with merged cells, and A4 pages with mirrored margins and a gutter.

mod chart;
mod measure;
pub mod numbering;
mod package;
mod pages;
mod pdf_pages;
pub mod styles;
mod table;
mod text;
mod toc;

use crate::book::{Block, Book, EmbedKind, Section};
use crate::diagnostics::Text;
use docx_rs::*;
use numbering::HeadingNumber;
use pages::Item;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use styles::*;
use text::runs;

/// Largest image file placed in the document: the limit the rules already applied.
const MAX_IMAGE_BYTES: u64 = crate::attachment::MAX_IMAGE_BYTES;
/// English Metric Units per twip and per inch; an image without a stated resolution is
/// taken at 96 dpi, as Word takes it.
const EMU_PER_TWIP: u64 = 635;
const EMU_PER_INCH: u64 = 914_400;
const DEFAULT_DPI: u32 = 96;

#[derive(Debug)]
pub enum DocxError {
    /// An attachment to embed could not be read or is not a PNG/JPEG image.
    Attachment { file: PathBuf, reason: Text },
    /// A table of the book does not fit its own columns.
    Table { section: String, reason: Text },
    /// The package could not be assembled (an internal fault, not the applicant's).
    Package(String),
}

impl DocxError {
    pub fn message(&self) -> Text {
        match self {
            DocxError::Attachment { file, reason } => Text::new(
                format!("無法將附件 {} 放入 DOCX：{}", file.display(), reason.zh),
                format!(
                    "cannot place attachment {} in the DOCX: {}",
                    file.display(),
                    reason.en
                ),
            ),
            DocxError::Table { section, reason } => Text::new(
                format!("「{section}」的表格無法寫入 DOCX：{}", reason.zh),
                format!(
                    "the table in “{section}” cannot be written to the DOCX: {}",
                    reason.en
                ),
            ),
            DocxError::Package(why) => Text::new(
                format!("DOCX 檔案組裝失敗（程式內部錯誤，請回報）：{why}"),
                format!("assembling the DOCX failed (an internal error, please report it): {why}"),
            ),
        }
    }
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().zh)
    }
}

impl std::error::Error for DocxError {}

/// Choices the caller may make; the defaults suit a DOCX written on its own.
#[derive(Clone, Debug, Default)]
pub struct DocxOptions {
    /// The page of every TOC entry, in book order, when known from a real layout of this DOCX.
    /// When absent or of the wrong length the pages are estimated.
    pub toc_pages: Option<Vec<u32>>,
}

/// The book as DOCX bytes. Pure apart from reading embedded images; the caller writes the
/// bytes (atomically).
pub fn write_docx(book: &Book) -> Result<Vec<u8>, DocxError> {
    write_docx_with(book, &DocxOptions::default())
}

pub fn write_docx_with(book: &Book, options: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer::new(book);
    // The PDF attachments' pages as pictures are nine tenths of a DOCX's work: each attachment
    // is made on its own core, before the walk that places them (which takes each one's result,
    // an error included, where it comes, so the first error in the book is the one told).
    let mut files: Vec<&Path> = book
        .all_sections()
        .into_iter()
        .flat_map(|s| &s.blocks)
        .flat_map(Block::walk)
        .filter_map(|b| match b {
            Block::Embed {
                file,
                kind: EmbedKind::Pdf,
                ..
            } => Some(file.as_path()),
            _ => None,
        })
        .collect();
    files.sort();
    files.dedup();
    let made: Vec<_> = if super::may_split() {
        files.par_iter().map(|f| pdf_pictures(f)).collect()
    } else {
        files.iter().map(|f| pdf_pictures(f)).collect()
    };
    w.pdf_pictures = files.into_iter().map(Path::to_path_buf).zip(made).collect();
    if book.is_form() {
        for s in &book.sections {
            w.section(s)?;
        }
        return w.finish(book);
    }

    let cover_pages = w.cover(book);
    // The 目次 goes here once the pages of the body are known.
    let toc_at = w.docx.document.children.len();
    for s in &book.sections {
        w.section(s)?;
    }

    let sections = book.all_sections();
    let toc_sections: Vec<(usize, &Section)> = sections
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| s.toc)
        .collect();
    let max_level = toc_sections
        .iter()
        .map(|(_, s)| s.level.clamp(1, 9))
        .max()
        .unwrap_or(3);
    let mut entries: Vec<toc::Entry> = toc_sections
        .iter()
        .map(|(i, s)| toc::Entry {
            level: s.level.clamp(1, 9),
            text: s.heading(),
            hang: hang_twips(s.hang()),
            bookmark: bookmark_name(*i),
            page: 0,
        })
        .collect();
    let known = options
        .toc_pages
        .as_ref()
        .filter(|p| p.len() == entries.len());
    let gap = toc::gap(&book.toc_title, &entries);
    match known {
        Some(p) => entries.iter_mut().zip(p).for_each(|(e, p)| e.page = *p),
        None => {
            // The 目次 starts on the page after the cover; the body after it.
            let mut items = toc::items(&book.toc_title, &entries, gap);
            items.extend(std::mem::take(&mut w.items));
            let found: std::collections::HashMap<usize, u32> =
                pages::paginate(&items, cover_pages + 1)
                    .into_iter()
                    .collect();
            for ((i, _), e) in toc_sections.iter().zip(entries.iter_mut()) {
                e.page = found.get(i).copied().unwrap_or(1);
            }
        }
    }
    let mut toc_paragraphs = toc::paragraphs(&book.toc_title, &entries, max_level, gap);
    if let Some(first) = toc_paragraphs.first_mut() {
        *first = std::mem::take(first).page_break_before(true);
    }
    w.docx.document.children.splice(
        toc_at..toc_at,
        toc_paragraphs
            .into_iter()
            .map(|p| DocumentChild::Paragraph(Box::new(p))),
    );
    w.finish(book)
}

/// A section whose only block is an attachment (its pages or picture).
fn is_embed(s: &Section) -> bool {
    matches!(s.blocks.as_slice(), [Block::Embed { .. }])
}

/// One em for each level of the outline below `from` (1 = 壹): `from` 2 places headings
/// (一、 at the margin, （一） one em in), `from` 1 what they hold.
fn level_indent(level: u8, from: u8) -> i32 {
    i32::from(level.saturating_sub(from)) * EM as i32
}

/// Whether `blocks[i]` is a table's caption: a line directly over a table (「※ 計算所得數字（教師、
/// 職員工分列）：」), which must not be left at a page's foot with its table overleaf. The PDF's
/// template keeps it by the same rule (`is-caption`).
fn is_caption(blocks: &[Block], i: usize) -> bool {
    matches!(blocks[i], Block::Line { .. }) && matches!(blocks.get(i + 1), Some(Block::Table(_)))
}

/// `p` with the indents of `look`, its left edge moved in by `extra` twips, stated directly: the
/// left edge and the first-line indent or hang, so the page model measures what Word lays out.
fn indented(p: Paragraph, look: &Look, extra: i32) -> Paragraph {
    let special = match look.first {
        0 => None,
        f if f < 0 => Some(SpecialIndentType::Hanging(-f)),
        f => Some(SpecialIndentType::FirstLine(f)),
    };
    p.indent(Some(look.left + extra), special, None, None)
}

/// An empty paragraph half a line tall: the space between a table and what is next to it.
fn gap_paragraph() -> Paragraph {
    Paragraph::new().style(STYLE_NORMAL).line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(PARA_GAP as i32)
            .before(0)
            .after(0),
    )
}

/// The pages of the PDF `file` as pictures, or why not.
fn pdf_pictures(file: &Path) -> Result<Vec<pdf_pages::PagePicture>, Text> {
    let bytes = std::fs::read(file)
        .map_err(|e| Text::new(format!("無法讀取（{e}）"), format!("cannot read it ({e})")))?;
    pdf_pages::rasterise(bytes, TEXT_WIDTH as f32, TEXT_HEIGHT as f32)
}

fn bookmark_name(index: usize) -> String {
    // Word's own TOC bookmarks are `_Toc` and digits; keeping that form lets Word treat them
    // as its own (hidden) bookmarks.
    format!("_Toc{:09}", 100_000_001 + index)
}

struct Writer {
    docx: Docx,
    plan: Vec<HeadingNumber>,
    /// Index of the next section in reading order (into `plan`).
    next_section: usize,
    pictures: usize,
    jpeg_pictures: Vec<String>,
    /// The next paragraph must start a new page (the page after an image).
    break_pending: bool,
    /// Extra left indent in twips of the paragraphs being added (an answer's details).
    indent: i32,
    /// A form: its title is centred.
    form: bool,
    /// The body as the page model sees it, item by item (see [`pages`]).
    items: Vec<Item>,
    /// The pages of the book's PDF attachments as pictures, made before the walk, by file.
    pdf_pictures: HashMap<PathBuf, Result<Vec<pdf_pages::PagePicture>, Text>>,
}

impl Writer {
    fn new(book: &Book) -> Writer {
        let footer = Footer::new().add_paragraph(
            Paragraph::new().style(STYLE_FOOTER).add_run(
                Run::new()
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                    .add_field_char(FieldCharType::Separate, false)
                    .add_text("1")
                    .add_field_char(FieldCharType::End, false),
            ),
        );
        let page = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN_TOP)
                    .bottom(MARGIN_BOTTOM)
                    .left(MARGIN_INSIDE)
                    .right(MARGIN_OUTSIDE)
                    .header(HEADER_DISTANCE)
                    .footer(FOOTER_DISTANCE)
                    .gutter(GUTTER),
            )
            .footer(footer);
        // The cover carries no page number; a form has no cover.
        let docx = if book.is_form() {
            page
        } else {
            page.first_footer(Footer::new().add_paragraph(Paragraph::new().style(STYLE_FOOTER)))
                .title_pg()
        };
        let docx = numbering::install(styles::install(docx));
        Writer {
            docx,
            plan: numbering::plan(book),
            next_section: 0,
            pictures: 0,
            jpeg_pictures: Vec::new(),
            break_pending: false,
            indent: 0,
            form: book.is_form(),
            items: Vec::new(),
            pdf_pictures: HashMap::new(),
        }
    }

    /// Adds a paragraph and what the page model needs of it.
    fn push(&mut self, mut p: Paragraph, mut item: Item) {
        if std::mem::take(&mut self.break_pending) {
            p = p.page_break_before(true);
        }
        item.break_before |= p.property.page_break_before.unwrap_or(false);
        if self.indent > 0 && p.property.indent.is_none() {
            // A paragraph with no indent of its own (a style whose left edge is the margin's).
            p = p.indent(Some(self.indent), None, None, None);
        }
        self.items.push(item);
        self.append(p);
    }

    /// Appends through docx-rs, which notes what the package needs (the numbering part when
    /// a paragraph is numbered).
    fn append(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    /// A paragraph of text in a style whose geometry is `look`.
    fn text(&mut self, p: Paragraph, look: &Look, text: &str) {
        let text = measure::keep_whole(text, look, self.indent);
        let item = measure::item(&text, look, self.indent);
        let p = self.moved_in(p, look);
        self.push(runs(p, &text), item);
    }

    /// A line of a list that opens with its number （n）: the number at the line's indent and
    /// the wrapped lines under the text after it, as the PDF sets it (docs/typography.md).
    fn item(&mut self, number: &str, text: &str) {
        let width = (measure::width(number) * f64::from(EM)).round() as i32;
        let look = Look {
            left: width,
            first: -width,
            ..LOOK_NORMAL
        };
        let text = measure::keep_whole(text, &look, self.indent);
        let item = measure::item(&text, &look, self.indent);
        let p = indented(Paragraph::new().style(STYLE_NORMAL), &look, self.indent);
        self.push(runs(p, &text), item);
    }

    /// A paragraph in a style of geometry `look`, moved in by the current indent: its left
    /// edge and its first-line indent or hang both stated, since a direct `w:ind` that names
    /// only the left edge would replace the style's, not add to it.
    fn moved_in(&self, p: Paragraph, look: &Look) -> Paragraph {
        if self.indent == 0 {
            return p;
        }
        indented(p, look, self.indent)
    }

    fn push_table(&mut self, t: Table, rows: Vec<Item>) {
        if self.break_pending {
            // An empty paragraph takes the page break (push gives it the pending one).
            self.push(
                Paragraph::new().style(STYLE_NORMAL),
                Item::text(1, LINE, LOOK_NORMAL.before, 0),
            );
        }
        self.items.extend(rows);
        // A small paragraph after every table keeps two tables from fusing into one in Word,
        // and is the space below the table.
        self.items.push(Item::text(1, PARA_GAP, 0, 0));
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(t);
        self.append(gap_paragraph());
    }

    /// The cover as the PDF lays it out: the title 5 cm down, the fields 5 cm under it as a
    /// block of left-aligned lines centred on the page, and the date line at the page's foot,
    /// 2 cm above the bottom margin. Every line is one em, so the date's place is exact.
    /// Returns the pages the cover takes: one, unless its fields run longer than a page.
    fn cover(&mut self, book: &Book) -> u32 {
        const FIVE_CM: u32 = 2835;
        const TWO_CM: u32 = 1134;
        let at = |before: u32| {
            Paragraph::new().style(STYLE_CENTERED).line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(LINE as i32)
                    .before(before)
                    .after(0),
            )
        };
        let mut used = 0u32;
        let mut items = Vec::new();
        for (i, line) in book.cover.title.iter().enumerate() {
            let before = if i == 0 { FIVE_CM } else { 0 };
            let look = Look {
                before,
                ..LOOK_CENTERED
            };
            let lines = measure::paragraph_lines(line, &look, 0);
            used += before + lines * LINE;
            items.push(Item::text(lines, LINE, before, 0));
            self.append(runs(at(before), line));
        }
        // Labels may arrive with their colon (申請單位：) or without it. A value too long for
        // its line wraps under itself, past its label, as in the PDF.
        let fields: Vec<(String, i32)> = book
            .cover
            .fields
            .iter()
            .map(|(label, value)| {
                let sep = if label.ends_with('：') || label.ends_with(':') {
                    ""
                } else {
                    "："
                };
                let hang = (measure::width(&format!("{label}{sep}")) * f64::from(EM)).round();
                (format!("{label}{sep}{value}"), hang as i32)
            })
            .collect();
        let widest = fields
            .iter()
            .map(|(f, _)| measure::width(f))
            .fold(0.0, f64::max);
        let block = ((widest * f64::from(EM)).ceil() as u32).min(TEXT_WIDTH);
        let left = ((TEXT_WIDTH - block) / 2) as i32;
        for (i, (field, hang)) in fields.iter().enumerate() {
            let before = if i == 0 { FIVE_CM } else { 0 };
            let hang = (*hang).min(TEXT_WIDTH as i32 / 2);
            let look = Look {
                before,
                left: left + hang,
                first: -hang,
                ..LOOK_CENTERED
            };
            let lines = measure::paragraph_lines(field, &look, 0);
            used += before + lines * LINE;
            items.push(Item::text(lines, LINE, before, 0));
            let p = indented(at(before).align(AlignmentType::Left), &look, 0);
            self.append(runs(p, field));
        }
        let before = TEXT_HEIGHT.saturating_sub(used + LINE + TWO_CM);
        self.append(runs(at(before), &book.cover.date_line));
        let mut date = Item::text(1, LINE, before, 0);
        date.anchor = Some(0);
        items.push(date);
        pages::paginate(&items, 1)
            .first()
            .map_or(1, |&(_, page)| page)
    }

    fn section(&mut self, s: &Section) -> Result<(), DocxError> {
        let index = self.next_section;
        self.next_section += 1;
        let level = s.level.clamp(1, 5);
        let name = bookmark_name(index);
        let id = index + 1;
        let (mut p, title) = match self.plan.get(index).cloned().unwrap_or(HeadingNumber::None) {
            HeadingNumber::List => (
                Paragraph::new().style(&heading_style(level)).numbering(
                    NumberingId::new(numbering::NUM_ID),
                    IndentLevel::new(usize::from(level - 1)),
                ),
                s.title.clone(),
            ),
            HeadingNumber::Literal(number) => (
                // numId 0 switches the style's list off for this heading only.
                Paragraph::new()
                    .style(&heading_style(level))
                    .numbering(NumberingId::new(0), IndentLevel::new(0)),
                format!("{number}{}", s.title),
            ),
            HeadingNumber::None => (
                Paragraph::new()
                    .style(STYLE_UNNUMBERED_HEADING)
                    .outline_lvl(usize::from(level - 1)),
                s.title.clone(),
            ),
        };
        if s.page_break {
            p = p.page_break_before(true);
        }
        if self.form && level == 1 {
            p = p.align(AlignmentType::Center);
        }
        // The outline's steps (docs/typography.md, as the PDF's template): a heading one
        // character in for each level below 一、, what it holds one character further in. An
        // attachment's heading is a label over its pages, and a form has no outline.
        let (heading_in, content_in) = if self.form || is_embed(s) {
            (0, 0)
        } else {
            (level_indent(level, 2), level_indent(level, 1))
        };
        // The wrapped lines hang past this heading's own number, under its text: the style's
        // and the list level's hang is their level's first number's, and 「（十一）」 is wider.
        // Both the edge and the hang are stated, since a direct indent replaces the list's.
        let look = heading_look(hang_twips(s.hang()));
        let p = indented(p, &look, heading_in);
        let p = runs(p.add_bookmark_start(id, &name), &title).add_bookmark_end(id);
        let mut item = measure::item(&s.heading(), &look, heading_in);
        item.anchor = Some(index);
        let outer = std::mem::replace(&mut self.indent, 0);
        self.push(p, item);

        self.indent = content_in;
        for (i, block) in s.blocks.iter().enumerate() {
            // An image directly under a heading that opened a page shares that page.
            let fresh_page = i == 0 && s.page_break;
            self.block(block, fresh_page, is_caption(&s.blocks, i), &s.heading())?;
        }
        self.indent = outer;
        for c in &s.children {
            self.section(c)?;
        }
        Ok(())
    }

    /// Adds one block; a `caption` stays on the page of the table under it.
    fn block(
        &mut self,
        block: &Block,
        fresh_page: bool,
        caption: bool,
        section: &str,
    ) -> Result<(), DocxError> {
        match block {
            Block::Paragraph { text } => {
                self.text(Paragraph::new().style(STYLE_BODY), &LOOK_BODY, text)
            }
            Block::Line { text } if caption => self.text(
                Paragraph::new().style(STYLE_NORMAL).keep_next(true),
                &LOOK_NORMAL.kept(),
                text,
            ),
            Block::Line { text } => match crate::book::numbering::item_number(text) {
                Some(number) => self.item(number, text),
                None => self.text(Paragraph::new().style(STYLE_NORMAL), &LOOK_NORMAL, text),
            },
            Block::Check {
                checked,
                text,
                details,
            } => {
                let mark = if *checked { "☑" } else { "☐" };
                self.text(
                    Paragraph::new().style(STYLE_CHECK),
                    &LOOK_CHECK,
                    &format!("{mark} {text}"),
                );
                // The details stand under the answer, indented by the width of its box and
                // space; nested answers step in again.
                self.indent += DETAIL_INDENT;
                for (i, d) in details.iter().enumerate() {
                    self.block(d, false, is_caption(details, i), section)?;
                }
                self.indent -= DETAIL_INDENT;
            }
            // Word refuses a table without rows; an empty table prints nothing anyway.
            Block::Table(t) if t.rows.is_empty() => {}
            Block::Table(t) => {
                // Under an answer the table stands in with the answer's details, as in the PDF.
                let indent = u32::try_from(self.indent).unwrap_or(0);
                let (t, rows) = table::table(t, section, indent)?;
                self.push_table(t, rows);
            }
            Block::Testimonial {
                author,
                title,
                text,
            } => self.testimonial(author, title.as_deref(), text),
            Block::OrgChart(c) => {
                let indent = u32::try_from(self.indent).unwrap_or(0);
                let (t, rows) = chart::chart(c, indent);
                if !c.title.is_empty() {
                    let look = LOOK_NORMAL.kept();
                    self.text(
                        Paragraph::new().style(STYLE_NORMAL).keep_next(true),
                        &look,
                        &c.title,
                    );
                }
                // Half a line above the chart, as in the PDF, kept with it.
                let mut item = Item::text(1, PARA_GAP, 0, 0);
                item.keep_next = true;
                self.push(gap_paragraph().keep_next(true), item);
                self.push_table(t, rows);
            }
            Block::SealBoxes { captions } => {
                let rows = table::seal_box_items(captions);
                self.push_table(table::seal_boxes(captions), rows)
            }
            Block::Embed {
                file,
                kind,
                pixels,
                dpi,
                ..
            } => match kind {
                EmbedKind::Pdf => {
                    // Made ahead (see `write_docx_with`); a file placed twice is made again.
                    let pages = self
                        .pdf_pictures
                        .remove(file)
                        .unwrap_or_else(|| pdf_pictures(file))
                        .map_err(|reason| DocxError::Attachment {
                            file: file.to_path_buf(),
                            reason,
                        })?;
                    // Each page of the attachment on a page of its own, the first under the
                    // heading that opened it; what follows starts a new page.
                    for (i, page) in pages.into_iter().enumerate() {
                        let under_heading = i == 0 && fresh_page;
                        let (pic, height) = self.page_picture(page, under_heading);
                        self.picture_paragraph(pic, height, !under_heading);
                    }
                    self.break_pending = true;
                }
                EmbedKind::Png | EmbedKind::Jpeg => {
                    let (pic, height) = self.picture(file, *pixels, dpi.unwrap_or(DEFAULT_DPI))?;
                    self.picture_paragraph(pic, height, !fresh_page);
                    self.break_pending = true;
                }
            },
        }
        Ok(())
    }

    /// A testimonial as the PDF sets it: its title in 「」, the text indented by one em, and
    /// the author's line at the end of the last paragraph, flush right, so a page can never
    /// break between the text and its signature.
    fn testimonial(&mut self, author: &str, title: Option<&str>, text: &str) {
        let title = title.filter(|t| !t.trim().is_empty());
        if let Some(t) = title {
            self.text(
                Paragraph::new().style(STYLE_TESTIMONIAL_TITLE),
                &LOOK_TESTIMONIAL_TITLE,
                &format!("「{t}」"),
            );
        }
        let parts: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).collect();
        let n = parts.len();
        for (i, para) in parts.iter().enumerate() {
            let mut look = LOOK_TESTIMONIAL;
            if i == 0 && title.is_none() {
                look.before = TESTIMONIAL_GAP;
            }
            let last = i + 1 == n;
            let mut p = Paragraph::new()
                .style(STYLE_TESTIMONIAL)
                .line_spacing(styles::spacing(&look));
            let mut item = measure::item(para, &look, self.indent);
            p = runs(self.moved_in(p, &look), para);
            if last {
                // The signature on a line of its own at the right edge: a right tab stop at the
                // text's right edge (tab stops count from the margin).
                p = p
                    .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH as usize))
                    .add_run(
                        Run::new()
                            .add_break(BreakType::TextWrapping)
                            .add_tab()
                            .add_text(format!("── {}", text::clean(author))),
                    );
                if let pages::Kind::Text { lines, .. } = &mut item.kind {
                    *lines += 1;
                }
            }
            self.push(p, item);
        }
    }

    /// A paragraph that holds one picture `height` twips tall, on a new page unless it shares
    /// the page of the heading above it.
    fn picture_paragraph(&mut self, pic: Pic, height: u32, new_page: bool) {
        let mut p = Paragraph::new()
            .style(STYLE_CENTERED)
            .line_spacing(styles::picture_spacing())
            .add_run(Run::new().add_image(pic));
        if new_page {
            p = p.page_break_before(true);
        }
        self.push(p, Item::block(height));
    }

    /// An image at its stated resolution, scaled down to fit the text block below a heading.
    /// `pixels` is the size the rules decoded; a book built without them has the size read
    /// from the file's header here.
    fn picture(
        &mut self,
        file: &Path,
        pixels: Option<(u32, u32)>,
        dpi: u32,
    ) -> Result<(Pic, u32), DocxError> {
        let bad = |zh: String, en: String| DocxError::Attachment {
            file: file.to_path_buf(),
            reason: Text::new(zh, en),
        };
        let meta = std::fs::metadata(file)
            .map_err(|e| bad(format!("無法讀取（{e}）"), format!("cannot read it ({e})")))?;
        if meta.len() > MAX_IMAGE_BYTES {
            return Err(bad(
                format!("檔案大於 {} MB", MAX_IMAGE_BYTES >> 20),
                format!("the file is larger than {} MB", MAX_IMAGE_BYTES >> 20),
            ));
        }
        let bytes = std::fs::read(file)
            .map_err(|e| bad(format!("無法讀取（{e}）"), format!("cannot read it ({e})")))?;
        // The bytes decide the format, not the file name.
        let jpeg = if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
            false
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            true
        } else {
            return Err(bad(
                "不是 PNG 或 JPEG 圖片".into(),
                "it is not a PNG or JPEG image".into(),
            ));
        };
        let (w, h) = pixels
            .or_else(|| {
                image::ImageReader::new(std::io::Cursor::new(&bytes))
                    .with_guessed_format()
                    .ok()
                    .and_then(|r| r.into_dimensions().ok())
            })
            .filter(|(w, h)| *w > 0 && *h > 0)
            .ok_or_else(|| {
                bad(
                    "圖片已損壞，無法讀出尺寸".into(),
                    "the image is damaged: no size can be read".into(),
                )
            })?;
        // u128: a hostile header can claim 4 billion pixels a side.
        let max_w = u128::from(TEXT_WIDTH) * u128::from(EMU_PER_TWIP);
        // Leave three lines for the heading above the image.
        let max_h = u128::from(TEXT_HEIGHT - 3 * 2 * EM) * u128::from(EMU_PER_TWIP);
        let emu_per_px = u128::from(EMU_PER_INCH) / u128::from(dpi.max(1));
        let (mut ew, mut eh) = (u128::from(w) * emu_per_px, u128::from(h) * emu_per_px);
        if ew > max_w {
            eh = eh * max_w / ew;
            ew = max_w;
        }
        if eh > max_h {
            ew = ew * max_h / eh;
            eh = max_h;
        }
        Ok((
            self.new_picture(bytes, (ew, eh), jpeg),
            (eh / u128::from(EMU_PER_TWIP)) as u32,
        ))
    }

    /// The next picture of the document, `size` in EMU, with its relationship id.
    fn new_picture(&mut self, bytes: Vec<u8>, (ew, eh): (u128, u128), jpeg: bool) -> Pic {
        self.pictures += 1;
        let id = format!("rIdImage{}", self.pictures);
        if jpeg {
            self.jpeg_pictures.push(id.clone());
        }
        // The pixel size given here is only a default that `size` replaces; docx-rs multiplies
        // it in u32, which a hostile header could overflow.
        Pic::new_with_dimensions(bytes, 1, 1)
            .id(id)
            .size(ew.max(1) as u32, eh.max(1) as u32)
    }

    /// A page of a PDF attachment, as large as the text area allows (less three lines for the
    /// heading on the attachment's first page), its proportions kept.
    fn page_picture(&mut self, page: pdf_pages::PagePicture, under_heading: bool) -> (Pic, u32) {
        let max_w = u128::from(TEXT_WIDTH) * u128::from(EMU_PER_TWIP);
        // One line less than the text height: the picture's paragraph needs its line.
        let lines = if under_heading { 4 } else { 1 };
        let max_h = u128::from(TEXT_HEIGHT - lines * 2 * EM) * u128::from(EMU_PER_TWIP);
        let (w, h) = (
            u128::from(page.width.max(1)),
            u128::from(page.height.max(1)),
        );
        let (ew, eh) = if w * max_h > h * max_w {
            (max_w, h * max_w / w)
        } else {
            (w * max_h / h, max_h)
        };
        (
            self.new_picture(page.png, (ew, eh), false),
            (eh / u128::from(EMU_PER_TWIP)) as u32,
        )
    }

    fn finish(self, book: &Book) -> Result<Vec<u8>, DocxError> {
        let mut packed = std::io::Cursor::new(Vec::new());
        self.docx
            .pack(&mut packed)
            .map_err(|e| DocxError::Package(e.to_string()))?;
        let made = super::made_at(book, super::source_date_epoch());
        package::finish(&packed.into_inner(), &book.meta, made, &self.jpeg_pictures)
    }
}

/// The DOCX [`super::Writer`].
#[derive(Clone, Debug, Default)]
pub struct DocxWriter {
    pub options: DocxOptions,
}

impl super::Writer for DocxWriter {
    fn format(&self) -> super::Format {
        super::Format::Docx
    }

    fn write(&self, book: &Book) -> Result<Vec<u8>, super::WriteError> {
        write_docx_with(book, &self.options).map_err(|e| super::WriteError {
            format: super::Format::Docx,
            message: e.message(),
        })
    }
}
