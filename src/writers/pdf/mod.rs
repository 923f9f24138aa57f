//! The PDF book, typeset by Typst used as a library. The book reaches Typst as data: it is
//! serialized to a virtual `/data.json` that `templates/typst/book.typ` reads with `json()`,
//! so an applicant's text is only ever shown as text, never evaluated as markup.

pub mod fonts;
pub mod world;

use crate::book::{Book, Section};
use crate::diagnostics::Text;
use fonts::{FontOptions, FontSet};
use serde_json::{json, Value};
use typst::foundations::{Bytes, Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};
use world::BookWorld;

/// Renders books; holds the fonts and Typst's library, so a batch loads them once.
pub struct Renderer {
    fonts: FontSet,
    library: typst::utils::LazyHash<typst::Library>,
}

impl Renderer {
    pub fn new(opts: &FontOptions) -> Result<Renderer, Text> {
        Ok(Renderer {
            fonts: FontSet::load(opts)?,
            library: world::library(),
        })
    }

    /// The Kai family the books are set in, as the font names itself.
    pub fn family(&self) -> &str {
        &self.fonts.chosen
    }

    /// True when the family is the real 標楷體 rather than a free substitute.
    pub fn is_biaukai(&self) -> bool {
        self.fonts.is_biaukai
    }

    /// The PDF bytes of one book. The same book and fonts give the same bytes: the creation
    /// date is SOURCE_DATE_EPOCH when set, else the application date, never the clock.
    pub fn render(&self, book: &Book) -> Result<Vec<u8>, Text> {
        self.render_at(book, source_date_epoch())
    }

    /// As [`Renderer::render`], with the creation time given: seconds since 1970 UTC, or None
    /// for the application date.
    pub fn render_at(&self, book: &Book, epoch: Option<i64>) -> Result<Vec<u8>, Text> {
        let (document, names) = self.compile_named(book, epoch)?;
        let stamp = timestamp(book, epoch);
        let options = PdfOptions {
            ident: Smart::Custom(format!("appbook:{}:{}", book.meta.author, book.meta.title)),
            creator: Smart::Custom(Some(format!("appbook {}", env!("CARGO_PKG_VERSION")))),
            timestamp: stamp.map(|(_, t)| t),
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|errors| typst_error(&errors, &names))
    }

    /// The laid-out pages of one book, before they become a PDF (the editor's preview draws
    /// them). Typst keeps what it computed for the last compilations, so compiling a book
    /// that changed in one field redoes little.
    pub fn compile(&self, book: &Book, epoch: Option<i64>) -> Result<PagedDocument, Text> {
        self.compile_named(book, epoch)
            .map(|(document, _)| document)
    }

    /// The Typst project of one book as virtual paths and bytes: `/main.typ` (the template),
    /// `/data.json` (the book and the font families) and the attachments under `/files/`.
    /// Compiling these with Typst alone, with the same fonts, gives the book's pages; `make
    /// bench` does so to time Typst on exactly appbook's content (examples/typst_project.rs).
    pub fn project(&self, book: &Book) -> Result<Vec<(String, Vec<u8>)>, Text> {
        let (files, _) = self.files(book)?;
        let mut out = vec![("/main.typ".to_string(), world::TEMPLATE.as_bytes().to_vec())];
        out.extend(files.into_iter().map(|(p, b)| (p, b.to_vec())));
        Ok(out)
    }

    /// The files of the book's World: `/data.json` and the attachments, with the attachments'
    /// virtual names paired with their paths, for messages.
    #[allow(clippy::type_complexity)]
    fn files(&self, book: &Book) -> Result<(Vec<(String, Bytes)>, Vec<(String, String)>), Text> {
        let mut data = serde_json::to_value(book).map_err(|e| {
            Text::new(
                format!("無法整理申請書內容：{e}"),
                format!("cannot serialize the book: {e}"),
            )
        })?;
        if let Some(sections) = data.get_mut("sections") {
            add_hangs(&book.sections, sections);
        }
        let mut files = Vec::new();
        let mut names = Vec::new();
        if let Some(sections) = data.get_mut("sections") {
            place_files(sections, &mut files, &mut names)?;
        }
        let doc = json!({
            "book": data,
            "settings": { "fonts": self.fonts.families },
        });
        let json = serde_json::to_vec(&doc).map_err(|e| {
            Text::new(
                format!("無法整理申請書內容：{e}"),
                format!("cannot serialize the book: {e}"),
            )
        })?;
        files.push(("/data.json".to_string(), Bytes::new(json)));
        Ok((files, names))
    }

    /// [`Renderer::compile`], with the attachments' virtual names and paths for messages.
    #[allow(clippy::type_complexity)]
    fn compile_named(
        &self,
        book: &Book,
        epoch: Option<i64>,
    ) -> Result<(PagedDocument, Vec<(String, String)>), Text> {
        let (files, names) = self.files(book)?;
        let stamp = timestamp(book, epoch);
        let world = BookWorld::new(&self.fonts, &self.library, files, stamp.map(|(d, _)| d));
        let compiled = typst::compile::<PagedDocument>(&world).output;
        // Typst memoizes across compilations; without eviction a batch keeps every book's
        // intermediate results alive.
        typst::comemo::evict(2);
        match compiled {
            Ok(document) => Ok((document, names)),
            Err(errors) => Err(typst_error(&errors, &names)),
        }
    }
}

