//! `appbook render`: one pass over an application (load, rules), and only when it has no errors
//! its book and its one-page 送件檢核表, made by every requested [`Writer`] in memory and then
//! written atomically. Nothing is written when anything fails: a rejected application, a font
//! that is missing, a writer's error, or a file that cannot be written (every file is written in
//! full under a temporary name before any is renamed into place, so the folder keeps its old
//! books).

use crate::application;
use crate::book::Book;
use crate::diagnostics::{Report, Text};
use crate::writers::docx::DocxWriter;
use crate::writers::pdf::fonts::FontOptions;
use crate::writers::pdf::Renderer;
use crate::writers::{Format, Writer};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// An application after its one rules pass, with its book when it has no errors.
pub struct Prepared {
    /// Everything the rules found (warnings are printed even when the book is written).
    pub report: Report,
    /// The book, when the application has no errors.
    pub book: Option<Book>,
    /// With the book, its 送件檢核表 and the word that names its files beside the book's
    /// (`<book>-送件檢核表.pdf`).
    pub checklist: Option<(Book, String)>,
}

/// Loads and checks an application once and builds its book and its 送件檢核表 from the
/// checked model.
pub fn prepare(path: &Path) -> Prepared {
    let loaded = application::load(path);
    let (book, checklist) = match loaded.passed() {
        Some(c) => (
            Some(c.book()),
            Some((crate::batch::checklist(c), crate::batch::checklist_word(c))),
        ),
        None => (None, None),
    };
    Prepared {
        report: loaded.report,
        book,
        checklist,
    }
}

/// What `appbook render` is asked to do.
pub struct Request {
    pub application: PathBuf,
    pub out_dir: PathBuf,
    /// The formats to write, each once.
    pub formats: Vec<Format>,
    pub fonts: FontOptions,
}

/// What came of a render.
pub struct Rendered {
    /// The rules' findings.
    pub report: Report,
    /// Lines about how the files were made (the PDF's font).
    pub notes: Vec<Text>,
    /// The files written, in the order of the request's formats.
    pub written: Vec<PathBuf>,
    /// Why nothing was written although the application passed.
    pub failure: Option<Text>,
    /// The request itself was wrong (`-o` names a file): exit status 2.
    pub usage_error: bool,
}

impl Rendered {
    /// 0 when every file was written; the report's status when the application failed; 1 when
    /// a writer or the file system failed.
    pub fn exit_code(&self) -> i32 {
        if self.usage_error {
            return 2;
        }
        match self.report.exit_code() {
            0 if self.failure.is_some() => 1,
            0 => 0,
            code => code,
        }
    }
}

/// The writers for `formats`. Only a PDF needs fonts, so only a PDF can fail here.
pub fn writers(formats: &[Format], fonts: &FontOptions) -> Result<Vec<Box<dyn Writer>>, Text> {
    let mut out: Vec<Box<dyn Writer>> = Vec::new();
    for f in formats {
        match f {
            Format::Pdf => out.push(Box::new(Renderer::new(fonts)?)),
            Format::Docx => out.push(Box::new(DocxWriter::default())),
        }
    }
    Ok(out)
}

/// A folder given as the application stands for its application.yaml (`render 我的申請`).
pub fn application_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("application.yaml")
    } else {
        path.to_path_buf()
    }
}

pub fn render(req: &Request) -> Rendered {
    if req.out_dir.exists() && !req.out_dir.is_dir() {
        return Rendered {
            report: Report::default(),
            notes: Vec::new(),
            written: Vec::new(),
            failure: Some(Text::new(
                format!(
                    "-o 須是資料夾，但「{}」是檔案；申請書會寫成「資料夾/<申請資料夾名稱>.pdf」與 .docx，送件檢核表寫在旁邊",
                    req.out_dir.display()
                ),
                format!(
                    "-o must be a folder, but `{}` is a file; the book is written as FOLDER/<application folder name>.pdf and .docx, its 送件檢核表 beside it",
                    req.out_dir.display()
                ),
            )),
            usage_error: true,
        };
    }
    let application = application_file(&req.application);
    // The fonts are found and the Kai face loaded on the other core while the application is
    // read and checked: the book needs them only once it is built. When the application has
    // errors they go unused, and so does a font error.
    let (
        Prepared {
            report,
            book,
            checklist,
        },
        writers,
    ) = rayon::join(
        || prepare(&application),
        || writers(&req.formats, &req.fonts).inspect(|ws| ws.iter().for_each(|w| w.warm())),
    );
    let mut rendered = Rendered {
        report,
        notes: Vec::new(),
        written: Vec::new(),
        failure: None,
        usage_error: false,
    };
    let Some(book) = book else {
        return rendered;
    };
    let writers = match writers {
        Ok(w) => w,
        Err(t) => {
            rendered.failure = Some(t);
            return rendered;
        }
    };
    let name = book_name(&application);
    let mut books = vec![(&book, name.clone())];
    if let Some((list, word)) = &checklist {
        books.push((list, format!("{name}-{word}")));
    }
    match write_books(&books, &writers, &req.out_dir) {
        Ok(written) => {
            rendered.notes = writers.iter().filter_map(|w| w.note()).collect();
            rendered.written = written;
        }
        Err(t) => rendered.failure = Some(t),
    }
    rendered
}

