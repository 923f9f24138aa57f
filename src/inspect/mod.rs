//! Reads a finished DOCX or PDF (made by appbook or anything else) into one observed-layout
//! model, so the format rules of SPEC §4.1 can judge both kinds of file the same way.
//!
//! Files come from strangers: every reader caps what it reads and decompresses, and a file
//! it cannot make sense of becomes an [`InspectError`] (exit status 2), never a panic.

pub mod docx;
pub mod pdf;

use crate::diagnostics::Text;

/// Where something was seen. PDFs have pages; DOCX files have sections and paragraphs
/// (Word decides the pages only when it lays the file out).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Page(u32),
    Section(u32),
    /// 1-based body paragraph (table cells included, in document order) and the text of
    /// the nearest heading before it, so a reviewer can find it without counting.
    Paragraph {
        index: u32,
        under: Option<String>,
    },
}

impl Place {
    /// The `path` of a diagnostic: short, stable, language-neutral.
    pub fn path(&self) -> String {
        match self {
            Place::Page(n) => format!("page {n}"),
            Place::Section(n) => format!("section {n}"),
            Place::Paragraph { index, under: None } => format!("paragraph {index}"),
            Place::Paragraph {
                index,
                under: Some(h),
            } => format!("paragraph {index} ({h})"),
        }
    }

