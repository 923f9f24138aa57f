//! The application book as content, independent of any programme and of any output format.
//! Programmes build a [`Book`]; the PDF and DOCX writers both consume it, so the two outputs
//! cannot drift apart (same sections, same order, same numbers, same text).
//!
//! Headings carry their printed number (壹、 一、 （一） 1、 （1）) as computed by
//! [`numbering`]; a writer with its own numbering engine (Word's multi-level lists) uses the
//! level and must arrive at the same text.

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

    /// This section and all below it, depth first, in reading order.
    pub fn walk(&self) -> Vec<&Section> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

impl Book {
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
    /// ☑ or ☐ followed by text: one answer of a 是/否 question.
    Check {
        checked: bool,
        text: String,
    },
    Table(Table),
    /// One employee testimonial.
    Testimonial {
        author: String,
        title: Option<String>,
        text: String,
    },
    /// Empty boxes for seals, side by side, each with its caption.
    SealBoxes {
        captions: Vec<String>,
    },
    /// A file placed in the book: a PDF's pages, or an image on its own page.
    Embed {
        file: PathBuf,
        kind: EmbedKind,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmbedKind {
    Pdf,
    Png,
    Jpeg,
}

#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// Relative column widths.
    pub columns: Vec<f32>,
    pub rows: Vec<Vec<Cell>>,
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
