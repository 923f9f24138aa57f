//! One application being edited: its file, the result of its one pass (`application::load`,
//! exactly as `check` runs it), its book and the preview of that book. Every change is written
//! to the file first and then read back through the same pass, so what the page shows is what
//! `check` and `render` would say about the file on disk.

use super::order::KeyOrder;
use super::paths;
use super::preview::Preview;
use super::save;
use crate::application;
use crate::attachment;
use crate::book::Book;
use crate::diagnostics::{Lang, Severity, Text};
use crate::load::MAX_INPUT_BYTES;
use crate::writers::docx::DocxWriter;
use crate::writers::pdf::fonts::FontOptions;
use crate::writers::{Format, Writer};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The folder attachments are copied into.
pub const ATTACHMENTS: &str = "attachments";

/// A file for the page to download: its name, as `render` names it, and its bytes.
pub type Download = (String, Vec<u8>);

/// The largest attachment the page may upload.
pub const MAX_UPLOAD_BYTES: usize = 50 * 1024 * 1024;

pub struct Editor {
    /// The application's folder, canonical: nothing outside it is read or written.
    root: PathBuf,
    file: PathBuf,
    lang: Lang,
    preview: Preview,
    /// Counts the changes, so the page can ask for the pages of the state it shows.
    version: u64,
    book: Option<Book>,
    /// The 送件檢核表 and its file name, for an edition that has one.
    checklist: Option<(Book, String)>,
    /// The programme's schema, kept from the last time the file could be read.
    schema: Value,
    /// The order of the form's keys: the edition's template, then the file.
    order: KeyOrder,
    /// The template the order was learnt from.
    template_learnt: bool,
    state: Value,
}

fn io_text(what: &Path, e: &std::io::Error) -> Text {
    Text::new(
        format!(
            "無法寫入「{}」：{}",
            what.display(),
            crate::diagnostics::io_error_zh(e)
        ),
        format!("cannot write `{}`: {e}", what.display()),
    )
}

impl Editor {
    /// Opens DIR/application.yaml; the fonts are loaded once, here.
    pub fn open(dir: &Path, lang: Lang, fonts: &FontOptions) -> Result<Self, Text> {
        let root = dir.canonicalize().map_err(|e| {
            Text::new(
                format!(
                    "找不到資料夾「{}」：{}",
                    dir.display(),
                    crate::diagnostics::io_error_zh(&e)
                ),
                format!("cannot open the folder `{}`: {e}", dir.display()),
            )
        })?;
        let file = root.join("application.yaml");
        if !file.is_file() {
            return Err(Text::new(
                format!(
                    "「{}」沒有 application.yaml；請先執行 appbook init <計畫> {}",
                    root.display(),
                    dir.display()
                ),
                format!(
                    "`{}` has no application.yaml; run appbook init <programme> {} first",
                    root.display(),
                    dir.display()
                ),
            ));
        }
        let mut editor = Editor {
            root,
            file,
            lang,
            preview: Preview::new(fonts)?,
            version: 0,
            book: None,
            checklist: None,
            schema: Value::Null,
            order: KeyOrder::default(),
            template_learnt: false,
            state: Value::Null,
        };
        editor.refresh();
        Ok(editor)
    }

    pub fn state(&self) -> &Value {
        &self.state
    }