    /// The same place in a sentence, in both languages.
    pub fn describe(&self) -> Text {
        match self {
            Place::Page(n) => Text::new(format!("第 {n} 頁"), format!("page {n}")),
            Place::Section(n) => Text::new(format!("第 {n} 節"), format!("section {n}")),
            Place::Paragraph { index, under: None } => {
                Text::new(format!("第 {index} 段"), format!("paragraph {index}"))
            }
            Place::Paragraph {
                index,
                under: Some(h),
            } => Text::new(
                format!("第 {index} 段（{h}）"),
                format!("paragraph {index} ({h})"),
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
}

/// One page (PDF) or section (DOCX) and its paper, in points, as it is seen: /Rotate and
/// w:orient already applied, so width > height means landscape.
#[derive(Clone, Debug)]
pub struct PageObs {
    pub place: Place,
    pub size: Option<(f64, f64)>,
}

/// Text drawn in one font at one size at one place. Runs showing only page numbers or
/// white space are left out by the readers.
#[derive(Clone, Debug)]
pub struct RunObs {
    pub place: Place,
    /// The face as the file names it, subset tag removed. `None` when the file names none.
    pub font: Option<String>,
    pub size: f64,
    /// Whether the text holds CJK characters: the face rule judges the font Chinese text is
    /// set in; Latin letters and digits may use a Latin face (標楷體's are poor).
    pub cjk: bool,
    /// Bold or italic: declared (DOCX), or seen in a PDF's face or drawing (a bold or italic
    /// face, outlines filled and stroked, a sheared text matrix). 標楷體 has neither, so Word
    /// fakes them and the page no longer looks Kai.
    pub bold: bool,
    pub italic: bool,
}

/// A paragraph (DOCX) or a printed line (PDF) in reading order, with its numbering label
/// in front when the label comes from automatic numbering.
#[derive(Clone, Debug)]
pub struct LineObs {
    pub place: Place,
    pub text: String,
    /// PDF: the line continues the paragraph of the line above (wrapped there), so a number
    /// it starts with (「2、」 after 「…；」) is the paragraph's text, not a heading.
    pub wrapped: bool,
}

/// Line spacing of a paragraph (DOCX: as declared) or of a page (PDF: as measured between
/// baselines), as a multiple of single spacing.
#[derive(Clone, Debug)]
pub struct SpacingObs {
    pub place: Place,
    pub ratio: f64,
    pub measured: bool,
}

/// A DOCX section's margins in points, as its pgMar declares them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub top: f64,
    pub bottom: f64,
    pub left: f64,
    pub right: f64,
    pub gutter: f64,
}

/// A DOCX section's layout: margins and whether its headers or footers print a page number.
#[derive(Clone, Debug)]
pub struct SectionObs {
    pub place: Place,
    pub margins: Option<Margins>,
    /// w:rtlGutter: the gutter is on the right edge.
    pub rtl_gutter: bool,
    /// One of the headers or footers in force for the section holds a PAGE field.
    pub page_field: bool,
}

/// A PDF page's own text (embedded attachment pages left out), for the page-number and
/// margin rules.
#[derive(Clone, Debug)]
pub struct PageTextObs {
    pub place: Place,
    /// 1-based index of the page in the file.
    pub index: u32,
    /// The page's size as seen (after /Rotate), as in [`PageObs`].
    pub size: Option<(f64, f64)>,
    /// A printed page number: a line of digits alone (or 第 N 頁, - N -) near the top or
    /// bottom edge.
    pub number: Option<u32>,
    /// Lines of body text (page numbers left out).
    pub lines: usize,
    /// Extent of the body text on the page: left, bottom, right, top in points from the
    /// page's lower left corner, with the page number and other furniture left out.
    pub text_box: Option<[f64; 4]>,
    /// Extent of all text, furniture included, for the rule on printable margins.
    pub ink_box: Option<[f64; 4]>,
}

#[derive(Clone, Debug)]
pub struct Observed {
    pub kind: Kind,
    pub pages: Vec<PageObs>,
    pub runs: Vec<RunObs>,
    pub lines: Vec<LineObs>,
    pub spacing: Vec<SpacingObs>,
    /// DOCX only.
    pub sections: Vec<SectionObs>,
    /// DOCX settings: w:mirrorMargins (inside and outside swap on even pages) and
    /// w:gutterAtTop (the gutter is at the top edge).
    pub mirror_margins: bool,
    pub gutter_at_top: bool,
    /// PDF only.
    pub page_texts: Vec<PageTextObs>,
    /// DOCX: a paragraph in a table-of-contents style (TOC1…, TOCHeading) holds text. Such
    /// paragraphs are left out of `lines`, yet a 目次 is what tells a book from a one-page
    /// form whose title happens to name one.
    pub contents: bool,
}

impl Observed {
    pub fn new(kind: Kind) -> Self {
        Observed {
            kind,
            pages: Vec::new(),
            runs: Vec::new(),
            lines: Vec::new(),
            spacing: Vec::new(),
            sections: Vec::new(),
            mirror_margins: false,
            gutter_at_top: false,
            page_texts: Vec::new(),
            contents: false,
        }
    }
}

/// Why a file could not be inspected; `code` is one of the `INPUT-*` codes.
#[derive(Clone, Debug)]
pub struct InspectError {
    pub code: &'static str,
    pub message: Text,
}

impl InspectError {
    pub fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        InspectError {
            code,
            message: Text::new(zh, en),
        }
    }
}

/// Largest DOCX or PDF file read at all. Real books with scanned attachments stay well under.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a whole file, refusing empty and oversized ones before allocating for them.
pub fn read_capped(path: &std::path::Path) -> Result<Vec<u8>, InspectError> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| {
        InspectError::new(
            "INPUT-UNREADABLE",
            format!("無法開啟檔案：{}", crate::diagnostics::io_error_zh(&e)),
            format!("cannot open the file: {e}"),
        )
    })?;
    let mut buf = Vec::new();
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            InspectError::new(
                "INPUT-UNREADABLE",
                format!("無法讀取檔案：{}", crate::diagnostics::io_error_zh(&e)),
                format!("cannot read the file: {e}"),
            )
        })?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(InspectError::new(
            "INPUT-TOO-LARGE",
            format!("檔案超過 {} MB 上限", MAX_FILE_BYTES / 1024 / 1024),
            format!(
                "the file exceeds the {} MB limit",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    if buf.is_empty() {
        return Err(InspectError::new(
            "INPUT-EMPTY",
            "檔案是空的（0 位元組）",
            "the file is empty (0 bytes)",
        ));
    }
    Ok(buf)
}

/// Runs a reader so that a bug in it, or in a library under it, on some odd file becomes an
/// error message instead of a crash.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, InspectError>) -> Result<T, InspectError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(InspectError::new(
            "INPUT-UNREADABLE",
            "檔案結構異常，無法解析",
            "the file's structure is malformed and cannot be parsed",
        )),
    }
}

/// Whether a character is CJK (ideographs, CJK punctuation, full-width forms, bopomofo).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3100..=0x312F | 0x31A0..=0x31BF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Text that is only a page number ("3", "- 3 -", "第 3 頁", "3 / 20") or blank: page
/// furniture, not body text, so it is not held to the body's font rules.
pub fn is_page_furniture(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.is_empty()
        || (t.chars().any(|c| c.is_ascii_digit())
            && t.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, '-' | '–' | '—' | '/' | '第' | '頁' | '共' | '.')
            }))
}