/// Typst's errors, with the virtual name of an attachment (`files/3.pdf`) replaced by its
/// path, so a user learns which attachment could not be placed.
fn typst_error(errors: &[typst::diag::SourceDiagnostic], names: &[(String, String)]) -> Text {
    let mut msg = errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    // Longest first: files/1.pdf is part of files/12.pdf.
    let mut names: Vec<&(String, String)> = names.iter().collect();
    names.sort_by_key(|(virtual_path, _)| std::cmp::Reverse(virtual_path.len()));
    for (virtual_path, path) in names {
        msg = msg.replace(virtual_path.trim_start_matches('/'), path);
    }
    Text::new(
        format!("排版失敗：{msg}"),
        format!("typesetting failed: {msg}"),
    )
}

/// Most pixels an image may have. Typst decodes an image whole, up to 8 bytes a pixel, before
/// placing it, so a header claiming 100,000 × 100,000 pixels would exhaust the memory (the
/// allocation aborts the process); an A4 page scanned at 600 dpi has 35 million.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// Refuses an image whose header gives more than [`MAX_IMAGE_PIXELS`], before Typst decodes it,
/// and one that does not decode, so the message names the attachment (Typst's would not).
fn decodable_image(path: &str, bytes: &[u8]) -> Result<(), Text> {
    let size = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok());
    match size {
        Some((w, h)) if u64::from(w) * u64::from(h) <= MAX_IMAGE_PIXELS => {
            image::load_from_memory(bytes).map(drop).map_err(|e| {
                Text::new(
                    format!("附件「{path}」的圖片已損壞（{e}）"),
                    format!("the attachment `{path}` is a damaged image ({e})"),
                )
            })
        }
        Some((w, h)) => Err(Text::new(
            format!(
                "附件「{path}」是 {w} × {h} 像素的圖片，超過 {} 萬像素上限；請縮小後再附上",
                MAX_IMAGE_PIXELS / 10_000
            ),
            format!(
                "the attachment `{path}` is an image of {w} × {h} pixels, more than the limit of {} million; scale it down",
                MAX_IMAGE_PIXELS / 1_000_000
            ),
        )),
        None => Err(Text::new(
            format!("附件「{path}」的圖片已損壞，無法讀出尺寸"),
            format!("the attachment `{path}` is a damaged image: no size can be read"),
        )),
    }
}

/// Replaces each embedded file's disk path by a virtual path and loads its bytes into `files`;
/// `names` pairs each virtual path with the disk path, for messages.
/// A PDF's page count, which the template needs to place every page, is already in the book:
/// the rules read it when they checked the attachment.
/// Gives each section of the serialized book its heading's hang in em ([`Section::hang`]), so
/// that both formats hang by the same width: measured alone in Typst, a number's brackets
/// stand at a line's start and end and come out half wide.
fn add_hangs(sections: &[Section], json: &mut Value) {
    let Value::Array(items) = json else { return };
    for (s, v) in sections.iter().zip(items) {
        if let Value::Object(map) = v {
            map.insert("hang".to_string(), json!(s.hang()));
            if let Some(children) = map.get_mut("children") {
                add_hangs(&s.children, children);
            }
        }
    }
}

fn place_files(
    v: &mut Value,
    files: &mut Vec<(String, Bytes)>,
    names: &mut Vec<(String, String)>,
) -> Result<(), Text> {
    match v {
        Value::Array(items) => {
            for i in items {
                place_files(i, files, names)?;
            }
        }
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("embed") {
                let path = map
                    .get("file")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let kind = map
                    .get("kind")
                    .and_then(Value::as_str)
                    .unwrap_or("pdf")
                    .to_string();
                let bytes = std::fs::read(&path).map_err(|e| {
                    Text::new(
                        format!(
                            "無法讀取附件「{path}」：{}",
                            crate::diagnostics::io_error_zh(&e)
                        ),
                        format!("cannot read the attachment `{path}`: {e}"),
                    )
                })?;
                let ext = match kind.as_str() {
                    "png" => "png",
                    "jpeg" => "jpg",
                    _ => "pdf",
                };
                if ext != "pdf" {
                    decodable_image(&path, &bytes)?;
                }
                let vpath = format!("/files/{}.{ext}", files.len() + 1);
                map.insert("file".into(), json!(vpath));
                names.push((vpath.clone(), path));
                files.push((vpath, Bytes::new(bytes)));
            } else {
                for (_, child) in map.iter_mut() {
                    place_files(child, files, names)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

pub use super::source_date_epoch;

/// The book's date as Typst wants it for the PDF's metadata.
fn timestamp(book: &Book, epoch: Option<i64>) -> Option<(Datetime, Timestamp)> {
    let [y, m, d, hh, mm, ss] = super::made_at(book, epoch)?;
    let dt = Datetime::from_ymd_hms(
        i32::try_from(y).ok()?,
        m as u8,
        d as u8,
        hh as u8,
        mm as u8,
        ss as u8,
    )?;
    Some((dt, Timestamp::new_utc(dt)))
}

impl super::Writer for Renderer {
    fn format(&self) -> super::Format {
        super::Format::Pdf
    }

    fn write(&self, book: &Book) -> Result<Vec<u8>, super::WriteError> {
        self.render(book).map_err(|message| super::WriteError {
            format: super::Format::Pdf,
            message,
        })
    }

    /// SPEC §4.1: the user learns which Kai font the PDF is set in.
    fn note(&self) -> Option<Text> {
        let font = self.family();
        Some(if self.is_biaukai() {
            Text::new(
                format!("字型：{font}（標楷體）"),
                format!("font: {font} (標楷體)"),
            )
        } else {
            Text::new(
                format!("字型：{font}（未安裝標楷體，改用依教育部標準字體的免費楷書字型）"),
                format!("font: {font} (標楷體 is not installed; a free Kai font following the Ministry's standard glyphs is used)"),
            )
        })
    }

    fn warm(&self) {
        self.fonts.warm();
    }
}