    /// Reads the file through the one pass and lays out its book.
    pub fn refresh(&mut self) {
        self.version += 1;
        let loaded = application::load(&self.file);
        let text = loaded
            .report
            .source(&self.file.display().to_string())
            .map(str::to_string)
            .unwrap_or_default();
        let figures: Vec<Value> = match &loaded.checked {
            Some(c) => {
                self.schema = c.programme.schema();
                if !self.template_learnt {
                    self.order.learn(c.programme.init_template());
                    self.template_learnt = true;
                }
                c.figures()
                    .into_iter()
                    .map(|(path, text)| json!({ "path": path, "text": text }))
                    .collect()
            }
            None => Vec::new(),
        };
        // The book of an application with errors is drawn too: the applicant sees the
        // effect of every field while still filling in the others.
        let book = loaded
            .checked
            .as_ref()
            .and_then(|c| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.book())).ok());
        // Made with the book, from the same pass, so the button gives what `render` of a
        // folder writes beside the book.
        self.checklist = loaded
            .checked
            .as_ref()
            .filter(|c| c.programme.edition.has_checklist())
            .and_then(|c| {
                let list = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::batch::checklist(c)
                }))
                .ok()?;
                let file = c.programme.edition.review_words().t("checklist_file", &[]);
                Some((list, file))
            });
        let mut preview_note = None;
        if let Some(b) = &book {
            if let Err(t) = self.preview.update(b) {
                preview_note = Some(t.get(self.lang).to_string());
            }
        }
        self.book = book;
        self.order.learn(&text);
        let lang = self.lang;
        let diagnostics: Vec<Value> = loaded
            .report
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "code": d.code,
                    "severity": d.severity.as_str(),
                    "message": d.message.get(lang),
                    "hint": d.hint.as_ref().map(|h| h.get(lang)),
                    "line": d.location.line,
                    "column": d.location.column,
                    "path": d.location.path,
                })
            })
            .collect();
        let count = |s: Severity| {
            loaded
                .report
                .diagnostics
                .iter()
                .filter(|d| d.severity == s)
                .count()
        };
        self.state = json!({
            "version": self.version,
            "lang": match lang { Lang::ZhTw => "zh-TW", Lang::En => "en" },
            "folder": self.root.file_name().map(|n| n.to_string_lossy().into_owned()),
            "yaml": text,
            "data": save::parse(&text).ok(),
            "schema": self.schema,
            "order": self.order.to_json(),
            "diagnostics": diagnostics,
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "figures": figures,
            "checklist": self.checklist.is_some(),
            "pages": self.preview.pages(),
            "preview_note": preview_note,
            "files": self.attachment_files(),
        });
    }

    /// The files in attachments/, each with its kind by content.
    fn attachment_files(&self) -> Vec<Value> {
        let dir = self.root.join(ATTACHMENTS);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|n| {
                let kind = attachment::read(&dir.join(&n)).ok().map(|a| a.kind.name());
                json!({ "file": format!("{ATTACHMENTS}/{n}"), "kind": kind })
            })
            .collect()
    }

    fn write(&mut self, text: &str) -> Result<(), Text> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(Text::new(
                format!("內容超過 {MAX_INPUT_BYTES} 位元組的上限，未儲存。"),
                format!(
                    "the text is over the limit of {MAX_INPUT_BYTES} bytes; nothing was saved."
                ),
            ));
        }
        crate::write::atomic(&self.file, text.as_bytes()).map_err(|e| io_text(&self.file, &e))?;
        self.refresh();
        Ok(())
    }

    /// The YAML tab: the whole text, saved as typed.
    pub fn save_yaml(&mut self, text: &str) -> Result<(), Text> {
        self.write(text)
    }

    /// The form: the whole application as JSON, saved as the smallest edit of the file.
    pub fn save_data(&mut self, data: &Value) -> Result<(), Text> {
        let current = std::fs::read_to_string(&self.file).map_err(|e| io_text(&self.file, &e))?;
        let edited = save::apply(&current, data, &self.order)?;
        if edited == current {
            return Ok(());
        }
        self.write(&edited)
    }

    /// Page `n` of the preview as PNG.
    pub fn page(&mut self, n: usize) -> Option<Vec<u8>> {
        self.preview.png(n)
    }

    /// The book as a PDF or DOCX file, made by the same writers as `render`; refused while
    /// the application has errors, as `render` refuses.
    pub fn book_file(&self, format: Format) -> Result<Download, Text> {
        let book = self.without_errors(self.book.as_ref())?;
        let name = crate::render::book_name(&self.file);
        self.written(book, &name, format)
    }

    /// The 送件檢核表 as a PDF or DOCX file, named as `render` of a folder names it; refused
    /// while the application has errors, and for an edition without one.
    pub fn checklist_file(&self, format: Format) -> Result<Download, Text> {
        let Some((list, file)) = self.checklist.as_ref() else {
            return Err(Text::new(
                "這個計畫的書表沒有送件檢核表。",
                "this programme's forms have no 送件檢核表.",
            ));
        };
        let list = self.without_errors(Some(list))?;
        let name = format!("{}-{file}", crate::render::book_name(&self.file));
        self.written(list, &name, format)
    }

    fn without_errors<'a>(&self, book: Option<&'a Book>) -> Result<&'a Book, Text> {
        let errors = self.state["errors"].as_u64().unwrap_or(0);
        book.filter(|_| errors == 0).ok_or_else(|| {
            Text::new(
                "申請資料仍有錯誤，尚不能產生申請書；請先修正左側列出的錯誤。",
                "the application still has errors, so no book can be made yet; fix the errors listed first.",
            )
        })
    }

    /// `book` by the same writers as `render`, with its file name.
    fn written(&self, book: &Book, name: &str, format: Format) -> Result<Download, Text> {
        let bytes = match format {
            Format::Pdf => self.preview.renderer().write(book),
            Format::Docx => DocxWriter::default().write(book),
        }
        .map_err(|e| e.message)?;
        Ok((format!("{name}.{}", format.extension()), bytes))
    }

    /// A file dropped onto the page: copied into attachments/ when its content is PDF, PNG or
    /// JPEG; its path inside the folder.
    pub fn add_attachment(&mut self, name: &str, bytes: &[u8]) -> Result<String, Text> {
        let refused = || {
            Text::new(
                format!("不能以「{name}」為檔名存入 attachments/。"),
                format!("`{name}` cannot be stored in attachments/ under that name."),
            )
        };
        let name = paths::clean_name(name);
        if attachment::sniff(bytes).is_none() {
            return Err(Text::new(
                format!("「{name}」不是 PDF、PNG 或 JPEG 檔（依內容判斷）；Word／Excel 檔請先另存為 PDF。"),
                format!("`{name}` is not a PDF, PNG or JPEG file (by its content); save Word/Excel files as PDF first."),
            ));
        }
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) => (s.to_string(), format!(".{e}")),
            None => (name.clone(), String::new()),
        };
        // A name already taken gets a number: nothing in attachments/ is overwritten.
        let target = (1..1000)
            .map(|i| match i {
                1 => name.clone(),
                _ => format!("{stem}-{i}{ext}"),
            })
            .find_map(|n| paths::new_file(&self.root, ATTACHMENTS, &n).ok())
            .ok_or_else(refused)?;
        crate::write::atomic(&target, bytes).map_err(|e| io_text(&target, &e))?;
        let rel = target
            .strip_prefix(&self.root)
            .map_err(|_| refused())?
            .to_string_lossy()
            .replace('\\', "/");
        self.refresh();
        Ok(rel)
    }

    /// A file inside the folder, for the page to show (an attachment).
    pub fn read_inside(&self, rel: &str) -> Result<Vec<u8>, paths::Outside> {
        let path = paths::existing(&self.root, rel)?;
        std::fs::read(path).map_err(|_| paths::Outside)
    }
}
