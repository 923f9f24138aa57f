//! The application book as content, independent of any programme and of any output format.
//! Programmes build a [`Book`]; the PDF and DOCX writers both consume it, so the two outputs
//! cannot drift apart (same sections, same order, same numbers, same text).
//!
//! Headings carry their printed number (壹、 一、 （一） 1、 （1）) as computed by
//! [`numbering`]; a writer with its own numbering engine (Word's multi-level lists) uses the
//! level and must arrive at the same text.

pub mod chart;
pub mod numbering;
pub mod parts;
pub mod template;

use serde::Serialize;
use std::path::PathBuf;

#[derive(Clone, Debug, Serialize)]
pub struct Book {
    pub meta: Meta,
    pub cover: Cover,
    /// Title of the table of contents page, e.g. 目次.
    pub toc_title: String,
    /// Top-level sections in book order; attachments are sections too (see [`Block::Embed`]).
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Meta {
    /// Document title (PDF /Title, DOCX dc:title).
    pub title: String,
    /// Document author: the applying unit (PDF /Author, DOCX dc:creator).
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Date printed in metadata, as the application date; None leaves it out.
    pub date: Option<crate::model::Date>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Cover {
    /// Title lines, e.g. ["中央政府推動建立員工學習制度獎勵", "申請書"].
    pub title: Vec<String>,
    /// Label and value lines: 申請單位：…, 主管機關：….
    pub fields: Vec<(String, String)>,
    /// 中華民國 114 年 6 月
    pub date_line: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// 1 = 壹、 2 = 一、 3 = （一） 4 = 1、 5 = （1）
    pub level: u8,
    /// The printed number with its punctuation (「壹、」); None for unnumbered headings such
    /// as 附件1, whose label is part of the title.
    pub number: Option<String>,
    pub title: String,
    /// Listed in the table of contents (and as a PDF bookmark).
    pub toc: bool,
    /// Starts on a new page.
    pub page_break: bool,
    pub blocks: Vec<Block>,
    pub children: Vec<Section>,
}

impl Section {
    /// Heading text as printed: number and title.
    pub fn heading(&self) -> String {
        match &self.number {
            Some(n) => format!("{n}{}", self.title),
            None => self.title.clone(),
        }
    }

    /// What the heading's wrapped lines hang past, so that they start under its text: its
    /// number (「（一）」), or an attachment's label (「附件1　」, which the edition's
    /// `attachment_heading` writes in place of a number). None for a heading with neither.
    pub fn label(&self) -> Option<&str> {
        if let Some(n) = &self.number {
            return Some(n);
        }
        let rest = self.title.strip_prefix("附件")?;
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = &rest[digits..];
        (digits > 0 && after.starts_with('　'))
            .then(|| &self.title[..self.title.len() - after.len() + '　'.len_utf8()])
    }

    /// How far the heading's wrapped lines (and its 目次 entry's) stand in from its first line,
    /// in em: the width of its [`Section::label`] in the Kai face, so that they start under the
    /// first character of the text after it (docs/typography.md). Where a Chinese character
    /// meets a Latin letter or digit (「件1」) Typst sets a quarter em between them, and Word
    /// and LibreOffice about as much (their autospace), so the label is that much wider.
    pub fn hang(&self) -> f64 {
        self.label().map_or(0.0, |label| {
            let chars: Vec<char> = label.chars().collect();
            let seams = chars
                .windows(2)
                .filter(|p| {
                    let han =
                        |c: char| crate::text::wordcount::is_east_asian(c) && c.is_alphabetic();
                    (han(p[0]) && p[1].is_ascii_alphanumeric())
                        || (p[0].is_ascii_alphanumeric() && han(p[1]))
                })
                .count();
            crate::text::kai::width(label) + 0.25 * seams as f64
        })
    }

    /// An unnumbered heading that is not in the 目次 (a form's title, a part of a letter), with
    /// its blocks.
    pub fn plain(level: u8, title: String, blocks: Vec<Block>) -> Section {
        Section {
            level,
            number: None,
            title,
            toc: false,
            page_break: false,
            blocks,
            children: Vec::new(),
        }
    }

    /// This section and all below it, depth first, in reading order.
    pub fn walk(&self) -> Vec<&Section> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

/// Removes a space that stands between two East Asian characters. YAML's folded scalars
/// (`>`) join lines with a space, which Chinese text never has: 「目標。 近年」 → 「目標。近年」.
/// Spaces next to Latin words and numbers are kept.
pub fn tidy_cjk_spaces(text: &str) -> String {
    use crate::text::wordcount::is_east_asian;
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_cjk = c == ' '
            && i > 0
            && is_east_asian(chars[i - 1])
            && chars.get(i + 1).is_some_and(|&n| is_east_asian(n));
        if !between_cjk {
            out.push(c);
        }
    }
    out
}

/// What the book does to every text the programmes give it: [`tidy_cjk_spaces`], then the
/// places where a web address too long for a line may break
/// ([`crate::text::addresses::breakable`]), and those of any other run of Latin text with no
/// space too wide for a line ([`crate::text::words::breakable`]).
pub fn tidy_text(text: &str) -> String {
    let text = tidy_cjk_spaces(text);
    let text = crate::text::addresses::breakable(&text);
    crate::text::words::breakable(&text).into_owned()
}

impl Block {
    /// This block and the blocks nested in it (an answer's details), in reading order.
    pub fn walk(&self) -> Vec<&Block> {
        let mut out = vec![self];
        if let Block::Check { details, .. } = self {
            for d in details {
                out.extend(d.walk());
            }
        }
        out
    }
}

impl Book {
    /// A form rather than a book (a 一覽表, a score sheet, a letter): no cover and no 目次, just
    /// its sections, the first on the first page. Writers tell one by [`Book::is_form`].
    pub fn form(title: String, author: String, sections: Vec<Section>) -> Book {
        Book {
            meta: Meta {
                title,
                author,
                subject: String::new(),
                keywords: Vec::new(),
                date: None,
            },
            cover: Cover {
                title: Vec::new(),
                fields: Vec::new(),
                date_line: String::new(),
            },
            toc_title: String::new(),
            sections,
        }
        .tidied()
    }

    /// True for a [`Book::form`]: nothing to put on a cover, no 目次.
    pub fn is_form(&self) -> bool {
        self.cover.title.is_empty() && self.toc_title.is_empty()
    }

    /// The book with [`tidy_text`] applied to every text; programmes hand this to the
    /// writers.
    pub fn tidied(mut self) -> Self {
        self.tidy();
        self
    }

    /// Applies [`tidy_text`] to every text of the book.
    pub fn tidy(&mut self) {
        fn block(b: &mut Block) {
            match b {
                Block::Paragraph { text } | Block::Line { text } => *text = tidy_text(text),
                Block::Check { text, details, .. } => {
                    *text = tidy_text(text);
                    details.iter_mut().for_each(block);
                }
                Block::Testimonial { title, text, .. } => {
                    *text = tidy_text(text);
                    if let Some(t) = title {
                        *t = tidy_text(t);
                    }
                }
                Block::Table(t) => {
                    for cell in t.rows.iter_mut().flatten() {
                        for l in &mut cell.lines {
                            *l = tidy_text(l);
                        }
                    }
                }
                Block::OrgChart(c) => {
                    fn unit(u: &mut chart::ChartUnit) {
                        u.name = tidy_text(&u.name);
                        for l in &mut u.lines {
                            *l = tidy_text(l);
                        }
                        u.children.iter_mut().for_each(unit);
                    }
                    c.title = tidy_text(&c.title);
                    c.units.iter_mut().for_each(unit);
                }
                Block::SealBoxes { .. } | Block::Embed { .. } => {}
            }
        }
        fn section(s: &mut Section) {
            s.title = tidy_text(&s.title);
            s.blocks.iter_mut().for_each(block);
            s.children.iter_mut().for_each(section);
        }
        self.sections.iter_mut().for_each(section);
    }

    /// Every section, depth first, in reading order.
    pub fn all_sections(&self) -> Vec<&Section> {
        self.sections.iter().flat_map(|s| s.walk()).collect()
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A body paragraph, first line indented.
    Paragraph {
        text: String,
    },
    /// A line that is not indented (a label: value line, a formula).
    Line {
        text: String,
    },
    /// ☑ or ☐ followed by text: one answer of a 是/否 question. The details of the answer
    /// (figures, a description, sub-questions) are set indented under it, so the 否 that
    /// follows stands apart from them, as on the form.
    Check {
        checked: bool,
        text: String,
        details: Vec<Block>,
    },
    Table(Table),
    /// One employee testimonial.
    Testimonial {
        author: String,
        title: Option<String>,
        text: String,
    },
    /// An organisation chart: boxes joined by lines, laid out by [`chart`] for both writers.
    OrgChart(chart::OrgChart),
    /// Empty boxes for seals, side by side, each with its caption.
    SealBoxes {
        captions: Vec<String>,
    },
    /// A file placed in the book: a PDF's pages, or an image on its own page.
    Embed {
        file: PathBuf,
        kind: EmbedKind,
        /// A PDF's page count, as read when the application was checked.
        pages: Option<usize>,
        /// An image's size in pixels and its stated resolution, as decoded then.
        pixels: Option<(u32, u32)>,
        dpi: Option<u32>,
    },
}

/// What an embedded file is, by its content.
pub use crate::attachment::FileKind as EmbedKind;

#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// Relative column widths.
    pub columns: Vec<f32>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The leading rows made only of label cells: the table's heading, which the writers keep
    /// with the row after it (and the PDF repeats on a new page). A table of labels only has
    /// no heading. The Typst template applies the same rule to the same data.
    pub fn heading_rows(&self) -> usize {
        let n = self
            .rows
            .iter()
            .take_while(|r| !r.is_empty() && r.iter().all(|c| c.label))
            .count();
        if n == self.rows.len() {
            0
        } else {
            n
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// Lines of text in the cell.
    pub lines: Vec<String>,
    pub colspan: u16,
    pub rowspan: u16,
    /// A label cell of the form (shaded lightly in both writers).
    pub label: bool,
    /// Minimum height in points (seal boxes are tall and empty).
    pub min_height: Option<f32>,
}

impl Cell {
    pub fn label(text: impl Into<String>) -> Cell {
        Cell {
            lines: vec![text.into()],
            colspan: 1,
            rowspan: 1,
            label: true,
            min_height: None,
        }
    }

    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            lines: vec![text.into()],
            colspan: 1,
            rowspan: 1,
            label: false,
            min_height: None,
        }
    }

    pub fn lines(lines: Vec<String>) -> Cell {
        Cell {
            lines,
            colspan: 1,
            rowspan: 1,
            label: false,
            min_height: None,
        }
    }

    pub fn span(mut self, colspan: u16, rowspan: u16) -> Cell {
        self.colspan = colspan;
        self.rowspan = rowspan;
        self
    }

    pub fn height(mut self, points: f32) -> Cell {
        self.min_height = Some(points);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{tidy_cjk_spaces, Section};

    #[test]
    fn a_heading_hangs_past_its_number_or_its_attachment_label() {
        let numbered = |n: &str| Section {
            number: Some(n.to_string()),
            ..Section::plain(3, "標題".to_string(), Vec::new())
        };
        assert_eq!(numbered("壹、").hang(), 2.0);
        assert_eq!(numbered("（一）").hang(), 3.0);
        assert_eq!(numbered("（十一）").hang(), 4.0);
        assert_eq!(numbered("1、").hang(), 1.5);
        assert_eq!(numbered("（1）").hang(), 2.5);
        let plain = |t: &str| Section::plain(2, t.to_string(), Vec::new());
        assert_eq!(plain("附件12　計畫書").label(), Some("附件12　"));
        assert_eq!(plain("附件12　計畫書").hang(), 4.25);
        assert_eq!(plain("附件（證明文件）").label(), None);
        assert_eq!(plain("附件").hang(), 0.0);
    }

    #[test]
    fn folded_lines_join_without_a_space_between_chinese_characters() {
        assert_eq!(tidy_cjk_spaces("提升競爭力。 近年來"), "提升競爭力。近年來");
        assert_eq!(tidy_cjk_spaces("導入 TTQS 制度"), "導入 TTQS 制度");
        assert_eq!(tidy_cjk_spaces("共 120 人"), "共 120 人");
        assert_eq!(tidy_cjk_spaces("a b"), "a b");
        assert_eq!(tidy_cjk_spaces(" 前後 "), " 前後 ");
    }
}