/// Makes every format in memory, then writes `DIR/<name>.<ext>` for each: all of them in full
/// under temporary names first, then each renamed into place. A file that cannot be written
/// (a full disk, a read-only folder) stops the run before any is renamed, so the folder keeps
/// what it had: the old books, or none.
pub fn write_book(
    book: &Book,
    writers: &[Box<dyn Writer>],
    out_dir: &Path,
    name: &str,
) -> Result<Vec<PathBuf>, Text> {
    write_books(&[(book, name.to_string())], writers, out_dir)
}

/// [`write_book`] for several books written together (a book and its 送件檢核表): every file of
/// every book is staged before any is renamed, so they land all or none.
pub fn write_books(
    books: &[(&Book, String)],
    writers: &[Box<dyn Writer>],
    out_dir: &Path,
) -> Result<Vec<PathBuf>, Text> {
    write_books_with(books, writers, out_dir, &|tmp: &Path| {
        std::fs::File::create(tmp)
    })
}

/// [`write_book`] through the temporary files `create` opens (a test's failing disk).
pub fn write_book_with<S: crate::write::Sink>(
    book: &Book,
    writers: &[Box<dyn Writer>],
    out_dir: &Path,
    name: &str,
    create: &dyn Fn(&Path) -> std::io::Result<S>,
) -> Result<Vec<PathBuf>, Text> {
    write_books_with(&[(book, name.to_string())], writers, out_dir, create)
}

/// [`write_books`] through the temporary files `create` opens.
pub fn write_books_with<S: crate::write::Sink>(
    books: &[(&Book, String)],
    writers: &[Box<dyn Writer>],
    out_dir: &Path,
    create: &dyn Fn(&Path) -> std::io::Result<S>,
) -> Result<Vec<PathBuf>, Text> {
    // Every book and writer pair shares nothing but the book: Typst lays out a PDF while a DOCX
    // is built (and its attachment pages turned into pictures, several at once) on the other
    // cores. Within a folder's render (already on one of the pool's threads) the other threads
    // are busy with other books, so the pairs, and a DOCX's attachments, are made in turn:
    // splitting again would only add contention, memory and stack depth.
    let jobs: Vec<(&Book, &str, &dyn Writer)> = books
        .iter()
        .flat_map(|(book, name)| {
            writers
                .iter()
                .map(move |w| (*book, name.as_str(), w.as_ref()))
        })
        .collect();
    let write = |(book, name, w): &(&Book, &str, &dyn Writer)| {
        let bytes = w.write(book).map_err(|e| e.message)?;
        Ok((
            out_dir.join(format!("{name}.{}", w.format().extension())),
            bytes,
        ))
    };
    let made: Vec<Result<_, Text>> = if rayon::current_thread_index().is_some() {
        crate::writers::in_turn(|| jobs.iter().map(write).collect())
    } else {
        jobs.par_iter().map(write).collect()
    };
    // In the books' and writers' order, so that of two failures the same one is told every time.
    let made = made.into_iter().collect::<Result<Vec<_>, Text>>()?;
    let cannot_write = |path: &Path, e: std::io::Error| {
        Text::new(
            format!(
                "無法寫入「{}」：{}",
                path.display(),
                crate::diagnostics::io_error_zh(&e)
            ),
            format!("cannot write `{}`: {e}", path.display()),
        )
    };
    let mut staged = Vec::new();
    for (path, bytes) in &made {
        staged.push(crate::write::stage(path, bytes, create).map_err(|e| cannot_write(path, e))?);
    }
    for (file, (path, _)) in staged.into_iter().zip(&made) {
        file.commit().map_err(|e| cannot_write(path, e))?;
    }
    Ok(made.into_iter().map(|(path, _)| path).collect())
}

/// `samples/agency/application.yaml` → `agency`: the application's folder names the book.
pub fn book_name(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    abs.parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "application".into())
}
